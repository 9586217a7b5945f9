using System;
using GluteSense.Firmware.Twin.Board;
using GluteSense.Firmware.Twin.Radio;

namespace nanoFramework.Device.Bluetooth
{
    /// <summary>IO capabilities used in pairing.</summary>
    public enum DevicePairingIOCapabilities
    {
        /// <summary>Can show a passkey (the board: its passkey is on its label).</summary>
        DisplayOnly = 0,
        /// <summary>Display and yes/no.</summary>
        DisplayYesNo = 1,
        /// <summary>Keyboard.</summary>
        KeyboardOnly = 2,
        /// <summary>Nothing (just works: encrypted, not authenticated).</summary>
        NoInputNoOutput = 3,
        /// <summary>Keyboard and display.</summary>
        KeyboardDisplay = 4,
    }

    /// <summary>Pairing protection levels.</summary>
    public enum DevicePairingProtectionLevel
    {
        /// <summary>Default.</summary>
        Default = 0,
        /// <summary>None.</summary>
        None = 1,
        /// <summary>Encryption.</summary>
        Encryption = 2,
        /// <summary>Encryption and authentication.</summary>
        EncryptionAndAuthentication = 3,
    }

    /// <summary>What a pairing request asks of the app.</summary>
    public enum DevicePairingKinds
    {
        /// <summary>Nothing.</summary>
        None,
        /// <summary>Confirm only.</summary>
        ConfirmOnly = 1,
        /// <summary>Show a passkey the peer types: the app sets it with Accept(passkey).</summary>
        DisplayPin = 2,
        /// <summary>Type the peer's passkey.</summary>
        ProvidePin = 4,
        /// <summary>Numeric comparison.</summary>
        ConfirmPinMatch = 8,
    }

    /// <summary>Pairing outcomes.</summary>
    public enum DevicePairingResultStatus
    {
        /// <summary>Paired.</summary>
        Paired = 0,
        /// <summary>Not ready.</summary>
        NotReadyToPair = 1,
        /// <summary>Not paired.</summary>
        NotPaired = 2,
        /// <summary>Already paired.</summary>
        AlreadyPaired = 3,
        /// <summary>Rejected.</summary>
        ConnectionRejected = 4,
        /// <summary>Too many connections.</summary>
        TooManyConnections = 5,
        /// <summary>Hardware failure.</summary>
        HardwareFailure = 6,
        /// <summary>Timed out.</summary>
        AuthenticationTimeout = 7,
        /// <summary>Not allowed.</summary>
        AuthenticationNotAllowed = 8,
        /// <summary>Wrong passkey.</summary>
        AuthenticationFailure = 9,
        /// <summary>No profiles.</summary>
        NoSupportedProfiles = 10,
        /// <summary>The protection level could not be met.</summary>
        ProtectionLevelCouldNotBeMet = 11,
        /// <summary>Access denied.</summary>
        AccessDenied = 12,
        /// <summary>Invalid ceremony data.</summary>
        InvalidCeremonyData = 13,
        /// <summary>Canceled.</summary>
        PairingCanceled = 14,
        /// <summary>Already in progress.</summary>
        OperationAlreadyInProgress = 15,
        /// <summary>No handler.</summary>
        RequiredHandlerNotRegistered = 16,
        /// <summary>Rejected by the handler.</summary>
        RejectedByHandler = 17,
        /// <summary>Remote association.</summary>
        RemoteDeviceHasAssociation = 18,
        /// <summary>Failed.</summary>
        Failed = 19,
    }

    /// <summary>Pairing settings and events of the server (one per boot).</summary>
    public sealed class DevicePairing
    {
        private readonly TwinBleStack _stack;

        /// <summary>Handler of pairing requests.</summary>
        public delegate void DevicePairingRequestedHandler(object sender, DevicePairingRequestedEventArgs args);

        /// <summary>Handler of pairing completion.</summary>
        public delegate void PairingCompleteHandler(object sender, DevicePairingEventArgs args);

        internal DevicePairing(TwinBleStack stack) { _stack = stack; }

        /// <summary>The stack needs the app for a pairing step (DisplayPin: call Accept(passkey)).</summary>
        public event DevicePairingRequestedHandler PairingRequested;

        /// <summary>A pairing finished.</summary>
        public event PairingCompleteHandler PairingComplete;

