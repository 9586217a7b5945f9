using System;
using GluteSense.Firmware.Twin.Board;
using GluteSense.Firmware.Twin.Radio;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

// nanoFramework.Device.Bluetooth 1.1.122: the server-side surface the device app uses, with upstream's namespaces and
// signatures, on the twin's emulated controller (Radio/TwinBleStack: one per boot of the twin board).
namespace nanoFramework.Device.Bluetooth
{
    /// <summary>Bluetooth results.</summary>
    public enum BluetoothError
    {
        /// <summary>Success.</summary>
        Success = 0,
        /// <summary>No radio.</summary>
        RadioNotAvailable = 1,
        /// <summary>Already in use.</summary>
        ResourceInUse = 2,
        /// <summary>Not connected.</summary>
        DeviceNotConnected = 3,
        /// <summary>Other error.</summary>
        OtherError = 4,
        /// <summary>Disabled by policy.</summary>
        DisabledByPolicy = 5,
        /// <summary>Not supported.</summary>
        NotSupported = 6,
        /// <summary>Disabled by the user.</summary>
        DisabledByUser = 7,
        /// <summary>Consent required.</summary>
        ConsentRequired = 8,
        /// <summary>Transport not supported.</summary>
        TransportNotSupported = 9,
    }

    /// <summary>Bluetooth address kinds.</summary>
    public enum BluetoothAddressType
    {
        /// <summary>Public address.</summary>
        Public = 0,
        /// <summary>Random address.</summary>
        Random = 1,
        /// <summary>Unspecified.</summary>
        Unspecified = 2,
    }

    /// <summary>A connection id (the connection handle).</summary>
    public class BluetoothDeviceId
    {
        private readonly int _id;

        internal BluetoothDeviceId(int deviceId) { _id = deviceId; }

        /// <summary>The id for a connection handle.</summary>
        public static BluetoothDeviceId FromId(int deviceId) => new BluetoothDeviceId(deviceId);

        /// <summary>Connection handle.</summary>
        public int Id { get => _id; }

        /// <summary>Always false (LE only).</summary>
        public bool IsClassicDevice { get => false; }

        /// <summary>Always true.</summary>
        public bool IsLowEnergyDevice { get => true; }
    }

    /// <summary>A byte buffer (upstream: the data of reads, writes and notifications).</summary>
    public class Buffer
    {
        private byte[] _buffer;

        /// <summary>Length in use.</summary>
        protected uint _length;

        /// <summary>An empty buffer of <paramref name="capacity"/> bytes.</summary>
        public Buffer(uint capacity)
        {
            _buffer = new byte[capacity];
            _length = 0;
        }

        /// <summary>A buffer holding <paramref name="array"/> (not copied).</summary>
        public Buffer(byte[] array)
        {
            _buffer = array;
            _length = (uint)array.Length;
        }

        /// <summary>Allocated bytes.</summary>
        public uint Capacity { get => (uint)_buffer.Length; }

        /// <summary>Bytes in use.</summary>
        public uint Length
        {
            get => _length;
            set
            {
                if (value > _buffer.Length) throw new ArgumentException("Length greater than current buffer");
                _length = value;
            }
        }

        /// <summary>Grows the buffer to at least <paramref name="newCapacity"/> bytes.</summary>
        public void EnsureCapacity(uint newCapacity)
        {
            if (newCapacity > _buffer.Length)
            {
                var bigger = new byte[newCapacity];
                Array.Copy(_buffer, 0, bigger, 0, _buffer.Length);
                _buffer = bigger;
            }
        }

        internal byte[] Data { get => _buffer; }

        internal byte[] ToBytes()
        {
            var copy = new byte[_length];
            Array.Copy(_buffer, copy, (int)_length);
            return copy;
        }
    }

    /// <summary>Writes values into a growing buffer (the members the twin needs).</summary>
    public class DataWriter : Buffer
    {
        /// <summary>An empty writer.</summary>
        public DataWriter() : base(32) { }

        /// <summary>Appends one byte.</summary>
        public void WriteByte(byte value)
        {
            EnsureCapacity(_length + 1);
            Data[_length++] = value;
        }

