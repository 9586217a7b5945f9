using System.Runtime.CompilerServices;

namespace GluteSense.Native
{
    /// <summary>
    /// The board's identity values in the ESP32's NVS partition, written at flashing (docs/security.md): the 6-digit
    /// BLE passkey printed on the board's label. Read-only for the app, so nothing on the air can change it.
    /// </summary>
    /// <remarks>
    /// InternalCall into the native module (C: nvs_get_u32 on namespace "glutesense", key "passkey"). Not yet in the
    /// stub table of interop/stubs (docs/security.md, "not done"): the twin runs its managed equivalent.
    /// </remarks>
    public static class NativeBoardStore
    {
        /// <summary>Returned when no passkey was stored (a board that was not flashed with one).</summary>
        public const int NoPasskey = -1;

        /// <summary>The stored passkey (0..999999), or <see cref="NoPasskey"/>.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ReadPasskey();
    }
}
