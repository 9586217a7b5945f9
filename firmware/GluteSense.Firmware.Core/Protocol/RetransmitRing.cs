namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// The board's memory of recently sent data frames, so the host can ask for lost ones again (Retransmit command).
    /// Frames are stored back to back in one circular byte array of <see cref="CapacityBytes"/> bytes
    /// (ProtocolSpec.RingBufferBytes = 16 KiB by default: about 6.8 s of envelope mode, see PROTOCOL.md) and indexed
    /// by sequence number modulo the slot count. A frame is available until newer frames overwrite its bytes or its
    /// index slot. Allocates only in the constructor.
    /// </summary>
    public sealed class RetransmitRing
    {
        private readonly byte[] _bytes;
        private readonly int[] _slotSequence;
        private readonly long[] _slotStart;
        private readonly int[] _slotLength;
        private long _written;

        /// <summary>Creates a ring with the sizes of ProtocolSpec.</summary>
        public RetransmitRing() : this(ProtocolSpec.RingBufferBytes, ProtocolSpec.RingIndexSlots)
        {
        }

        /// <summary>Creates a ring of <paramref name="capacityBytes"/> bytes indexing <paramref name="indexSlots"/> frames.</summary>
        public RetransmitRing(int capacityBytes, int indexSlots)
        {
            if (capacityBytes < ProtocolSpec.MaxFrameLength) throw new System.ArgumentOutOfRangeException("capacityBytes");
            if (indexSlots < 1 || indexSlots > 65536 || (65536 % indexSlots) != 0)
            {
                // A divisor of 65536 keeps slot = seq % slots consistent across the sequence wrap.
                throw new System.ArgumentOutOfRangeException("indexSlots", "must divide 65536");
            }

            _bytes = new byte[capacityBytes];
            _slotSequence = new int[indexSlots];
            _slotStart = new long[indexSlots];
            _slotLength = new int[indexSlots];
            Clear();
        }

        /// <summary>Bytes of frames the ring can hold.</summary>
        public int CapacityBytes
        {
            get { return _bytes.Length; }
        }

        /// <summary>Frames the ring can index.</summary>
        public int IndexSlots
        {
            get { return _slotSequence.Length; }
        }

        /// <summary>Stores an encoded frame (its sequence number is read from the header).</summary>
        public void Add(byte[] frame, int offset, int length)
        {
            if (length < ProtocolSpec.FrameOverhead || length > ProtocolSpec.MaxFrameLength)
            {
                throw new System.ArgumentOutOfRangeException("length");
            }

            int seq = ByteIO.ReadUInt16(frame, offset + ProtocolSpec.HeaderOffsetSequence);
            int start = (int)(_written % _bytes.Length);
            int first = _bytes.Length - start < length ? _bytes.Length - start : length;
            System.Array.Copy(frame, offset, _bytes, start, first);
            if (first < length)
            {
                System.Array.Copy(frame, offset + first, _bytes, 0, length - first);
            }

            int slot = seq % _slotSequence.Length;
            _slotSequence[slot] = seq;
            _slotStart[slot] = _written;
            _slotLength[slot] = length;
            _written += length;
        }

        /// <summary>
        /// Copies the frame with sequence <paramref name="sequence"/> into <paramref name="destination"/> and returns
        /// its length, or -1 if it is no longer (or was never) in the ring.
        /// </summary>
        public int TryGet(int sequence, byte[] destination, int destinationOffset)
        {
            int slot = (sequence & 0xFFFF) % _slotSequence.Length;
            if (_slotSequence[slot] != (sequence & 0xFFFF) || _slotStart[slot] < _written - _bytes.Length)
            {
                return -1;
            }

            int length = _slotLength[slot];
            int start = (int)(_slotStart[slot] % _bytes.Length);
            int first = _bytes.Length - start < length ? _bytes.Length - start : length;
            System.Array.Copy(_bytes, start, destination, destinationOffset, first);
            if (first < length)
            {
                System.Array.Copy(_bytes, 0, destination, destinationOffset + first, length - first);
            }

            return length;
        }

        /// <summary>Forgets every frame.</summary>
        public void Clear()
        {
            for (int i = 0; i < _slotSequence.Length; i++)
            {
                _slotSequence[i] = -1;
            }

            _written = 0;
        }
    }
}
