namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Cuts an encoded frame into notifications that fit the ATT MTU. Each notification is a 2-byte fragment header
    /// (frame sequence low byte; fragment index in bits 0..5, bit 6 set for a retransmitted copy, bit 7 set on the
    /// last fragment) followed by the next slice of the frame. Every fragment but the last carries exactly <see cref="ChunkLength"/> frame bytes.
    /// Allocates nothing.
    /// </summary>
    public sealed class Fragmenter
    {
        private readonly byte[] _notification = new byte[FragmentReassembler.MaxChunkLength + ProtocolSpec.FragmentHeaderLength];
        private int _chunkLength;

        /// <summary>Creates a fragmenter for the given negotiated ATT MTU (23 .. 517).</summary>
        public Fragmenter(int attMtu)
        {
            AttMtu = attMtu;
        }

        /// <summary>Negotiated ATT MTU; changing it affects frames fragmented afterwards.</summary>
        public int AttMtu
        {
            get { return _chunkLength + ProtocolSpec.AttNotificationHeaderLength + ProtocolSpec.FragmentHeaderLength; }
            set
            {
                if (value < ProtocolSpec.AttMtuDefault || value > 517)
                {
                    throw new System.ArgumentOutOfRangeException("value", "ATT MTU must be 23..517");
                }

                _chunkLength = ProtocolSpec.FragmentDataLength(value);
            }
        }

        /// <summary>Frame bytes per fragment.</summary>
        public int ChunkLength
        {
            get { return _chunkLength; }
        }

        /// <summary>Longest notification this fragmenter writes (header + chunk).</summary>
        public int MaxNotificationLength
        {
            get { return _chunkLength + ProtocolSpec.FragmentHeaderLength; }
        }

        /// <summary>Notifications needed for a frame of <paramref name="frameLength"/> bytes.</summary>
        public int FragmentCount(int frameLength)
        {
            return FragmentCountFor(frameLength, _chunkLength);
        }

        /// <summary>Notifications needed for a frame at a given chunk length (static, for the bandwidth budget).</summary>
        public static int FragmentCountFor(int frameLength, int chunkLength)
        {
            return frameLength <= 0 ? 0 : (frameLength + chunkLength - 1) / chunkLength;
        }

        /// <summary>
        /// Fragments a whole frame into <paramref name="sink"/> (e.g. a command response on the response
        /// characteristic). Uses an internal buffer: allocates nothing. Returns the number of notifications sent.
        /// </summary>
        public int Send(byte[] frame, int frameOffset, int frameLength, INotificationSink sink)
        {
            if (sink == null) throw new System.ArgumentNullException("sink");
            int count = FragmentCount(frameLength);
            for (int i = 0; i < count; i++)
            {
                int n = WriteFragment(frame, frameOffset, frameLength, i, _notification, 0);
                sink.Send(_notification, 0, n);
            }

            return count;
        }

        /// <summary>
        /// Writes fragment <paramref name="index"/> of the frame into <paramref name="destination"/> at
        /// <paramref name="destinationOffset"/>; returns the notification length.
        /// </summary>
        public int WriteFragment(byte[] frame, int frameOffset, int frameLength, int index, byte[] destination, int destinationOffset)
        {
            int count = FragmentCount(frameLength);
            if (count > ProtocolSpec.MaxFragmentsPerFrame || frameLength < ProtocolSpec.FrameOverhead)
            {
                throw new System.ArgumentException("frame cannot be fragmented at this MTU", "frameLength");
            }

            if (index < 0 || index >= count)
            {
                throw new System.ArgumentOutOfRangeException("index");
            }

            int start = index * _chunkLength;
            int length = frameLength - start < _chunkLength ? frameLength - start : _chunkLength;
            bool last = index == count - 1;
            destination[destinationOffset] = frame[frameOffset + ProtocolSpec.HeaderOffsetSequence];
            bool retransmitted = (frame[frameOffset + ProtocolSpec.HeaderOffsetFlags] & ProtocolSpec.FlagRetransmitted) != 0;
            destination[destinationOffset + 1] = (byte)(index
                | (retransmitted ? ProtocolSpec.FragmentRetransmittedFlag : 0)
                | (last ? ProtocolSpec.FragmentLastFlag : 0));
            System.Array.Copy(frame, frameOffset + start, destination, destinationOffset + ProtocolSpec.FragmentHeaderLength, length);
            return length + ProtocolSpec.FragmentHeaderLength;
        }
    }
}