        /// <summary>Appends bytes.</summary>
        public void WriteBytes(byte[] value)
        {
            EnsureCapacity(_length + (uint)value.Length);
            Array.Copy(value, 0, Data, (int)_length, value.Length);
            _length += (uint)value.Length;
        }

        /// <summary>Appends a UTF-8 string; returns its byte count.</summary>
        public uint WriteString(string value)
        {
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
            WriteBytes(bytes);
            return (uint)bytes.Length;
        }

        /// <summary>The written bytes as a buffer; the writer starts empty again.</summary>
        public Buffer DetachBuffer()
        {
            var detached = new Buffer(ToBytes());
            _length = 0;
            return detached;
        }
    }

    /// <summary>Reads values from a buffer (the members the twin needs).</summary>
    public class DataReader
    {
        private readonly Buffer _buffer;
        private int _position;

        private DataReader(Buffer buffer) { _buffer = buffer; }

        /// <summary>A reader over <paramref name="buffer"/>.</summary>
        public static DataReader FromBuffer(Buffer buffer) => new DataReader(buffer);

        /// <summary>Bytes left.</summary>
        public uint UnconsumedBufferLength { get => _buffer.Length - (uint)_position; }

        /// <summary>Fills <paramref name="value"/> with the next bytes.</summary>
        public void ReadBytes(byte[] value)
        {
            if (value.Length > UnconsumedBufferLength) throw new IndexOutOfRangeException();
            Array.Copy(_buffer.Data, _position, value, 0, value.Length);
            _position += value.Length;
        }

        /// <summary>The next byte.</summary>
        public byte ReadByte()
        {
            if (UnconsumedBufferLength < 1) throw new IndexOutOfRangeException();
            return _buffer.Data[_position++];
        }
    }

    /// <summary>The GATT server of the board (one per boot of the twin).</summary>
    public class BluetoothLEServer : IDisposable
    {
        private readonly TwinBleStack _stack;
        private readonly GattSession _session;
        private readonly DevicePairing _pairing;

        internal BluetoothLEServer(TwinBleStack stack)
        {
            _stack = stack;
            _session = new GattSession(new BluetoothDeviceId(0));
            _pairing = new DevicePairing(stack);
        }

        /// <summary>The server of the current board.</summary>
        public static BluetoothLEServer Instance => TwinBoot.Current.Ble.Server;

        /// <summary>The name advertised and in the GAP service.</summary>
        public string DeviceName { get => _stack.DeviceName; set => _stack.DeviceName = value; }

        /// <summary>The server's session: connection status and the negotiated MTU (MaxPduSizeChanged).</summary>
        public GattSession Session { get => _session; }

        /// <summary>The services created so far.</summary>
        public GattServiceProvider[] Services { get => _stack.Providers(); }

        /// <summary>The provider of <paramref name="serviceUuid"/>, or null.</summary>
        public GattServiceProvider GetServiceByUUID(Guid serviceUuid)
        {
            foreach (GattServiceProvider p in _stack.Providers())
            {
                if (p.Service.Uuid.Equals(serviceUuid)) return p;
            }

            return null;
        }

        /// <summary>Pairing settings and events of the server.</summary>
        public DevicePairing Pairing { get => _pairing; }

        /// <summary>Starts the stack in server mode.</summary>
        public void Start() { _stack.Running = true; }

        /// <summary>Stops the stack.</summary>
        public void Stop() { _stack.Running = false; }

        /// <summary>Stops the stack.</summary>
        public void Dispose() => Stop();

        // As upstream: a characteristic's protection level raises the pairing protection level the server asks for.
        internal void UpdateSecurityPairingRequirements(GattProtectionLevel protectionLevel)
        {
            DevicePairingProtectionLevel level = DevicePairingProtectionLevel.Default;
            if (protectionLevel == GattProtectionLevel.EncryptionRequired || protectionLevel == GattProtectionLevel.EncryptionAndAuthenticationRequired)
            {
                level = DevicePairingProtectionLevel.Encryption;
            }

            if (protectionLevel == GattProtectionLevel.AuthenticationRequired || protectionLevel == GattProtectionLevel.EncryptionAndAuthenticationRequired)
            {
                level = DevicePairingProtectionLevel.EncryptionAndAuthentication;
            }

            if (level > Pairing.ProtectionLevel) Pairing.ProtectionLevel = level;
        }
    }
}
