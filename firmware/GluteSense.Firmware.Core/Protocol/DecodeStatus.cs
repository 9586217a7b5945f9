namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>Result of decoding a frame or a command packet. Decoders never throw on bad bytes; they return one of these.</summary>
    public enum DecodeStatus : byte
    {
        /// <summary>Decoded; every field is valid.</summary>
        Ok = 0,

        /// <summary>Fewer bytes than a header and CRC.</summary>
        TooShort = 1,

        /// <summary>The length field does not match the number of bytes given.</summary>
        LengthMismatch = 2,

        /// <summary>The CRC-16 does not match (corruption or a mis-assembled frame).</summary>
        BadCrc = 3,

        /// <summary>The major version is not ProtocolSpec.VersionMajor: the host must refuse the device.</summary>
        UnsupportedMajorVersion = 4,

        /// <summary>Frame type or opcode not defined in this minor version (a newer minor may define it: skip it).</summary>
        UnknownType = 5,

        /// <summary>The payload contradicts its own header (channel count, sample count, sizes, reserved bits).</summary>
        BadPayload = 6,

        /// <summary>The caller passed a null buffer or a range outside it.</summary>
        BadArguments = 7,
    }
}
