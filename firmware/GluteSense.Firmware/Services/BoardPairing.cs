using GluteSense.Firmware.Core.Protocol;
using nanoFramework.Device.Bluetooth;

namespace GluteSense.Firmware.Services
{
    /// <summary>
    /// The board side of bonding (docs/security.md): LE Secure Connections with passkey entry. The board has no
    /// display, so its passkey is "displayed" on its label: IO capability DisplayOnly, and when the stack asks for the
    /// passkey to show (DevicePairingKinds.DisplayPin) the board answers with the one stored at flashing; the user
    /// types it on the host (<c>glutesense pair --passkey N</c>). Keys are kept (bonding), so a bonded host reconnects
    /// encrypted and authenticated. Without a stored passkey the board never answers, so no pairing succeeds (fail
    /// closed). After <see cref="MaxFailedPairings"/> failed pairings in a row the board answers no pairing request
    /// for <see cref="LockoutSeconds"/>: guessing the 10^6 passkeys then takes years.
    /// </summary>
    public sealed class BoardPairing
    {
        /// <summary>Failed pairings in a row before the lockout.</summary>
        public const int MaxFailedPairings = 3;

        /// <summary>How long pairing requests go unanswered after <see cref="MaxFailedPairings"/> failures, s.</summary>
        public const int LockoutSeconds = 60;

        /// <summary>Largest passkey (6 digits).</summary>
        public const int MaxPasskey = 999999;

        private const uint MicrosPerSecond = 1000000;
        private readonly int _passkey;
        private readonly IDeviceClock _clock;
        private int _failuresInARow;
        private uint _lockedSinceUs;
        private bool _locked;

        /// <summary>Sets the server's pairing up with <paramref name="passkey"/> (a negative value: none stored).</summary>
        public BoardPairing(int passkey, IDeviceClock clock)
        {
            _passkey = passkey;
            _clock = clock;
            DevicePairing pairing = BluetoothLEServer.Instance.Pairing;
            pairing.IOCapabilities = DevicePairingIOCapabilities.DisplayOnly;
            pairing.ProtectionLevel = DevicePairingProtectionLevel.EncryptionAndAuthentication;
            pairing.AllowBonding = true;
            pairing.PairingRequested += OnPairingRequested;
            pairing.PairingComplete += OnPairingComplete;
        }

        /// <summary>True when a valid passkey is stored (else no host can bond).</summary>
        public bool HasPasskey { get { return _passkey >= 0 && _passkey <= MaxPasskey; } }

        /// <summary>Failed pairings since the last success.</summary>
        public int FailuresInARow { get { return _failuresInARow; } }

        private void OnPairingRequested(object sender, DevicePairingRequestedEventArgs args)
        {
            // Only passkey display: numeric comparison or just-works confirmation would bond without the label.
            if (args.PairingKind != DevicePairingKinds.DisplayPin || !HasPasskey || LockedOut())
            {
                return;
            }

            args.Accept(_passkey);
        }

        private void OnPairingComplete(object sender, DevicePairingEventArgs args)
        {
            if (args.Status == DevicePairingResultStatus.Paired)
            {
                _failuresInARow = 0;
                return;
            }

            _failuresInARow++;
            if (_failuresInARow >= MaxFailedPairings && !_locked)
            {
                _locked = true;
                _lockedSinceUs = _clock.NowUs();
            }
        }

        private bool LockedOut()
        {
            if (_locked && _clock.NowUs() - _lockedSinceUs >= LockoutSeconds * MicrosPerSecond)
            {
                _locked = false;
                _failuresInARow = 0;
            }

            return _locked;
        }
    }
}
