using System.Runtime.CompilerServices;

namespace GluteSense.Native
{
    /// <summary>
    /// The board's identity values in the ESP32's NVS partition, written at flashing (docs/security.md): the 6-digit
    /// BLE passkey printed on the board's label. Read-only for the app, so nothing on the air can change it.
    /// </summary>
    /// <remarks>
    /// InternalCall into the native module: esp32/gs_board_store_esp32.c opens NVS namespace "glutesense" read-only and
    /// reads the u32 key "passkey"; the range rule is the portable gs_passkey_from_store (src/gs_board_store.c), which
    /// the host tests and the twin run too. Its entry follows NativeAfe's in the stub table (one checksum and version
    /// for the assembly: <see cref="NativeAfe.NativeChecksum"/>). The entry is written at flashing by
    /// firmware/GluteSense.Native/provision-passkey.sh (docs/security.md).
    /// </remarks>
    public static class NativeBoardStore
    {
        /// <summary>Returned when no passkey was stored (a board that was not flashed with one).</summary>
        public const int NoPasskey = -1;

        /// <summary>The stored passkey (0..999999), or <see cref="NoPasskey"/> when the entry is missing or out of range.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadPasskey();
    }
}
