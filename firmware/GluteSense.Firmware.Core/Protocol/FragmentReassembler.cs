namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Rebuilds frames from notifications written by <see cref="Fragmenter"/>, tolerating lost, duplicated and
    /// reordered fragments. A few partial frames are kept at once (keyed by the sequence low byte and the
    /// retransmitted bit); when a new one
    /// needs room the least recently touched partial frame is dropped (its frame is then lost, which the stream
    /// layer sees as a sequence gap). Completed frames are NOT checked here: the CRC in <see cref="FrameDecoder"/>
    /// rejects anything spliced wrongly. Allocates only in the constructor.
    /// </summary>
    public sealed class FragmentReassembler
    {
        /// <summary>Partial frames kept at once by default.</summary>
        public const int DefaultSlots = 8;

        /// <summary>
        /// A partial frame untouched for this many notifications is stale: frames with the same sequence low byte are
        /// 256 frames apart, so its fragments must not be mixed with a newer frame's.
        /// </summary>
        public const int StaleAfterNotifications = 128;

        /// <summary>Longest fragment data accepted (ATT MTU 517 - 3 - 2).</summary>
        public const int MaxChunkLength = 512;

        private readonly byte[][] _buffers;
        private readonly bool[][] _received;
        private readonly bool[] _inUse;
        private readonly int[] _seqLow;
        private readonly int[] _chunk;      // data bytes of a non-last fragment, 0 = not known yet
        private readonly int[] _lastIndex;  // index of the last fragment, -1 = not seen yet
        private readonly int[] _lastLength;
        private readonly long[] _touched;
        private readonly byte[][] _lastStash; // last fragment seen before the chunk length was known
        private readonly byte[] _completed = new byte[ProtocolSpec.MaxFrameLength];
        private long _clock;

        /// <summary>Creates a reassembler with <see cref="DefaultSlots"/> partial-frame slots.</summary>
        public FragmentReassembler() : this(DefaultSlots)
        {
        }

        /// <summary>Creates a reassembler keeping up to <paramref name="slots"/> partial frames.</summary>
        public FragmentReassembler(int slots)
        {
            if (slots < 1) throw new System.ArgumentOutOfRangeException("slots");
            _buffers = new byte[slots][];
            _received = new bool[slots][];
            _lastStash = new byte[slots][];
            _inUse = new bool[slots];
            _seqLow = new int[slots];
            _chunk = new int[slots];
            _lastIndex = new int[slots];
            _lastLength = new int[slots];
            _touched = new long[slots];
            for (int s = 0; s < slots; s++)
            {
                _buffers[s] = new byte[ProtocolSpec.MaxFrameLength];
                _received[s] = new bool[ProtocolSpec.MaxFragmentsPerFrame];
                _lastStash[s] = new byte[MaxChunkLength];
                ResetSlot(s);
            }
        }

        /// <summary>The most recently completed frame (valid until the next call of <see cref="Add"/>).</summary>
        public byte[] CompletedFrame
        {
            get { return _completed; }
        }

        /// <summary>Length of <see cref="CompletedFrame"/>.</summary>
        public int CompletedLength { get; private set; }

        /// <summary>Notifications rejected as malformed (too short, too long, inconsistent chunk size).</summary>
        public int MalformedFragments { get; private set; }

        /// <summary>Partial frames dropped to make room (their frames are lost unless retransmitted).</summary>
        public int EvictedPartialFrames { get; private set; }

        /// <summary>
        /// Adds one notification. Returns true when it completed a frame, now in <see cref="CompletedFrame"/>.
        /// Never throws on bad bytes.
        /// </summary>
        public bool Add(byte[] notification, int offset, int length)
        {
            CompletedLength = 0;
            if (notification == null || offset < 0 || length < 0 || offset > notification.Length - length
                || length <= ProtocolSpec.FragmentHeaderLength || length - ProtocolSpec.FragmentHeaderLength > MaxChunkLength)
            {
                MalformedFragments++;
                return false;
            }

            // Slots are keyed by sequence low byte AND the retransmitted bit: an original and its copy differ in
            // flags and CRC, so their fragments must not be mixed.
            _clock++;
            int seqLow = notification[offset] | ((notification[offset + 1] & ProtocolSpec.FragmentRetransmittedFlag) << 2);
            int index = notification[offset + 1] & ProtocolSpec.FragmentIndexMask;
            bool last = (notification[offset + 1] & ProtocolSpec.FragmentLastFlag) != 0;
            int dataOffset = offset + ProtocolSpec.FragmentHeaderLength;
            int dataLength = length - ProtocolSpec.FragmentHeaderLength;

            if (index == 0 && last)
            {
                // Whole frame in one notification: the common case at MTU 185/247.
                System.Array.Copy(notification, dataOffset, _completed, 0, dataLength <= _completed.Length ? dataLength : _completed.Length);
                CompletedLength = dataLength <= _completed.Length ? dataLength : 0;
                if (CompletedLength == 0) MalformedFragments++;
                return CompletedLength > 0;
            }

            int s = FindOrClaimSlot(seqLow);
            _touched[s] = _clock;
            if (!last)
            {
                if (_chunk[s] == 0)
                {
                    _chunk[s] = dataLength;
                }
                else if (_chunk[s] != dataLength)
                {
                    MalformedFragments++;
                    ResetSlot(s);
                    return false;
                }

                if (!Place(s, index, notification, dataOffset, dataLength))
                {
                    return false;
                }

                if (_lastIndex[s] > 0 && !_received[s][_lastIndex[s]])
                {
                    // The last fragment arrived earlier and waited for the chunk length.
                    if (!Place(s, _lastIndex[s], _lastStash[s], 0, _lastLength[s]))
                    {
                        return false;
                    }
                }
            }
            else
            {
                if (_lastIndex[s] >= 0 && _lastIndex[s] != index)
                {
                    MalformedFragments++;
                    ResetSlot(s);
                    return false;
                }

                _lastIndex[s] = index;
                _lastLength[s] = dataLength;
                if (_chunk[s] == 0)
                {
                    System.Array.Copy(notification, dataOffset, _lastStash[s], 0, dataLength);
                }
                else if (!Place(s, index, notification, dataOffset, dataLength))
                {
                    return false;
                }
            }

            return TryComplete(s);
        }

        /// <summary>Drops every partial frame.</summary>
        public void Reset()
        {
            for (int s = 0; s < _inUse.Length; s++)
            {
                ResetSlot(s);
            }

            CompletedLength = 0;
        }

        private bool Place(int s, int index, byte[] source, int sourceOffset, int length)
        {
            int start = index * _chunk[s];
            if (start + length > ProtocolSpec.MaxFrameLength)
            {
                MalformedFragments++;
                ResetSlot(s);
                return false;
            }

            System.Array.Copy(source, sourceOffset, _buffers[s], start, length);
            _received[s][index] = true;
            return true;
        }

        private bool TryComplete(int s)
        {
            int lastIndex = _lastIndex[s];
            if (lastIndex < 0 || _chunk[s] == 0)
            {
                return false;
            }

            bool[] received = _received[s];
            for (int i = 0; i <= lastIndex; i++)
            {
                if (!received[i])
                {
                    return false;
                }
            }

            int total = lastIndex * _chunk[s] + _lastLength[s];
            System.Array.Copy(_buffers[s], 0, _completed, 0, total);
            CompletedLength = total;
            ResetSlot(s);
            return true;
        }

        private int FindOrClaimSlot(int seqLow)
        {
            int free = -1;
            int oldest = 0;
            for (int s = 0; s < _inUse.Length; s++)
            {
                if (_inUse[s] && _seqLow[s] == seqLow)
                {
                    if (_clock - _touched[s] <= StaleAfterNotifications)
                    {
                        return s;
                    }

                    ResetSlot(s); // a lost frame's leftovers: start afresh for the newer frame
                    EvictedPartialFrames++;
                }

                if (!_inUse[s] && free < 0)
                {
                    free = s;
                }

                if (_touched[s] < _touched[oldest])
                {
                    oldest = s;
                }
            }

            if (free < 0)
            {
                free = oldest;
                ResetSlot(free);
                EvictedPartialFrames++;
            }

            _inUse[free] = true;
            _seqLow[free] = seqLow;
            return free;
        }

        private void ResetSlot(int s)
        {
            _inUse[s] = false;
            _chunk[s] = 0;
            _lastIndex[s] = -1;
            _lastLength[s] = 0;
            _touched[s] = 0;
            bool[] received = _received[s];
            for (int i = 0; i < received.Length; i++)
            {
                received[i] = false;
            }
        }
    }
}
