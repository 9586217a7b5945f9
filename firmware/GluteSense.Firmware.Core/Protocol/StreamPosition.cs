namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Where the data streams stand: the sequence number the next data frame will get and the next sample index of
    /// the envelope, raw EMG and IMU streams. Sent as the data of the StartStreaming and StopStreaming responses
    /// (ProtocolSpec.StreamPositionLength bytes: uint16 + 3 x uint32) so the host knows exactly which frames and
    /// samples a session must contain, including ones lost at its very beginning or end.
    /// </summary>
    public sealed class StreamPosition
    {
        /// <summary>Sequence number of the next data frame.</summary>
        public int NextSequence;

        /// <summary>Next envelope sample index.</summary>
        public uint NextEnvelopeIndex;

        /// <summary>Next raw EMG sample index.</summary>
        public uint NextRawIndex;

        /// <summary>Next IMU sample index.</summary>
        public uint NextImuIndex;

        /// <summary>Next sample index of a block stream type (ProtocolSpec.FrameTypeEnvelope, RawEmg or Imu).</summary>
        public uint NextIndexOf(int blockFrameType)
        {
            if (blockFrameType == ProtocolSpec.FrameTypeEnvelope) return NextEnvelopeIndex;
            if (blockFrameType == ProtocolSpec.FrameTypeRawEmg) return NextRawIndex;
            return NextImuIndex;
        }

        /// <summary>Writes the publisher's current position; returns ProtocolSpec.StreamPositionLength.</summary>
        public static int Write(FramePublisher publisher, byte[] b, int offset)
        {
            ByteIO.WriteUInt16(b, offset, publisher.NextSequence);
            ByteIO.WriteUInt32(b, offset + 2, publisher.NextSampleIndex(ProtocolSpec.FrameTypeEnvelope));
            ByteIO.WriteUInt32(b, offset + 6, publisher.NextSampleIndex(ProtocolSpec.FrameTypeRawEmg));
            ByteIO.WriteUInt32(b, offset + 10, publisher.NextSampleIndex(ProtocolSpec.FrameTypeImu));
            return ProtocolSpec.StreamPositionLength;
        }

        /// <summary>Reads a position; returns false if <paramref name="length"/> is not StreamPositionLength.</summary>
        public bool Read(byte[] b, int offset, int length)
        {
            if (b == null || length != ProtocolSpec.StreamPositionLength || offset < 0 || offset > b.Length - length)
            {
                return false;
            }

            NextSequence = ByteIO.ReadUInt16(b, offset);
            NextEnvelopeIndex = ByteIO.ReadUInt32(b, offset + 2);
            NextRawIndex = ByteIO.ReadUInt32(b, offset + 6);
            NextImuIndex = ByteIO.ReadUInt32(b, offset + 10);
            return true;
        }
    }
}
