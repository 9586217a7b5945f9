using System;
using GluteSense.Firmware.Core.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace GluteSense.Firmware.Services
{
    /// <summary>Handles one command packet; writes the response into response[0..]; returns its length.</summary>
    public delegate int CommandPacketHandler(byte[] packet, int offset, int length, byte[] response, int responseOffset);

    /// <summary>
    /// The GluteSense GATT service (UUIDs in ProtocolSpec, PROTOCOL.md): data (notify: frame fragments), control (write:
    /// command packets), response (notify: command responses), info (read). The frame publisher sends through
    /// <see cref="Send"/>, which drops nothing silently: with no subscriber the frames stay in the retransmit ring.
    /// </summary>
    public sealed class GluteSenseService : INotificationSink
    {
        private const int MaxCommandBytes = ProtocolSpec.MaxCommandLength;
        private readonly GattServiceProvider _provider;
        private readonly GattLocalCharacteristic _data;
        private readonly GattLocalCharacteristic _response;
        private readonly byte[] _responseBuffer = new byte[MaxCommandBytes];
        private CommandPacketHandler _handler;

        public GluteSenseService(byte[] deviceInfo)
        {
            GattServiceProviderResult result = GattServiceProvider.Create(new Guid(ProtocolSpec.ServiceUuid));
            Check(result.Error, "service");
            _provider = result.ServiceProvider;
            _data = Create(ProtocolSpec.DataCharacteristicUuid, GattCharacteristicProperties.Notify, "GluteSense data", null);
            GattLocalCharacteristic control = Create(ProtocolSpec.ControlCharacteristicUuid, GattCharacteristicProperties.Write, "GluteSense control", null);
            _response = Create(ProtocolSpec.ResponseCharacteristicUuid, GattCharacteristicProperties.Notify, "GluteSense response", null);
            Create(ProtocolSpec.InfoCharacteristicUuid, GattCharacteristicProperties.Read, "GluteSense info", new Buffer(deviceInfo));
            control.WriteRequested += OnControlWrite;
            _data.SubscribedClientsChanged += OnSubscribersChanged;
        }

        /// <summary>The provider, for the other services of the board.</summary>
        public GattServiceProvider Provider { get { return _provider; } }

        /// <summary>True while a client is subscribed to the data characteristic.</summary>
        public bool HasSubscriber { get; private set; }

        /// <summary>ATT MTU of the subscribed client (the default 23 until one subscribes).</summary>
        public int AttMtu { get; private set; } = ProtocolSpec.AttMtuDefault;

        /// <summary>Raised when the subscriber set changes (the app updates the MTU and the LED).</summary>
        public event EventHandler SubscribersChanged;

        /// <summary>Sets who answers command packets (the board runtime).</summary>
        public void SetCommandHandler(CommandPacketHandler handler) { _handler = handler; }

        public void StartAdvertising(string deviceName)
        {
            _provider.StartAdvertising(new GattServiceProviderAdvertisingParameters { DeviceName = deviceName, IsConnectable = true, IsDiscoverable = true });
        }

        /// <summary>One notification on the data characteristic, only when a client subscribed.</summary>
        public void Send(byte[] buffer, int offset, int length)
        {
            if (!HasSubscriber)
            {
                return;
            }

            // nanoFramework's Buffer owns its bytes: one copy per notification (firmware-budget.md counts it).
            byte[] copy = new byte[length];
            Array.Copy(buffer, offset, copy, 0, length);
            _data.NotifyValue(new Buffer(copy));
        }

        private void OnControlWrite(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            int length = (int)request.Value.Length;
            if (length > MaxCommandBytes || _handler == null)
            {
                request.RespondWithProtocolError((byte)BluetoothError.NotSupported);
                return;
            }

            byte[] packet = new byte[length];   // commands are rare: one small allocation each is fine
            DataReader.FromBuffer(request.Value).ReadBytes(packet);
            int responseLength = _handler(packet, 0, length, _responseBuffer, 0);
            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }

            if (responseLength > 0)
            {
                byte[] response = new byte[responseLength];
                Array.Copy(_responseBuffer, 0, response, 0, responseLength);
                _response.NotifyValue(new Buffer(response));
            }
        }

        private void OnSubscribersChanged(GattLocalCharacteristic sender, object args)
        {
            GattSession[] clients = sender.SubscribedClients;
            HasSubscriber = clients.Length > 0;
            AttMtu = HasSubscriber ? clients[0].MaxPduSize : ProtocolSpec.AttMtuDefault;
            EventHandler changed = SubscribersChanged;
            if (changed != null)
            {
                changed(this, EventArgs.Empty);
            }
        }

        private GattLocalCharacteristic Create(string uuid, GattCharacteristicProperties properties, string description, Buffer staticValue)
        {
            GattLocalCharacteristicResult result = _provider.Service.CreateCharacteristic(new Guid(uuid),
                new GattLocalCharacteristicParameters { CharacteristicProperties = properties, UserDescription = description, StaticValue = staticValue });
            Check(result.Error, description);
            return result.Characteristic;
        }

        private static void Check(BluetoothError error, string what)
        {
            if (error != BluetoothError.Success)
            {
                throw new InvalidOperationException("BLE: creating " + what + " failed");
            }
        }
    }
}
