using System;
using System.Collections.Generic;
using GluteSense.Firmware.Twin.Board;
using GluteSense.Firmware.Twin.Radio;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>Characteristic properties (flags, upstream values).</summary>
    [Flags]
    public enum GattCharacteristicProperties : uint
    {
        /// <summary>None.</summary>
        None = 0,
        /// <summary>Broadcast.</summary>
        Broadcast = 1,
        /// <summary>Read.</summary>
        Read = 2,
        /// <summary>Write without response.</summary>
        WriteWithoutResponse = 4,
        /// <summary>Write.</summary>
        Write = 8,
        /// <summary>Notify.</summary>
        Notify = 16,
        /// <summary>Indicate.</summary>
        Indicate = 32,
        /// <summary>Signed writes.</summary>
        AuthenticatedSignedWrites = 64,
        /// <summary>Extended properties.</summary>
        ExtendedProperties = 128,
        /// <summary>Reliable writes.</summary>
        ReliableWrites = 256,
        /// <summary>Writable auxiliaries.</summary>
        WritableAuxiliaries = 512,
    }

    /// <summary>What a link needs before an attribute may be read or written.</summary>
    public enum GattProtectionLevel
    {
        /// <summary>Anyone.</summary>
        Plain = 0,
        /// <summary>An authenticated pairing.</summary>
        AuthenticationRequired = 1,
        /// <summary>An encrypted link.</summary>
        EncryptionRequired = 2,
        /// <summary>An encrypted link with keys from an authenticated pairing.</summary>
        EncryptionAndAuthenticationRequired = 3,
    }

    /// <summary>Result of a notification.</summary>
    public enum GattCommunicationStatus
    {
        /// <summary>Sent.</summary>
        Success = 0,
        /// <summary>Not sent: the link could not take it.</summary>
        Unreachable = 1,
        /// <summary>Protocol error.</summary>
        ProtocolError = 2,
        /// <summary>Access denied.</summary>
        AccessDenied = 3,
    }

    /// <summary>Write kinds.</summary>
    public enum GattWriteOption
    {
        /// <summary>Acknowledged write.</summary>
        WriteWithResponse = 0,
        /// <summary>Command (no response).</summary>
        WriteWithoutResponse = 1,
    }

    /// <summary>Advertising state of a provider.</summary>
    public enum GattServiceProviderAdvertisementStatus
    {
        /// <summary>Created.</summary>
        Created = 0,
        /// <summary>Stopped.</summary>
        Stopped = 1,
        /// <summary>Started.</summary>
        Started = 2,
        /// <summary>Aborted.</summary>
        Aborted = 3,
        /// <summary>Started, some data did not fit.</summary>
        StartedWithoutAllAdvertisementData = 4,
    }

    /// <summary>Session states.</summary>
    public enum GattSessionStatus
    {
        /// <summary>Closed.</summary>
        Closed = 0,
        /// <summary>Active.</summary>
        Active = 1,
    }

    /// <summary>ATT error codes.</summary>
    public static class GattProtocolError
    {
        /// <summary>0x05.</summary>
        public static byte InsufficientAuthentication { get => 5; }
        /// <summary>0x0F.</summary>
        public static byte InsufficientEncryption { get => 15; }
        /// <summary>0x02.</summary>
        public static byte ReadNotPermitted { get => 2; }
        /// <summary>0x03.</summary>
        public static byte WriteNotPermitted { get => 3; }
        /// <summary>0x06.</summary>
        public static byte RequestNotSupported { get => 6; }
        /// <summary>0x0E.</summary>
        public static byte UnlikelyError { get => 14; }
        /// <summary>0x0D.</summary>
        public static byte InvalidAttributeValueLength { get => 13; }
        /// <summary>0x0A.</summary>
        public static byte AttributeNotFound { get => 10; }
    }

    /// <summary>A GATT session (a connection; the server's own session gets the MTU exchange).</summary>
    public class GattSession
    {
        private readonly BluetoothDeviceId _deviceId;
        private ushort _maxMtuSize;

        /// <summary>Handler of session status changes.</summary>
        public delegate void GattSessionStatusChangedEventHandler(object sender, GattSessionStatusChangedEventArgs args);

        internal GattSession(BluetoothDeviceId deviceId) { _deviceId = deviceId; }

        /// <summary>A session for a device id.</summary>
        public static GattSession FromDeviceId(BluetoothDeviceId deviceId) => new GattSession(deviceId);

        /// <summary>Connected / disconnected.</summary>
        public event GattSessionStatusChangedEventHandler SessionStatusChanged;

        /// <summary>The MTU exchange completed (<see cref="MaxMtuSize"/> holds the result).</summary>
        public event EventHandler MaxPduSizeChanged;

        /// <summary>The connection.</summary>
        public BluetoothDeviceId DeviceId { get => _deviceId; }

        /// <summary>Negotiated ATT MTU (0 before an exchange).</summary>
        public ushort MaxMtuSize { get => _maxMtuSize; }

        internal void OnConnected(bool connected) =>
            SessionStatusChanged?.Invoke(this, new GattSessionStatusChangedEventArgs(connected ? GattSessionStatus.Active : GattSessionStatus.Closed, BluetoothError.Success));

        internal void OnMtu(ushort mtu)
        {
            _maxMtuSize = mtu;
            MaxPduSizeChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Session status change.</summary>
    public class GattSessionStatusChangedEventArgs
    {
        internal GattSessionStatusChangedEventArgs(GattSessionStatus status, BluetoothError error)
        {
            Status = status;
            Error = error;
        }

        /// <summary>New status.</summary>
        public GattSessionStatus Status { get; }

        /// <summary>Error, if any.</summary>
        public BluetoothError Error { get; }
    }

    /// <summary>A client subscribed to a characteristic.</summary>
    public class GattSubscribedClient
    {
        private readonly GattSession _session;

        internal GattSubscribedClient(GattSession session, TwinLink link)
        {
            _session = session;
            Link = link;
        }

        /// <summary>Upstream's fixed value.</summary>
        public ushort MaxNotificationSize { get => 1024; }

        /// <summary>The client's session (never gets the MTU: the server's session does).</summary>
        public GattSession Session { get => _session; }

        internal TwinLink Link { get; }
    }

    /// <summary>Result of one notification to one client.</summary>
    public class GattClientNotificationResult
    {
        internal GattClientNotificationResult(byte result, GattCommunicationStatus status, GattSubscribedClient client, ushort bytesSent)
        {
            ProtocolError = result;
            Status = status;
            SubscribedClient = client;
            BytesSent = bytesSent;
        }

        /// <summary>The stack's return code (0 when sent).</summary>
        public byte ProtocolError { get; }

        /// <summary>Sent or not.</summary>
        public GattCommunicationStatus Status { get; }

        /// <summary>The client.</summary>
        public GattSubscribedClient SubscribedClient { get; }

        /// <summary>Bytes handed to the stack.</summary>
        public ushort BytesSent { get; }
    }

    /// <summary>Parameters of a new characteristic.</summary>
    public class GattLocalCharacteristicParameters
    {
        /// <summary>Defaults: no properties, plain protection.</summary>
        public GattLocalCharacteristicParameters() { }

        /// <summary>Write protection.</summary>
        public GattProtectionLevel WriteProtectionLevel { get; set; }

        /// <summary>User description descriptor.</summary>
        public string UserDescription { get; set; }

        /// <summary>Value served by the stack itself.</summary>
        public Buffer StaticValue { get; set; }

        /// <summary>Read protection (also what a subscription needs).</summary>
        public GattProtectionLevel ReadProtectionLevel { get; set; }

        /// <summary>Properties.</summary>
        public GattCharacteristicProperties CharacteristicProperties { get; set; }
    }

    /// <summary>Result of creating a characteristic.</summary>
    public class GattLocalCharacteristicResult
    {
        internal GattLocalCharacteristicResult(GattLocalCharacteristic characteristic, BluetoothError error)
        {
            Characteristic = characteristic;
            Error = error;
        }

        /// <summary>The characteristic.</summary>
        public GattLocalCharacteristic Characteristic { get; }

        /// <summary>Error.</summary>
        public BluetoothError Error { get; }
    }

    /// <summary>Result of creating a provider.</summary>
    public class GattServiceProviderResult
    {
        internal GattServiceProviderResult(GattServiceProvider serviceProvider, BluetoothError error)
        {
            ServiceProvider = serviceProvider;
            Error = error;
        }

        /// <summary>Error.</summary>
        public BluetoothError Error { get; }

        /// <summary>The provider.</summary>
        public GattServiceProvider ServiceProvider { get; }
    }

    /// <summary>Advertising parameters.</summary>
    public class GattServiceProviderAdvertisingParameters
    {
        /// <summary>Defaults: connectable, discoverable.</summary>
        public GattServiceProviderAdvertisingParameters() { }

        /// <summary>Discoverable.</summary>
        public bool IsDiscoverable { get; set; } = true;

        /// <summary>Connectable.</summary>
        public bool IsConnectable { get; set; } = true;
    }

    /// <summary>One service of the GATT server (each service is its own provider).</summary>
    public class GattServiceProvider
    {
        private readonly TwinBleStack _stack;
        private GattServiceProviderAdvertisementStatus _status = GattServiceProviderAdvertisementStatus.Created;

        internal GattServiceProvider(Guid serviceUuid, TwinBleStack stack)
        {
            _stack = stack;
            Service = new GattLocalService(serviceUuid, stack);
            stack.Add(this);
        }

        /// <summary>Creates a provider for <paramref name="serviceUuid"/> (the first one also adds Device Information,
        /// as upstream does).</summary>
        public static GattServiceProviderResult Create(Guid serviceUuid)
        {
            TwinBleStack stack = TwinBoot.Current.Ble;
            var provider = new GattServiceProvider(serviceUuid, stack);
            if (stack.Providers().Length == 1) stack.AddDeviceInformation();
            return new GattServiceProviderResult(provider, BluetoothError.Success);
        }

        /// <summary>Advertising state.</summary>
        public GattServiceProviderAdvertisementStatus AdvertisementStatus { get => _status; }

        /// <summary>The service.</summary>
        public GattLocalService Service { get; }

        /// <summary>Advertises with default parameters.</summary>
        public void StartAdvertising() => StartAdvertising(new GattServiceProviderAdvertisingParameters());

        /// <summary>Publishes every service and advertises this one.</summary>
        public void StartAdvertising(GattServiceProviderAdvertisingParameters parameters)
        {
            _stack.StartAdvertising(Service.Uuid, parameters.IsConnectable);
            _status = GattServiceProviderAdvertisementStatus.Started;
        }

        /// <summary>Stops advertising.</summary>
        public void StopAdvertising()
        {
            _stack.StopAdvertising();
            _status = GattServiceProviderAdvertisementStatus.Stopped;
        }
    }

    /// <summary>A local service.</summary>
    public class GattLocalService
    {
        private readonly TwinBleStack _stack;
        private readonly List<GattLocalCharacteristic> _characteristics = new List<GattLocalCharacteristic>();

        internal GattLocalService(Guid serviceUuid, TwinBleStack stack)
        {
            Uuid = serviceUuid;
            _stack = stack;
        }

        /// <summary>Creates a characteristic; its protection levels raise the pairing requirements (as upstream).</summary>
        public GattLocalCharacteristicResult CreateCharacteristic(Guid characteristicUuid, GattLocalCharacteristicParameters parameters)
        {
            var characteristic = new GattLocalCharacteristic(characteristicUuid, parameters, _stack);
            _characteristics.Add(characteristic);
            _stack.Server.UpdateSecurityPairingRequirements(characteristic.ReadProtectionLevel);
            _stack.Server.UpdateSecurityPairingRequirements(characteristic.WriteProtectionLevel);
            return new GattLocalCharacteristicResult(characteristic, BluetoothError.Success);
        }

        /// <summary>The service's characteristics.</summary>
        public GattLocalCharacteristic[] Characteristics { get => _characteristics.ToArray(); }

        /// <summary>Service UUID.</summary>
        public Guid Uuid { get; }
    }
}
