// BUILD-TIME STAND-IN (see README.md): declarations of nanoFramework.Device.Bluetooth members the app uses.
using System;

namespace nanoFramework.Device.Bluetooth
{
    public enum BluetoothError { Success = 0, NotSupported = 5 }

    public class Buffer
    {
        public Buffer(byte[] data) { throw new NotImplementedException(); }
        public uint Length { get { throw new NotImplementedException(); } }
    }

    public class DataReader
    {
        public static DataReader FromBuffer(Buffer buffer) { throw new NotImplementedException(); }
        public void ReadBytes(byte[] value) { throw new NotImplementedException(); }
    }

    public class DataWriter
    {
        public void WriteByte(byte value) { throw new NotImplementedException(); }
        public Buffer DetachBuffer() { throw new NotImplementedException(); }
    }
}

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    [Flags]
    public enum GattCharacteristicProperties : uint { None = 0, Read = 2, WriteWithoutResponse = 4, Write = 8, Notify = 16 }

    public enum GattWriteOption { WriteWithResponse = 0, WriteWithoutResponse = 1 }

    public class GattServiceProviderResult
    {
        public BluetoothError Error { get { throw new NotImplementedException(); } }
        public GattServiceProvider ServiceProvider { get { throw new NotImplementedException(); } }
    }

    public class GattServiceProviderAdvertisingParameters
    {
        public string DeviceName { get; set; }
        public bool IsConnectable { get; set; }
        public bool IsDiscoverable { get; set; }
    }

    public class GattServiceProvider
    {
        public static GattServiceProviderResult Create(Guid serviceUuid) { throw new NotImplementedException(); }
        public GattLocalService Service { get { throw new NotImplementedException(); } }
        public GattLocalService AddService(Guid serviceUuid) { throw new NotImplementedException(); }
        public void StartAdvertising(GattServiceProviderAdvertisingParameters parameters) { throw new NotImplementedException(); }
    }

    public class GattLocalService
    {
        public GattLocalCharacteristicResult CreateCharacteristic(Guid characteristicUuid, GattLocalCharacteristicParameters parameters) { throw new NotImplementedException(); }
    }

    public class GattLocalCharacteristicParameters
    {
        public GattCharacteristicProperties CharacteristicProperties { get; set; }
        public string UserDescription { get; set; }
        public Buffer StaticValue { get; set; }
    }

    public class GattLocalCharacteristicResult
    {
        public BluetoothError Error { get { throw new NotImplementedException(); } }
        public GattLocalCharacteristic Characteristic { get { throw new NotImplementedException(); } }
    }

    public class GattLocalCharacteristic
    {
        public delegate void WriteRequestedEventHandler(GattLocalCharacteristic sender, GattWriteRequestedEventArgs writeRequestEventArgs);

        public delegate void ReadRequestedEventHandler(GattLocalCharacteristic sender, GattReadRequestedEventArgs readRequestEventArgs);

        public delegate void SubscribedClientsChangedEventHandler(GattLocalCharacteristic sender, object args);

        public event WriteRequestedEventHandler WriteRequested { add { throw new NotImplementedException(); } remove { } }
        public event ReadRequestedEventHandler ReadRequested { add { throw new NotImplementedException(); } remove { } }
        public event SubscribedClientsChangedEventHandler SubscribedClientsChanged { add { throw new NotImplementedException(); } remove { } }
        public GattSession[] SubscribedClients { get { throw new NotImplementedException(); } }
        public void NotifyValue(Buffer value) { throw new NotImplementedException(); }
    }

    public class GattSession
    {
        public ushort MaxPduSize { get { throw new NotImplementedException(); } }
    }

    public class GattWriteRequestedEventArgs : EventArgs
    {
        public GattWriteRequest GetRequest() { throw new NotImplementedException(); }
    }

    public class GattWriteRequest
    {
        public Buffer Value { get { throw new NotImplementedException(); } }
        public GattWriteOption Option { get { throw new NotImplementedException(); } }
        public void Respond() { throw new NotImplementedException(); }
        public void RespondWithProtocolError(byte protocolError) { throw new NotImplementedException(); }
    }

    public class GattReadRequestedEventArgs : EventArgs
    {
        public GattReadRequest GetRequest() { throw new NotImplementedException(); }
    }

    public class GattReadRequest
    {
        public void RespondWithValue(Buffer value) { throw new NotImplementedException(); }
    }
}
