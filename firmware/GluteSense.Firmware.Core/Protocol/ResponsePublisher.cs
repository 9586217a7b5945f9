namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// The board's command-response path (PROTOCOL.md sections 3.4 and 4): numbers each response frame with the
    /// response characteristic's own sequence (independent of the data frames'), encodes it into a buffer of
    /// ProtocolSpec.MaxFrameLength bytes (a get_config response does not fit one small notification) and fragments it
    /// to the ATT MTU exactly like data frames. Allocates nothing after construction.
    /// </summary>
    public sealed class ResponsePublisher
    {
        private readonly byte[] _frameBuffer = new byte[ProtocolSpec.MaxFrameLength];
        private readonly Fragmenter _fragmenter;
        private readonly INotificationSink _sink;
        private int _nextSequence;

        /// <summary>
        /// Creates a publisher sending through <paramref name="sink"/> at <paramref name="attMtu"/>; with a null sink
        /// it only numbers and encodes (<see cref="Encode"/>) for a caller that carries the bytes itself.
        /// </summary>
        public ResponsePublisher(INotificationSink sink, int attMtu)
        {
            _sink = sink;
            _fragmenter = new Fragmenter(attMtu);
        }

        /// <summary>The fragmenter (its AttMtu follows the connection's negotiated MTU).</summary>
        public Fragmenter Fragmenter { get { return _fragmenter; } }

        /// <summary>Sequence number the next response gets.</summary>
        public int NextSequence { get { return _nextSequence; } }

        /// <summary>
        /// Numbers <paramref name="response"/> and encodes it into <paramref name="destination"/> (up to
        /// ProtocolSpec.MaxFrameLength bytes) without sending it. Returns the encoded length.
        /// </summary>
        public int Encode(Frame response, byte[] destination, int destinationOffset)
        {
            if (response == null) throw new System.ArgumentNullException("response");
            if (response.FrameType != ProtocolSpec.FrameTypeCommandResponse)
            {
                throw new System.ArgumentException("not a command response", "response");
            }

            response.Sequence = (ushort)_nextSequence;
            _nextSequence = (_nextSequence + 1) & 0xFFFF;
            return FrameEncoder.Encode(response, destination, destinationOffset);
        }

        /// <summary>Numbers, encodes and sends <paramref name="response"/> in fragments. Returns the frame length.</summary>
        public int Publish(Frame response)
        {
            if (_sink == null)
            {
                throw new System.InvalidOperationException("this response publisher has no sink: use Encode");
            }

            int length = Encode(response, _frameBuffer, 0);
            _fragmenter.Send(_frameBuffer, 0, length, _sink);
            return length;
        }
    }
}
