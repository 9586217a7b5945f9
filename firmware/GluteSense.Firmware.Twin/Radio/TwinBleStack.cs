using System;
using System.Collections.Generic;
using GluteSense.Firmware.Twin.Board;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;

namespace GluteSense.Firmware.Twin.Radio
{
    /// <summary>One board's bonds (peer address and whether the pairing was authenticated); kept across boots.</summary>
    public sealed class TwinBondStore
    {
        private readonly List<(ulong Address, bool Authenticated)> _bonds = new List<(ulong, bool)>();

        /// <summary>Bonds stored.</summary>
        public int Count { get { lock (_bonds) return _bonds.Count; } }

        /// <summary>True when the peer has a bond.</summary>
        public bool IsBonded(ulong address) => Find(address) >= 0;

        /// <summary>True when the peer's bond came from an authenticated (passkey) pairing.</summary>
        public bool IsAuthenticated(ulong address)
        {
            lock (_bonds)
            {
                int at = Find(address);
                return at >= 0 && _bonds[at].Authenticated;
            }
        }

        /// <summary>Address of bond <paramref name="index"/>.</summary>
        public ulong AddressAt(int index) { lock (_bonds) return _bonds[index].Address; }

        /// <summary>Deletes every bond.</summary>
        public void Clear() { lock (_bonds) _bonds.Clear(); }

        /// <summary>Deletes one bond.</summary>
        public void Remove(ulong address)
        {
            lock (_bonds)
            {
                int at = Find(address);
                if (at >= 0) _bonds.RemoveAt(at);
            }
        }

        internal void Store(ulong address, bool authenticated)
        {
            lock (_bonds)
            {
                Remove(address);
                _bonds.Add((address, authenticated));
            }
        }

        private int Find(ulong address)
        {
            lock (_bonds) return _bonds.FindIndex(b => b.Address == address);
        }
    }

    /// <summary>One pairing in progress: what the app answered.</summary>
    public sealed class TwinPairingAttempt
    {
        /// <summary>The passkey the board set with Accept(passkey) (DisplayPin), or null.</summary>
        public int? BoardPasskey { get; set; }

        /// <summary>The app confirmed (Accept()).</summary>
        public bool Confirmed { get; set; }
    }

    /// <summary>
    /// The twin's Bluetooth controller and host stack for one boot: the GATT database the app built, advertising, the
    /// server's session and pairing settings, and the links of connected centrals (<see cref="TwinLink"/>). It
    /// enforces what NimBLE enforces on the ESP32: a characteristic's protection level before its handler runs, an
    /// authenticated pairing only with a passkey the app supplied (IO capability DisplayOnly and Accept(passkey)),
    /// notifications no longer than the link's MTU - 3 (longer ones are truncated, as ble_gattc_notify does).
    /// </summary>
    public sealed class TwinBleStack
    {
        /// <summary>Largest ATT MTU the board's stack accepts in an exchange (Bluetooth Core 5.x maximum).</summary>
        public const int MaxAttMtu = 517;

        /// <summary>Default ATT MTU before an exchange.</summary>
        public const int DefaultAttMtu = 23;

        private static readonly Guid DeviceInformationUuid = new Guid("0000180a-0000-1000-8000-00805f9b34fb");
        private readonly List<GattServiceProvider> _providers = new List<GattServiceProvider>();
        private readonly List<TwinLink> _links = new List<TwinLink>();
        private BluetoothLEServer _server;
        private int _nextHandle = 1;

        internal TwinBleStack(TwinBoot boot) { Boot = boot; }

        internal TwinBoot Boot { get; }

        /// <summary>The app's server object.</summary>
        public BluetoothLEServer Server => _server ??= new BluetoothLEServer(this);

        /// <summary>Advertised name.</summary>
        public string DeviceName { get; set; } = "nanoFramework";

        /// <summary>True after the app started the stack (StartAdvertising).</summary>
        public bool Running { get; set; }

        /// <summary>True while advertising connectable.</summary>
        public bool Advertising { get; private set; }

        /// <summary>The service UUID in the advertisement.</summary>
        public Guid AdvertisedService { get; private set; }

