namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>Receives notifications to send (the BLE data characteristic, a serial port, a simulated link).</summary>
    public interface INotificationSink
    {
        /// <summary>Sends one notification of <paramref name="length"/> bytes; the buffer is reused after the call.</summary>
        void Send(byte[] buffer, int offset, int length);
    }

    /// <summary>
    /// The board's data path after the pipeline: numbers each frame (sequence, per-stream first sample index),
    /// encodes it, keeps a copy in the <see cref="RetransmitRing"/>, fragments it to the ATT MTU and hands the
    /// notifications to an <see cref="INotificationSink"/>. Also resends frames from the ring on request.
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class FramePublisher
    {
        private readonly INotificationSink _sink;
        private readonly Fragmenter _fragmenter;
        private readonly RetransmitRing _ring;
        private readonly byte[] _frameBuffer = new byte[ProtocolSpec.MaxFrameLength];
        private readonly uint[] _nextSampleIndex = new uint[ProtocolSpec.FrameTypeImu + 1];
        private int _nextSequence;

        /// <summary>Creates a publisher with a default-size ring.</summary>
        public FramePublisher(INotificationSink sink, int attMtu) : this(sink, attMtu, new RetransmitRing())
        {
        }

        /// <summary>Creates a publisher sending through <paramref name="sink"/> at <paramref name="attMtu"/>.</summary>
        public FramePublisher(INotificationSink sink, int attMtu, RetransmitRing ring)
        {
            if (sink == null) throw new System.ArgumentNullException("sink");
            if (ring == null) throw new System.ArgumentNullException("ring");
            _sink = sink;
            _ring = ring;
            _fragmenter = new Fragmenter(attMtu);
        }

        /// <summary>The fragmenter (its AttMtu can be changed after an MTU exchange).</summary>
        public Fragmenter Fragmenter
        {
            get { return _fragmenter; }
        }

        /// <summary>The retransmit ring.</summary>
        public RetransmitRing Ring
        {
            get { return _ring; }
        }

        /// <summary>Sequence number the next data frame gets.</summary>
        public int NextSequence
        {
            get { return _nextSequence; }
        }

        /// <summary>Sequence number of the last data frame sent (NextSequence - 1, wrapping).</summary>
        public int LastSequence
        {
            get { return (_nextSequence + 0xFFFF) & 0xFFFF; }
        }

        /// <summary>Next sample index of a block stream (ProtocolSpec.FrameTypeEnvelope, RawEmg or Imu).</summary>
        public uint NextSampleIndex(int blockFrameType)
        {
            return _nextSampleIndex[blockFrameType];
        }

        /// <summary>
        /// Sets the next sequence number and sample indices (a board restarting its counters, or a virtual board
        /// exercising the wrap of 16-bit sequences and 32-bit sample indices).
        /// </summary>
        public void SetPosition(StreamPosition position)
        {
            if (position == null) throw new System.ArgumentNullException("position");
            _nextSequence = position.NextSequence & 0xFFFF;
            _nextSampleIndex[ProtocolSpec.FrameTypeEnvelope] = position.NextEnvelopeIndex;
            _nextSampleIndex[ProtocolSpec.FrameTypeRawEmg] = position.NextRawIndex;
            _nextSampleIndex[ProtocolSpec.FrameTypeImu] = position.NextImuIndex;
        }

        /// <summary>
        /// Advances a block stream's sample index over <paramref name="count"/> samples the board lost (never
        /// acquired): the next frame's first sample index then shows the host exactly where the gap is.
        /// </summary>
        public void SkipSamples(int blockFrameType, uint count)
        {
            _nextSampleIndex[blockFrameType] += count;
        }

        /// <summary>
        /// Numbers, encodes, stores and sends <paramref name="frame"/>. The caller fills type, flags, timestamp and
        /// content; this sets <see cref="Frame.Sequence"/> and, for blocks, <see cref="Frame.FirstSampleIndex"/>
        /// (samples are counted per stream since power-up, so the host can name exactly which samples it missed).
        /// Returns the encoded frame length.
        /// </summary>
        public int Publish(Frame frame)
        {
            frame.Sequence = (ushort)_nextSequence;
            bool block = Frame.IsBlock(frame.FrameType);
            if (block)
            {
                frame.FirstSampleIndex = _nextSampleIndex[frame.FrameType];
            }

            int length = FrameEncoder.Encode(frame, _frameBuffer, 0);
            _nextSequence = (_nextSequence + 1) & 0xFFFF;
            if (block)
            {
                _nextSampleIndex[frame.FrameType] += (uint)frame.SampleCount;
            }

            _ring.Add(_frameBuffer, 0, length);
            SendFragments(length);
            return length;
        }

        /// <summary>
        /// Sends the frame with sequence <paramref name="sequence"/> again from the ring, flagged
        /// ProtocolSpec.FlagRetransmitted. Returns false if the ring no longer has it.
        /// </summary>
        public bool Resend(int sequence)
        {
            int length = _ring.TryGet(sequence, _frameBuffer, 0);
            if (length < 0)
            {
                return false;
            }

            _frameBuffer[ProtocolSpec.HeaderOffsetFlags] |= ProtocolSpec.FlagRetransmitted;
            int crcOffset = length - ProtocolSpec.CrcLength;
            ByteIO.WriteUInt16(_frameBuffer, crcOffset, Crc16.Compute(_frameBuffer, 0, crcOffset));
            SendFragments(length);
            return true;
        }

        private void SendFragments(int length)
        {
            _fragmenter.Send(_frameBuffer, 0, length, _sink);
        }
    }
}
