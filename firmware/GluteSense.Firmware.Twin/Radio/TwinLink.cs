using System;
using System.Collections.Generic;
using GluteSense.Firmware.Twin.Board;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace GluteSense.Firmware.Twin.Radio
{
    /// <summary>A central (the host's Bluetooth adapter) with its address, which is what bonds are keyed on.</summary>
    public sealed class TwinCentral
    {
        /// <summary>A central with <paramref name="address"/> (48-bit).</summary>
        public TwinCentral(ulong address, int preferredMtu = TwinBleStack.MaxAttMtu)
        {
            Address = address;
            PreferredMtu = preferredMtu;
        }

        /// <summary>Bluetooth address.</summary>
        public ulong Address { get; }

        /// <summary>The MTU the central offers in the exchange (BlueZ: 517).</summary>
        public int PreferredMtu { get; }

        /// <summary>Connects to <paramref name="board"/>; throws <see cref="TwinLinkException"/> when it does not advertise.</summary>
        public TwinLink Connect(TwinBoard board) => board.Ble.Connect(this);
    }

    /// <summary>
    /// One connection from a central to the twin board, as the host's Bluetooth stack uses it: MTU exchange, pairing
    /// (LE Secure Connections passkey entry: the board shows its passkey, the user types it), reads, writes,
    /// subscriptions and the notifications/indications that arrive (<see cref="Received"/>). Every ATT operation
    /// returns the ATT error code (0 = success), checked against the characteristic's protection level before the
    /// app sees anything. <see cref="FailNotification"/> makes the link refuse chosen notifications (the board's
    /// NotifyValue then reports them as not sent).
    /// </summary>
    public sealed class TwinLink
    {
        private readonly TwinBleStack _stack;
        private readonly object _gate = new object();
        private int _notifications;

        internal TwinLink(TwinBleStack stack, TwinCentral central, int handle)
        {
            _stack = stack;
            Central = central;
            Session = new GattSession(new BluetoothDeviceId(handle));
            Client = new GattSubscribedClient(Session, this);
        }

        /// <summary>The central at the other end.</summary>
        public TwinCentral Central { get; }

        /// <summary>Negotiated ATT MTU (23 until <see cref="ExchangeMtu"/>).</summary>
        public int AttMtu { get; private set; } = TwinBleStack.DefaultAttMtu;

        /// <summary>Link encrypted.</summary>
        public bool Encrypted { get; internal set; }

        /// <summary>Encryption keys from an authenticated (passkey) pairing.</summary>
        public bool Authenticated { get; internal set; }

        /// <summary>False after a disconnect or drop.</summary>
        public bool Connected { get; private set; } = true;

        /// <summary>Notifications and indications so far (characteristic, value), after the first the app sent.</summary>
        public event Action<Guid, byte[]> Received;

        /// <summary>Fault injection: called with the characteristic and the 0-based number of each notification on this
        /// link; true refuses it (nothing reaches the central and the board's NotifyValue result is Unreachable).</summary>
        public Func<Guid, int, bool> FailNotification { get; set; }

        /// <summary>Notifications refused by <see cref="FailNotification"/>.</summary>
        public int RefusedNotifications { get; private set; }

        internal GattSession Session { get; }

        internal GattSubscribedClient Client { get; }

        /// <summary>ATT MTU exchange: the result is min(central, board maximum); the board's server session learns it
        /// (MaxPduSizeChanged), as nanoFramework reports it.</summary>
        public int ExchangeMtu(int clientMtu)
        {
            RequireConnected();
            AttMtu = Math.Max(TwinBleStack.DefaultAttMtu, Math.Min(clientMtu, TwinBleStack.MaxAttMtu));
            ushort mtu = (ushort)AttMtu;
            _stack.Boot.Scheduler.RunEvent(() => _stack.Server.Session.OnMtu(mtu), _stack.Boot);
            return AttMtu;
        }

        /// <summary>
        /// Pairs with the passkey the user typed: the board's pairing settings decide the method (DisplayOnly: passkey
        /// entry, the app must supply its passkey through PairingRequested; NoInputNoOutput: just works, encrypted
        /// but not authenticated). Stores a bond when the board allows bonding. Raises PairingComplete on the board.
        /// </summary>
        public DevicePairingResultStatus Pair(int typedPasskey)
        {
            RequireConnected();
            DevicePairing pairing = _stack.Server.Pairing;
            var attempt = new TwinPairingAttempt();
            DevicePairingResultStatus status;
            bool authenticated;
            switch (pairing.IOCapabilities)
            {
                case DevicePairingIOCapabilities.DisplayOnly:
                case DevicePairingIOCapabilities.DisplayYesNo:
                case DevicePairingIOCapabilities.KeyboardDisplay:
                    _stack.Boot.Scheduler.RunEvent(() => pairing.RaisePairingRequested(
                        new DevicePairingRequestedEventArgs(attempt, DevicePairingKinds.DisplayPin, 0)), _stack.Boot);
                    authenticated = true;
                    status = attempt.BoardPasskey == null ? DevicePairingResultStatus.RequiredHandlerNotRegistered
                        : attempt.BoardPasskey.Value == typedPasskey ? DevicePairingResultStatus.Paired
                        : DevicePairingResultStatus.AuthenticationFailure;
                    break;
                case DevicePairingIOCapabilities.NoInputNoOutput:
                    authenticated = false;
                    status = pairing.ProtectionLevel == DevicePairingProtectionLevel.EncryptionAndAuthentication
                        ? DevicePairingResultStatus.ProtectionLevelCouldNotBeMet : DevicePairingResultStatus.Paired;
                    break;
                default:
                    authenticated = false;
                    status = DevicePairingResultStatus.AuthenticationNotAllowed;   // the board would need the host's passkey
                    break;
            }

            if (status == DevicePairingResultStatus.Paired)
            {
                Encrypted = true;
                Authenticated = authenticated;
                if (pairing.AllowBonding) _stack.Boot.Board.Bonds.Store(Central.Address, authenticated);
            }

            pairing.IsPaired = status == DevicePairingResultStatus.Paired;
            pairing.IsAuthenticated = pairing.IsPaired && authenticated;
            pairing.WasSecureConnectionUsedForPairing = pairing.IsPaired;
            _stack.Boot.Scheduler.RunEvent(() => pairing.RaisePairingComplete(status), _stack.Boot);
            return status;
        }

        /// <summary>Writes <paramref name="value"/> to a characteristic; returns the ATT error (0: written and the app responded).</summary>
        public byte Write(Guid characteristic, byte[] value)
        {
            RequireConnected();
            GattLocalCharacteristic c = _stack.Find(characteristic);
            if (c == null) return GattProtocolError.AttributeNotFound;
            if ((c.CharacteristicProperties & (GattCharacteristicProperties.Write | GattCharacteristicProperties.WriteWithoutResponse)) == 0)
            {
                return GattProtocolError.WriteNotPermitted;
            }

            byte denied = TwinBleStack.Check(this, c.WriteProtectionLevel);
            if (denied != 0) return denied;
            var request = new GattWriteRequest((byte[])value.Clone());
            if (!_stack.Boot.Scheduler.RunEvent(() => c.OnWriteRequested(new GattWriteRequestedEventArgs(request, Session)), _stack.Boot))
            {
                throw new TwinLinkException("the board stopped during the write");
            }

            return request.Responded ? request.Error : GattProtocolError.UnlikelyError;
        }

        /// <summary>Reads a characteristic; returns the ATT error and the value.</summary>
        public byte Read(Guid characteristic, out byte[] value)
        {
            RequireConnected();
            value = null;
            GattLocalCharacteristic c = _stack.Find(characteristic);
            if (c == null) return GattProtocolError.AttributeNotFound;
            if ((c.CharacteristicProperties & GattCharacteristicProperties.Read) == 0) return GattProtocolError.ReadNotPermitted;
            byte denied = TwinBleStack.Check(this, c.ReadProtectionLevel);
            if (denied != 0) return denied;
            var request = new GattReadRequest();
            _stack.Boot.Scheduler.RunEvent(() => c.OnReadRequested(new GattReadRequestedEventArgs(request, Session)), _stack.Boot);
            if (!request.Responded) return GattProtocolError.UnlikelyError;
            value = request.Value;
            return request.Error;
        }

        /// <summary>Writes the characteristic's CCCD (subscribe or not); the characteristic's protection applies.</summary>
        public byte Subscribe(Guid characteristic, bool on)
        {
            RequireConnected();
            GattLocalCharacteristic c = _stack.Find(characteristic);
            if (c == null) return GattProtocolError.AttributeNotFound;
            if ((c.CharacteristicProperties & (GattCharacteristicProperties.Notify | GattCharacteristicProperties.Indicate)) == 0)
            {
                return GattProtocolError.RequestNotSupported;
            }

            byte denied = TwinBleStack.Check(this, c.ReadProtectionLevel);
            if (denied == 0) denied = TwinBleStack.Check(this, c.WriteProtectionLevel);
            if (denied != 0) return denied;
            if (c.Subscribe(Client, on)) _stack.Boot.Scheduler.RunEvent(c.RaiseSubscribedClientsChanged, _stack.Boot);
            return 0;
        }

        /// <summary>Disconnects (the board sees the session close and the subscriptions end).</summary>
        public void Disconnect()
        {
            if (!MarkDropped()) return;
            _stack.Disconnected(this);
        }

        // The board's NotifyValue for this link: 0 when sent, else the stack's error code.
        internal int Deliver(GattLocalCharacteristic characteristic, byte[] value)
        {
            Action<Guid, byte[]> received;
            lock (_gate)
            {
                if (!Connected) return 1;
                int n = _notifications++;
                if (FailNotification != null && FailNotification(characteristic.Uuid, n))
                {
                    RefusedNotifications++;
                    return 1;
                }

                if (value.Length > AttMtu - 3)
                {
                    _stack.TruncatedNotifications++;
                    Array.Resize(ref value, AttMtu - 3);
                }

                received = Received;
            }

            received?.Invoke(characteristic.Uuid, value);
            return 0;
        }

        internal bool MarkDropped()
        {
            lock (_gate)
            {
                if (!Connected) return false;
                Connected = false;
                return true;
            }
        }

        private void RequireConnected()
        {
            if (!Connected) throw new TwinLinkException("not connected");
        }
    }
}