        /// <summary>Store the keys of a pairing (bond). Default true, as upstream.</summary>
        public bool AllowBonding { get; set; } = true;

        /// <summary>Out-of-band pairing (not emulated).</summary>
        public bool OutOfBand { get; set; }

        /// <summary>Protection the server asks for (raised by characteristics' protection levels).</summary>
        public DevicePairingProtectionLevel ProtectionLevel { get; set; } = DevicePairingProtectionLevel.None;

        /// <summary>IO capabilities announced in pairing. Default NoInputNoOutput, as upstream.</summary>
        public DevicePairingIOCapabilities IOCapabilities { get; set; } = DevicePairingIOCapabilities.NoInputNoOutput;

        /// <summary>True (upstream's constant).</summary>
        public bool CanPair { get => true; }

        /// <summary>The last pairing succeeded.</summary>
        public bool IsPaired { get; internal set; }

        /// <summary>The last pairing was authenticated.</summary>
        public bool IsAuthenticated { get; internal set; }

        /// <summary>The last pairing used LE Secure Connections.</summary>
        public bool WasSecureConnectionUsedForPairing { get; internal set; }

        internal object Sender => _stack.Server;

        internal void RaisePairingRequested(DevicePairingRequestedEventArgs args) => PairingRequested?.Invoke(Sender, args);

        internal void RaisePairingComplete(DevicePairingResultStatus status) => PairingComplete?.Invoke(Sender, new DevicePairingEventArgs(status));
    }

    /// <summary>A pairing step the app must answer.</summary>
    public class DevicePairingRequestedEventArgs
    {
        private readonly TwinPairingAttempt _attempt;

        internal DevicePairingRequestedEventArgs(TwinPairingAttempt attempt, DevicePairingKinds kind, uint pin)
        {
            _attempt = attempt;
            PairingKind = kind;
            Pin = pin;
        }

        /// <summary>What is asked.</summary>
        public DevicePairingKinds PairingKind { get; }

        /// <summary>The pin to compare (ConfirmPinMatch).</summary>
        public uint Pin { get; }

        /// <summary>Yes (ConfirmOnly, ConfirmPinMatch).</summary>
        public void Accept() => _attempt.Confirmed = true;

        /// <summary>The passkey: shown (DisplayPin) or typed (ProvidePin).</summary>
        public void Accept(int passkey) => _attempt.BoardPasskey = passkey;

        /// <summary>Out-of-band credentials (not emulated: the pairing fails).</summary>
        public void AcceptWithPasswordCredential(PasswordCredential password) { }
    }

    /// <summary>Pairing finished.</summary>
    public class DevicePairingEventArgs
    {
        internal DevicePairingEventArgs(DevicePairingResultStatus status) { Status = status; }

        /// <summary>Outcome.</summary>
        public DevicePairingResultStatus Status { get; }
    }

    /// <summary>User name and password (out-of-band pairing).</summary>
    public class PasswordCredential
    {
        /// <summary>A credential.</summary>
        public PasswordCredential(string userName, string password)
        {
            UserName = userName;
            Password = password;
        }

        /// <summary>Password.</summary>
        public string Password { get; }

        /// <summary>User name.</summary>
        public string UserName { get; }
    }
}

namespace nanoFramework.Device.Bluetooth.Security
{
    /// <summary>The controller's bond store (kept across boots and deep sleep, as NVS keeps it).</summary>
    public static class DeviceBonding
    {
        /// <summary>True when <paramref name="bluetoothAddress"/> has a bond.</summary>
        public static bool IsBonded(ulong bluetoothAddress) => TwinBoard.Current.Bonds.IsBonded(bluetoothAddress);

        /// <summary>Deletes every bond.</summary>
        public static void DeleteAllBonds() => TwinBoard.Current.Bonds.Clear();

        /// <summary>Deletes one peer's bond.</summary>
        public static void DeleteBondForPeer(ulong peerbluetoothAddress, BluetoothAddressType addressType) => TwinBoard.Current.Bonds.Remove(peerbluetoothAddress);

        /// <summary>Number of bonds.</summary>
        public static int Count() => TwinBoard.Current.Bonds.Count;

        /// <summary>Address of bond <paramref name="index"/>.</summary>
        public static ulong GetBondInformationAt(int index) => TwinBoard.Current.Bonds.AddressAt(index);
    }
}
