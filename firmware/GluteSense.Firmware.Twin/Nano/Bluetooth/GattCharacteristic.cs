using System;
using System.Collections.Generic;
using GluteSense.Firmware.Twin.Radio;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>A characteristic of a local service, on the twin's controller (TwinBleStack).</summary>
    public class GattLocalCharacteristic
    {
        private readonly TwinBleStack _stack;
        private readonly List<GattSubscribedClient> _subscribed = new List<GattSubscribedClient>();

        /// <summary>Handler of read requests.</summary>
        public delegate void GattLocalCharacteristicReadEventHandler(GattLocalCharacteristic sender, GattReadRequestedEventArgs ReadRequestEventArgs);

        /// <summary>Handler of write requests.</summary>
        public delegate void GattLocalCharacteristicWriteEventHandler(GattLocalCharacteristic sender, GattWriteRequestedEventArgs WriteRequestEventArgs);

        /// <summary>Handler of subscription changes.</summary>
        public delegate void GattLocalCharacteristicClientsChangedEventHandler(GattLocalCharacteristic sender, object args);

        internal GattLocalCharacteristic(Guid characteristicUuid, GattLocalCharacteristicParameters parameters, TwinBleStack stack)
        {
            _stack = stack;
            Uuid = characteristicUuid;
            CharacteristicProperties = parameters.CharacteristicProperties;
            ReadProtectionLevel = parameters.ReadProtectionLevel;
            WriteProtectionLevel = parameters.WriteProtectionLevel;
            StaticValue = parameters.StaticValue;
            UserDescription = parameters.UserDescription;
        }

        /// <summary>Properties.</summary>
        public GattCharacteristicProperties CharacteristicProperties { get; }

        /// <summary>Read (and subscription) protection.</summary>
        public GattProtectionLevel ReadProtectionLevel { get; }

        /// <summary>Write protection.</summary>
        public GattProtectionLevel WriteProtectionLevel { get; }

        /// <summary>Value the stack serves itself.</summary>
        public Buffer StaticValue { get; }

        /// <summary>User description.</summary>
        public string UserDescription { get; }

        /// <summary>UUID.</summary>
        public Guid Uuid { get; }

        /// <summary>Clients subscribed now.</summary>
        public GattSubscribedClient[] SubscribedClients
        {
            get
            {
                lock (_subscribed) return _subscribed.ToArray();
            }
        }

        /// <summary>A client reads.</summary>
        public event GattLocalCharacteristicReadEventHandler ReadRequested;

        /// <summary>A client writes.</summary>
        public event GattLocalCharacteristicWriteEventHandler WriteRequested;

        /// <summary>A client subscribed or unsubscribed.</summary>
        public event GattLocalCharacteristicClientsChangedEventHandler SubscribedClientsChanged;

        /// <summary>Notifies (or indicates) <paramref name="value"/> to every subscribed client; one result each.</summary>
        public GattClientNotificationResult[] NotifyValue(Buffer value)
        {
            GattSubscribedClient[] clients = SubscribedClients;
            var results = new GattClientNotificationResult[clients.Length];
            for (int i = 0; i < clients.Length; i++) results[i] = NotifyValue(value, clients[i]);
            return results;
        }

        /// <summary>Notifies (or indicates) <paramref name="value"/> to one client.</summary>
        public GattClientNotificationResult NotifyValue(Buffer value, GattSubscribedClient subscribedClient)
        {
            byte[] bytes = value.ToBytes();
            int rc = subscribedClient.Link.Deliver(this, bytes);
            return new GattClientNotificationResult((byte)rc, rc == 0 ? GattCommunicationStatus.Success : GattCommunicationStatus.Unreachable,
                subscribedClient, (ushort)bytes.Length);
        }

        internal bool Subscribe(GattSubscribedClient client, bool on)
        {
            lock (_subscribed)
            {
                int at = _subscribed.FindIndex(c => c.Link == client.Link);
                if (on == at >= 0) return false;
                if (on) _subscribed.Add(client);
                else _subscribed.RemoveAt(at);
            }

            return true;
        }

        internal void RaiseSubscribedClientsChanged() => SubscribedClientsChanged?.Invoke(this, null);

        // As upstream: a static value is served by the stack; otherwise the app's handler, else UnlikelyError.
        internal void OnReadRequested(GattReadRequestedEventArgs e)
        {
            if (StaticValue != null) e.GetRequest().RespondWithValue(StaticValue);
            else if (ReadRequested != null) ReadRequested(this, e);
            else e.GetRequest().RespondWithProtocolError(GattProtocolError.UnlikelyError);
        }

        internal void OnWriteRequested(GattWriteRequestedEventArgs e)
        {
            if (WriteRequested != null) WriteRequested(this, e);
            else e.GetRequest().RespondWithProtocolError(GattProtocolError.UnlikelyError);
        }
    }

    /// <summary>A client's write.</summary>
    public class GattWriteRequest
    {
        private readonly Buffer _value;

        internal GattWriteRequest(byte[] data) { _value = new Buffer(data); }

        /// <summary>Acknowledges the write.</summary>
        public void Respond() { Responded = true; Error = 0; }

        /// <summary>Refuses the write with an ATT error.</summary>
        public void RespondWithProtocolError(byte protocolError) { Responded = true; Error = protocolError; }

        /// <summary>Offset (0).</summary>
        public uint Offset { get => 0; }

        /// <summary>Always WriteWithResponse, as upstream 1.1.122 reports it (the native side never sets it).</summary>
        public GattWriteOption Option { get => GattWriteOption.WriteWithResponse; }

        /// <summary>The written bytes.</summary>
        public Buffer Value { get => _value; }

        internal bool Responded { get; private set; }

        internal byte Error { get; private set; }
    }

    /// <summary>A write request event.</summary>
    public class GattWriteRequestedEventArgs
    {
        private readonly GattWriteRequest _request;

        internal GattWriteRequestedEventArgs(GattWriteRequest request, GattSession session)
        {
            _request = request;
            Session = session;
        }

        /// <summary>The request.</summary>
        public GattWriteRequest GetRequest() => _request;

        /// <summary>The client's session.</summary>
        public GattSession Session { get; }
    }

    /// <summary>A client's read.</summary>
    public class GattReadRequest
    {
        private Buffer _readValue;

        internal GattReadRequest() { }

        /// <summary>Answers with <paramref name="value"/>.</summary>
        public void RespondWithValue(Buffer value) { _readValue = value; Responded = true; }

        /// <summary>Refuses the read with an ATT error.</summary>
        public void RespondWithProtocolError(byte protocolError) { Error = protocolError; Responded = true; }

        /// <summary>Length of the answer.</summary>
        public uint Length { get => _readValue.Length; }

        internal bool Responded { get; private set; }

        internal byte Error { get; private set; }

        internal byte[] Value => _readValue?.ToBytes();
    }

    /// <summary>A read request event.</summary>
    public class GattReadRequestedEventArgs
    {
        private readonly GattReadRequest _request;

        internal GattReadRequestedEventArgs(GattReadRequest request, GattSession session)
        {
            _request = request;
            Session = session;
        }

        /// <summary>The request.</summary>
        public GattReadRequest GetRequest() => _request;

        /// <summary>The client's session.</summary>
        public GattSession Session { get; }
    }
}
