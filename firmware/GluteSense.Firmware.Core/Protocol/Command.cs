namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// One command packet (control characteristic) in decoded form: opcode, a token the host chooses and the board
    /// echoes in its response, and the raw payload (layouts per opcode in PROTOCOL.md; builders in
    /// <see cref="CommandCodec"/>). Reused; allocates only when constructed.
    /// </summary>
    public sealed class Command
    {
        /// <summary>ProtocolSpec.Cmd* opcode.</summary>
        public int Opcode;

        /// <summary>Host-chosen id echoed in the response (0..255).</summary>
        public int Token;

        /// <summary>Payload bytes (first <see cref="PayloadLength"/>).</summary>
        public readonly byte[] Payload = new byte[ProtocolSpec.MaxCommandPayloadLength];

        /// <summary>Valid bytes in <see cref="Payload"/>.</summary>
        public int PayloadLength;

        /// <summary>Major version seen on the wire by the decoder.</summary>
        public int VersionMajor = ProtocolSpec.VersionMajor;
    }
}
