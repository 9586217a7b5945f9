namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>The board's microsecond clock (the one that stamps frames); wraps after 2^32 us.</summary>
    public interface IDeviceClock
    {
        /// <summary>Current device time in microseconds.</summary>
        uint NowUs();
    }

    /// <summary>
    /// Board-side command handling: decodes a command packet written to the control characteristic, validates it
    /// completely, only then changes the <see cref="DeviceConfiguration"/> (so an invalid command leaves the state
    /// unchanged), and encodes a command-response frame (opcode and token echoed, error code, data) for the
    /// response characteristic. Retransmit and InsertMarker act on the <see cref="FramePublisher"/>.
    /// Allocates nothing per command except float conversions in GetConfig / SetFilter replies.
    /// </summary>
    public sealed class CommandHandler
    {
        private readonly DeviceConfiguration _config;
        private readonly FramePublisher _publisher;
        private readonly IDeviceClock _clock;
        private readonly Command _command = new Command();
        private readonly Frame _response = new Frame();
        private readonly Frame _event = new Frame();
        private readonly FilterCommandSettings _scratchFilter = new FilterCommandSettings();
        private readonly ResponsePublisher _responses;
        private readonly IConfigurationCheck _check;

        /// <summary>
        /// Creates a handler acting on <paramref name="config"/> and <paramref name="publisher"/> that only encodes
        /// responses (no response sink, no signal-chain check: protocol-level tests and tools).
        /// </summary>
        public CommandHandler(DeviceConfiguration config, FramePublisher publisher, IDeviceClock clock)
            : this(config, publisher, new ResponsePublisher(null, ProtocolSpec.AttMtuDefault), null, clock)
        {
        }

        /// <summary>
        /// Creates a handler whose responses go out through <paramref name="responses"/> and whose chain-changing
        /// commands are checked by <paramref name="check"/> (null: the wire-format limits only).
        /// </summary>
        public CommandHandler(DeviceConfiguration config, FramePublisher publisher, ResponsePublisher responses,
            IConfigurationCheck check, IDeviceClock clock)
        {
            if (config == null) throw new System.ArgumentNullException("config");
            if (publisher == null) throw new System.ArgumentNullException("publisher");
            if (responses == null) throw new System.ArgumentNullException("responses");
            if (clock == null) throw new System.ArgumentNullException("clock");
            _config = config;
            _publisher = publisher;
            _responses = responses;
            _check = check;
            _clock = clock;
        }

        /// <summary>The response path (its own sequence, buffer and fragmenter).</summary>
        public ResponsePublisher Responses
        {
            get { return _responses; }
        }

        /// <summary>The response of the last handled command (decoded form of what <see cref="Handle"/> wrote).</summary>
        public Frame LastResponse
        {
            get { return _response; }
        }

        /// <summary>
        /// Handles one command packet and writes the response frame into <paramref name="response"/> at
        /// <paramref name="responseOffset"/> (needs up to ProtocolSpec.MaxFrameLength bytes). Returns its length.
        /// Never throws on bad packet bytes.
        /// </summary>
        public int Handle(byte[] packet, int offset, int length, byte[] response, int responseOffset)
        {
            return _responses.Encode(Execute(packet, offset, length), response, responseOffset);
        }

        /// <summary>
        /// Handles one command packet and sends the response through <see cref="Responses"/> in fragments.
        /// Returns the response frame length. Never throws on bad packet bytes.
        /// </summary>
        public int HandleAndPublish(byte[] packet, int offset, int length)
        {
            return _responses.Publish(Execute(packet, offset, length));
        }

        // Decodes, validates and executes one packet; fills _response except its sequence (the publisher's).
        private Frame Execute(byte[] packet, int offset, int length)
        {
            _response.FrameType = ProtocolSpec.FrameTypeCommandResponse;
            _response.Flags = 0;
            _response.SampleCount = 0;
            _response.ResponseDataLength = 0;
            DecodeStatus status = CommandCodec.Decode(packet, offset, length, _command);
            _response.CommandOpcode = _command.Opcode;
            _response.CommandToken = _command.Token;
            _response.ErrorCode = status == DecodeStatus.Ok ? ExecuteCommand() : ErrorFor(status);
            _response.TimestampUs = _clock.NowUs();
            return _response;
        }

        private static int ErrorFor(DecodeStatus status)
        {
            if (status == DecodeStatus.BadCrc) return ProtocolSpec.ErrBadCrc;
            if (status == DecodeStatus.UnsupportedMajorVersion) return ProtocolSpec.ErrUnsupportedVersion;
            return ProtocolSpec.ErrBadLength;
        }

        // Validates the whole payload first, then stores it: an invalid calibration changes nothing.
        private int SetCalibration(byte[] p, int n)
        {
            if (n < 1) return ProtocolSpec.ErrBadLength;
            if (_config.Streaming) return ProtocolSpec.ErrInvalidState;
            if (p[0] == ProtocolSpec.CalibrationImu)
            {
                if (n != 1 + 4 * ProtocolSpec.ImuCalibrationValues) return ProtocolSpec.ErrBadLength;
                for (int i = 0; i < ProtocolSpec.ImuCalibrationValues; i++)
                {
                    float v = ByteIO.ReadFloat(p, 1 + 4 * i);
                    float limit = i < 3 ? ProtocolSpec.MaxGyroBiasRadPerS : i < 6 ? ProtocolSpec.MaxAccelOffsetMps2 : ProtocolSpec.MaxAccelScaleError;
                    float centre = i < 6 ? 0f : 1f;
                    if (!(v - centre <= limit && centre - v <= limit)) return ProtocolSpec.ErrBadValue;   // also rejects NaN
                }

                for (int i = 0; i < ProtocolSpec.ImuCalibrationValues; i++) _config.ImuCalibration[i] = ByteIO.ReadFloat(p, 1 + 4 * i);
                return ProtocolSpec.ErrOk;
            }

            if (p[0] == ProtocolSpec.CalibrationAfe)
            {
                if (n < 2) return ProtocolSpec.ErrBadLength;
                int channels = p[1];
                if (channels < 1 || channels > ProtocolSpec.AfeOffsetValues) return ProtocolSpec.ErrBadValue;
                if (n != 2 + 4 * channels) return ProtocolSpec.ErrBadLength;
                for (int i = 0; i < channels; i++)
                {
                    float v = ByteIO.ReadFloat(p, 2 + 4 * i);
                    if (!(v <= ProtocolSpec.MaxAfeOffsetUv && -v <= ProtocolSpec.MaxAfeOffsetUv)) return ProtocolSpec.ErrBadValue;
                }

                for (int i = 0; i < channels; i++) _config.AfeOffsetMicrovolts[i] = ByteIO.ReadFloat(p, 2 + 4 * i);
                return ProtocolSpec.ErrOk;
            }

            return ProtocolSpec.ErrBadValue;
        }

        private int ExecuteCommand()
        {
            byte[] p = _command.Payload;
            int n = _command.PayloadLength;
            byte[] data = _response.ResponseData;
            switch (_command.Opcode)
            {
                case ProtocolSpec.CmdStartStreaming:
                    if (n != 0) return ProtocolSpec.ErrBadLength;
                    if (_config.HardwareFaults != 0) return ProtocolSpec.ErrHardwareFault;
                    // Position before the "started" event: the host then expects every frame from here on.
                    _response.ResponseDataLength = StreamPosition.Write(_publisher, data, 0);
                    if (!_config.Streaming)
                    {
                        _config.Streaming = true;
                        PublishEvent(ProtocolSpec.EventStreamingStarted, 0);
                    }

                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdStopStreaming:
                    if (n != 0) return ProtocolSpec.ErrBadLength;
                    if (_config.Streaming)
                    {
                        _config.Streaming = false;
                        PublishEvent(ProtocolSpec.EventStreamingStopped, 0);
                    }

                    // Where every stream ended, so the host can name trailing losses exactly.
                    _response.ResponseDataLength = StreamPosition.Write(_publisher, data, 0);
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdSetMode:
                    if (n != 1) return ProtocolSpec.ErrBadLength;
                    if (p[0] < ProtocolSpec.ModeEnvelope || p[0] > ProtocolSpec.ModeBoth) return ProtocolSpec.ErrBadValue;
                    if (_config.Streaming) return ProtocolSpec.ErrInvalidState;
                    _config.Mode = p[0];
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdSetEmgRate:
                    return SetEmgRate(p, n);

                case ProtocolSpec.CmdSetFilter:
                    int read = _scratchFilter.ReadPayload(p, 0, n);
                    if (read != ProtocolSpec.ErrOk) return read;
                    int valid = _scratchFilter.Validate(_config.EmgRateHz);
                    if (valid != ProtocolSpec.ErrOk) return valid;
                    if (!ChainCanRun(_scratchFilter, _config.EmgRateHz)) return ProtocolSpec.ErrBadValue;
                    _config.Filter.CopyFrom(_scratchFilter);
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdCaptureCalibration:
                    if (n != 1) return ProtocolSpec.ErrBadLength;
                    int allBits = ProtocolSpec.CalibrateElectrodeOffsets | ProtocolSpec.CalibrateGyroBias;
                    if (p[0] == 0 || (p[0] & ~allBits) != 0) return ProtocolSpec.ErrBadValue;
                    _config.PendingCalibrationMask |= p[0];
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdSetCalibration:
                    return SetCalibration(p, n);

                case ProtocolSpec.CmdGetConfig:
                    if (n != 0) return ProtocolSpec.ErrBadLength;
                    _response.ResponseDataLength = _config.Write(data, 0);
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdRetransmit:
                    return Retransmit(p, n, data);

                case ProtocolSpec.CmdTimeSync:
                    if (n != 8) return ProtocolSpec.ErrBadLength;
                    System.Array.Copy(p, 0, data, 0, 8);
                    ByteIO.WriteUInt32(data, 8, _clock.NowUs());
                    _response.ResponseDataLength = ProtocolSpec.TimeSyncResponseLength;
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdIdentify:
                    if (n != 1) return ProtocolSpec.ErrBadLength;
                    if (p[0] < 1 || p[0] > ProtocolSpec.MaxIdentifySeconds) return ProtocolSpec.ErrBadValue;
                    _config.PendingIdentifySeconds = p[0];
                    return ProtocolSpec.ErrOk;

                case ProtocolSpec.CmdInsertMarker:
                    if (n != 2) return ProtocolSpec.ErrBadLength;
                    PublishEvent(ProtocolSpec.EventHostMarker, ByteIO.ReadUInt16(p, 0));
                    return ProtocolSpec.ErrOk;

                default:
                    return ProtocolSpec.ErrUnknownCommand;
            }
        }

        private int SetEmgRate(byte[] p, int n)
        {
            if (n != 2) return ProtocolSpec.ErrBadLength;
            int rateHz = ByteIO.ReadUInt16(p, 0);
            if (rateHz != ProtocolSpec.RawRateLowHz && rateHz != ProtocolSpec.RawRateHighHz) return ProtocolSpec.ErrBadValue;
            if (_config.Streaming) return ProtocolSpec.ErrInvalidState;

            // The current filter must stay realisable at the new rate (e.g. a 600 Hz edge does not fit 1000 Hz).
            if (_config.Filter.Validate(rateHz) != ProtocolSpec.ErrOk) return ProtocolSpec.ErrBadValue;
            if (!ChainCanRun(_config.Filter, rateHz)) return ProtocolSpec.ErrBadValue;
            _config.EmgRateHz = rateHz;
            return ProtocolSpec.ErrOk;
        }

        private bool ChainCanRun(FilterCommandSettings filter, int emgRateHz)
        {
            return _check == null || _check.CheckFilter(filter, emgRateHz) == null;
        }

        private int Retransmit(byte[] p, int n, byte[] data)
        {
            if (n != 4) return ProtocolSpec.ErrBadLength;
            int first = ByteIO.ReadUInt16(p, 0);
            int count = ByteIO.ReadUInt16(p, 2);
            if (count < 1 || count > _publisher.Ring.IndexSlots) return ProtocolSpec.ErrBadValue;
            int resent = 0;
            for (int i = 0; i < count; i++)
            {
                if (_publisher.Resend((first + i) & 0xFFFF))
                {
                    resent++;
                }
            }

            ByteIO.WriteUInt16(data, 0, resent);
            _response.ResponseDataLength = 2;
            return resent == count ? ProtocolSpec.ErrOk : ProtocolSpec.ErrRangeUnavailable;
        }

        private void PublishEvent(int kind, int markerId)
        {
            _event.FrameType = ProtocolSpec.FrameTypeEvent;
            _event.Flags = 0;
            _event.SampleCount = 0;
            _event.TimestampUs = _clock.NowUs();
            _event.EventKind = kind;
            _event.MarkerId = markerId;
            _publisher.Publish(_event);
        }
    }
}