        /// <summary>Notifications longer than MTU - 3 that the stack truncated (0 in a correct app).</summary>
        public int TruncatedNotifications { get; internal set; }

        internal GattServiceProvider[] Providers() { lock (_providers) return _providers.ToArray(); }

        internal void Add(GattServiceProvider provider) { lock (_providers) _providers.Add(provider); }

        // Upstream adds Device Information (manufacturer "nanoFramework", model = platform) after the first service.
        internal void AddDeviceInformation()
        {
            var provider = new GattServiceProvider(DeviceInformationUuid, this);
            var writer = new DataWriter();
            writer.WriteString("nanoFramework");
            provider.Service.CreateCharacteristic(new Guid("00002a29-0000-1000-8000-00805f9b34fb"),
                new GattLocalCharacteristicParameters { StaticValue = writer.DetachBuffer(), CharacteristicProperties = GattCharacteristicProperties.Read });
            writer.WriteString("ESP32");
            provider.Service.CreateCharacteristic(new Guid("00002a24-0000-1000-8000-00805f9b34fb"),
                new GattLocalCharacteristicParameters { StaticValue = writer.DetachBuffer(), CharacteristicProperties = GattCharacteristicProperties.Read });
        }

        internal void StartAdvertising(Guid service, bool connectable)
        {
            Running = true;
            AdvertisedService = service;
            Advertising = connectable;
        }

        internal void StopAdvertising() => Advertising = false;

        /// <summary>Finds a characteristic by UUID in the GATT database.</summary>
        public GattLocalCharacteristic Find(Guid uuid)
        {
            foreach (GattServiceProvider p in Providers())
            {
                foreach (GattLocalCharacteristic c in p.Service.Characteristics)
                {
                    if (c.Uuid.Equals(uuid)) return c;
                }
            }

            return null;
        }

        internal TwinLink Connect(TwinCentral central)
        {
            if (!Running || !Advertising) throw new TwinLinkException($"{DeviceName} is not advertising (asleep, off or not started)");
            TwinLink link;
            lock (_links)
            {
                link = new TwinLink(this, central, _nextHandle++);
                _links.Add(link);
            }

            // The controller restores encryption with a bonded peer's stored keys (LTK) when the central asks for it.
            if (Boot.Board.Bonds.IsBonded(central.Address))
            {
                link.Encrypted = true;
                link.Authenticated = Boot.Board.Bonds.IsAuthenticated(central.Address);
            }

            Boot.Scheduler.RunEvent(() => Server.Session.OnConnected(true), Boot);
            return link;
        }

        internal void Disconnected(TwinLink link)
        {
            lock (_links) _links.Remove(link);
            foreach (GattServiceProvider p in Providers())
            {
                foreach (GattLocalCharacteristic c in p.Service.Characteristics)
                {
                    if (c.Subscribe(link.Client, false)) Boot.Scheduler.RunEvent(c.RaiseSubscribedClientsChanged, Boot);
                }
            }

            Boot.Scheduler.RunEvent(() => Server.Session.OnConnected(false), Boot);
        }

        /// <summary>Drops every link (the board rebooted, slept or went out of range).</summary>
        internal void DropAll()
        {
            TwinLink[] links;
            lock (_links) links = _links.ToArray();
            foreach (TwinLink link in links) link.MarkDropped();
        }

        // Whether the link meets a protection level; the ATT error when not (BT Core Vol 3 Part F 4: authentication
        // missing -> 0x05, encryption missing -> 0x0F).
        internal static byte Check(TwinLink link, GattProtectionLevel level)
        {
            bool needAuth = level == GattProtectionLevel.AuthenticationRequired || level == GattProtectionLevel.EncryptionAndAuthenticationRequired;
            bool needEnc = level == GattProtectionLevel.EncryptionRequired || level == GattProtectionLevel.EncryptionAndAuthenticationRequired;
            if (needAuth && !(link.Encrypted && link.Authenticated)) return GattProtocolError.InsufficientAuthentication;
            if (needEnc && !link.Encrypted) return GattProtocolError.InsufficientEncryption;
            return 0;
        }
    }

    /// <summary>A link-level failure the central sees (not advertising, disconnected), one line.</summary>
    public sealed class TwinLinkException(string message) : Exception(message);
}
