using System;
using GluteSense.Firmware.Core.Protocol;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
// nanoFramework's Buffer, named so where the BCL also has a System.Buffer (the device-app twin compiles this file on .NET).
using Buffer = nanoFramework.Device.Bluetooth.Buffer;

namespace GluteSense.Firmware.Services
{
    /// <summary>Handles one command packet (the runtime answers on the response characteristic itself).</summary>
    public delegate void CommandPacketHandler(byte[] packet, int offset, int length);

    /// <summary>
    /// The GluteSense GATT service (UUIDs and properties in ProtocolSpec, PROTOCOL.md): data (notify: frame
    /// fragments), control (write: command packets), response (ProtocolSpec.ResponseUsesIndications: fragments of
    /// response frames), info (read). Data, control and response need an encrypted, authenticated (bonded) link.
    /// The negotiated ATT MTU is learnt from the server's session (MaxPduSizeChanged), the only session that gets it.
    /// </summary>
    public sealed class GluteSenseService
    {
        /// <summary>Data, control and response: only a bonded client with an authenticated link (docs/security.md).</summary>
        public const GattProtectionLevel StreamProtection = GattProtectionLevel.EncryptionAndAuthenticationRequired;

        private const int MaxCommandBytes = ProtocolSpec.MaxCommandLength;
        private const int MaxAttMtu = 517;
        private readonly GattServiceProvider _provider;
        private readonly CharacteristicNotifier _data;
        private readonly CharacteristicNotifier _response;
        private CommandPacketHandler _handler;

        public GluteSenseService(byte[] deviceInfo)
        {
            GattServiceProviderResult result = GattServiceProvider.Create(new Guid(ProtocolSpec.ServiceUuid));
            Check(result.Error, "service");
            _provider = result.ServiceProvider;
            GattCharacteristicProperties responseKind = ProtocolSpec.ResponseUsesIndications
                ? GattCharacteristicProperties.Indicate : GattCharacteristicProperties.Notify;
            GattLocalCharacteristic data = Create(ProtocolSpec.DataCharacteristicUuid, GattCharacteristicProperties.Notify,
                "GluteSense data", null, StreamProtection);
            GattLocalCharacteristic control = Create(ProtocolSpec.ControlCharacteristicUuid, GattCharacteristicProperties.Write,
                "GluteSense control", null, StreamProtection);
            GattLocalCharacteristic response = Create(ProtocolSpec.ResponseCharacteristicUuid, responseKind,
                "GluteSense response", null, StreamProtection);
            Create(ProtocolSpec.InfoCharacteristicUuid, GattCharacteristicProperties.Read, "GluteSense info", new Buffer(deviceInfo),
                GattProtectionLevel.Plain);
            _data = new CharacteristicNotifier(data);
            _response = new CharacteristicNotifier(response);
            control.WriteRequested += OnControlWrite;
            data.SubscribedClientsChanged += OnSubscribersChanged;
            BluetoothLEServer.Instance.Session.MaxPduSizeChanged += OnMaxPduSizeChanged;
        }

        /// <summary>Where data-frame fragments go.</summary>
        public CharacteristicNotifier Data { get { return _data; } }

        /// <summary>Where response-frame fragments go.</summary>
        public CharacteristicNotifier Response { get { return _response; } }

        /// <summary>True while a client is subscribed to the data characteristic.</summary>
        public bool HasSubscriber { get { return _data.HasSubscriber; } }

        /// <summary>Negotiated ATT MTU of the connection (the default 23 until the exchange).</summary>
        public int AttMtu { get; private set; } = ProtocolSpec.AttMtuDefault;

        /// <summary>Raised when the subscriber set or the MTU changes (the app updates the fragmenters and the LED).</summary>
        public event EventHandler LinkChanged;

        /// <summary>Sets who handles command packets (the board runtime).</summary>
        public void SetCommandHandler(CommandPacketHandler handler) { _handler = handler; }

        /// <summary>Names the board and advertises this service (the battery service is published with it).</summary>
        public void StartAdvertising(string deviceName)
        {
            BluetoothLEServer.Instance.DeviceName = deviceName;
            _provider.StartAdvertising(new GattServiceProviderAdvertisingParameters { IsConnectable = true, IsDiscoverable = true });
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
            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }

            _handler(packet, 0, length);
        }

        private void OnMaxPduSizeChanged(object sender, EventArgs e)
        {
            int mtu = BluetoothLEServer.Instance.Session.MaxMtuSize;
            AttMtu = mtu < ProtocolSpec.AttMtuDefault ? ProtocolSpec.AttMtuDefault : mtu > MaxAttMtu ? MaxAttMtu : mtu;
            RaiseLinkChanged();
        }

        private void OnSubscribersChanged(GattLocalCharacteristic sender, object args)
        {
            RaiseLinkChanged();
        }

        private void RaiseLinkChanged()
        {
            EventHandler changed = LinkChanged;
            if (changed != null)
            {
                changed(this, EventArgs.Empty);
            }
        }

        private GattLocalCharacteristic Create(string uuid, GattCharacteristicProperties properties, string description,
            Buffer staticValue, GattProtectionLevel protection)
        {
            GattLocalCharacteristicResult result = _provider.Service.CreateCharacteristic(new Guid(uuid),
                new GattLocalCharacteristicParameters
                {
                    CharacteristicProperties = properties,
                    UserDescription = description,
                    StaticValue = staticValue,
                    ReadProtectionLevel = protection,
                    WriteProtectionLevel = protection,
                });
            Check(result.Error, description);
            return result.Characteristic;
        }

        /// <summary>Throws when the stack refused to create a service or characteristic (nothing works without it).</summary>
        public static void Check(BluetoothError error, string what)
        {
            if (error != BluetoothError.Success)
            {
                throw new InvalidOperationException("BLE: creating " + what + " failed");
            }
        }
    }
}
