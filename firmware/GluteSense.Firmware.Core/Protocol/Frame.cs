namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// One wire frame in decoded form, reused for every frame type (like a C union): the encoder reads it, the
    /// decoder fills it. All arrays are allocated once, at their maximum size, so encoding and decoding allocate
    /// nothing. Which fields matter depends on <see cref="FrameType"/> (see PROTOCOL.md).
    /// </summary>
    public sealed class Frame
    {
        /// <summary>Major version seen on the wire (the encoder always writes <see cref="ProtocolSpec.VersionMajor"/>).</summary>
        public int VersionMajor = ProtocolSpec.VersionMajor;

        /// <summary>Minor version seen on the wire.</summary>
        public int VersionMinor = ProtocolSpec.VersionMinor;

        /// <summary>One of the ProtocolSpec.FrameType* values.</summary>
        public byte FrameType;

        /// <summary>ProtocolSpec.Flag* bits.</summary>
        public byte Flags;

        /// <summary>Sequence number (wraps 65535 -> 0). Data and response frames count separately.</summary>
        public ushort Sequence;

        /// <summary>Device time of the first sample (or of the event) in microseconds; wraps after 2^32 us.</summary>
        public uint TimestampUs;

        /// <summary>Sample sets in the block (0 for status, event and response frames).</summary>
        public int SampleCount;

        // ------------------------------------------------------------ envelope, raw EMG, IMU blocks
        /// <summary>EMG channels (envelope, raw) or the IMU sensor mask (ProtocolSpec.ImuSensor* bits).</summary>
        public int ChannelsOrSensors;

        /// <summary>Sample rate of the block in Hz.</summary>
        public int SampleRateHz;

        /// <summary>Index of the first sample in its stream since streaming started (wraps after 2^32).</summary>
        public uint FirstSampleIndex;

        /// <summary>
        /// Values, sample-major (s0c0, s0c1, ..., s1c0, ...): envelope uint16 in units of
        /// ProtocolSpec.EnvelopeLsbNanovolts, raw int24 ADC counts, IMU int16 (gyro xyz, accel xyz, mag xyz).
        /// </summary>
        public readonly int[] Values = new int[ProtocolSpec.MaxBlockValues];

        // ------------------------------------------------------------ status
        /// <summary>Battery voltage (mV).</summary>
        public int BatteryMillivolts;

        /// <summary>Battery charge (percent).</summary>
        public int BatteryPercent;

        /// <summary>CPU load (percent).</summary>
        public int CpuLoadPercent;

        /// <summary>Lead-off bits: bit 2k = channel k positive electrode off, bit 2k+1 = negative electrode off.</summary>
        public int LeadOffMask;

        /// <summary>Samples dropped on the board since streaming started (acquisition overruns, not link loss).</summary>
        public uint DroppedSamples;

        /// <summary>Saturated samples per channel since the previous status (count = <see cref="ChannelsOrSensors"/>).</summary>
        public readonly int[] SaturationCounts = new int[ProtocolSpec.MaxChannels];

        /// <summary>Powerline ratio codes per channel (ProtocolSpec.PowerlineRatioCode: 0..254 = ratio 0..1,
        /// 255 = not measured since the previous status).</summary>
        public readonly int[] PowerlineRatioCodes = new int[ProtocolSpec.MaxChannels];

        /// <summary>Flat-line bits: bit k = channel k was flat in at least one block since the previous status.</summary>
        public int FlatLineMask;

        // ------------------------------------------------------------ event
        /// <summary>ProtocolSpec.Event* kind.</summary>
        public int EventKind;

        /// <summary>Marker id (host markers) or button number.</summary>
        public int MarkerId;

        // ------------------------------------------------------------ command response
        /// <summary>Opcode of the answered command.</summary>
        public int CommandOpcode;

        /// <summary>Token the host put in the command (echoed).</summary>
        public int CommandToken;

        /// <summary>ProtocolSpec.Err* code.</summary>
        public int ErrorCode;

        /// <summary>Response data (first <see cref="ResponseDataLength"/> bytes).</summary>
        public readonly byte[] ResponseData = new byte[ProtocolSpec.MaxResponseDataLength];

        /// <summary>Valid bytes in <see cref="ResponseData"/>.</summary>
        public int ResponseDataLength;

        /// <summary>Values per sample set for this block (channels, or 3 per present IMU sensor); 0 otherwise.</summary>
        public int ValuesPerSample
        {
            get { return ValuesPerSampleOf(FrameType, ChannelsOrSensors); }
        }

        /// <summary>Values per sample set of a block type with the given channels or sensor mask.</summary>
        public static int ValuesPerSampleOf(byte frameType, int channelsOrSensors)
        {
            if (frameType == ProtocolSpec.FrameTypeEnvelope || frameType == ProtocolSpec.FrameTypeRawEmg)
            {
                return channelsOrSensors;
            }

            if (frameType == ProtocolSpec.FrameTypeImu)
            {
                int sensors = 0;
                if ((channelsOrSensors & ProtocolSpec.ImuSensorGyro) != 0) sensors++;
                if ((channelsOrSensors & ProtocolSpec.ImuSensorAccel) != 0) sensors++;
                if ((channelsOrSensors & ProtocolSpec.ImuSensorMag) != 0) sensors++;
                return sensors * ProtocolSpec.ImuAxes;
            }

            return 0;
        }

        /// <summary>Bytes per value of a block type (2 envelope, 3 raw, 2 IMU); 0 for non-block frames.</summary>
        public static int BytesPerValueOf(byte frameType)
        {
            if (frameType == ProtocolSpec.FrameTypeEnvelope) return ProtocolSpec.EnvelopeBytesPerValue;
            if (frameType == ProtocolSpec.FrameTypeRawEmg) return ProtocolSpec.RawBytesPerValue;
            if (frameType == ProtocolSpec.FrameTypeImu) return ProtocolSpec.ImuBytesPerValue;
            return 0;
        }

        /// <summary>True for envelope, raw EMG and IMU frames.</summary>
        public static bool IsBlock(byte frameType)
        {
            return BytesPerValueOf(frameType) != 0;
        }

        /// <summary>Copies every field of <paramref name="other"/> into this frame (no allocation).</summary>
        public void CopyFrom(Frame other)
        {
            VersionMajor = other.VersionMajor;
            VersionMinor = other.VersionMinor;
            FrameType = other.FrameType;
            Flags = other.Flags;
            Sequence = other.Sequence;
            TimestampUs = other.TimestampUs;
            SampleCount = other.SampleCount;
            ChannelsOrSensors = other.ChannelsOrSensors;
            SampleRateHz = other.SampleRateHz;
            FirstSampleIndex = other.FirstSampleIndex;
            System.Array.Copy(other.Values, Values, Values.Length);
            BatteryMillivolts = other.BatteryMillivolts;
            BatteryPercent = other.BatteryPercent;
            CpuLoadPercent = other.CpuLoadPercent;
            LeadOffMask = other.LeadOffMask;
            DroppedSamples = other.DroppedSamples;
            System.Array.Copy(other.SaturationCounts, SaturationCounts, SaturationCounts.Length);
            System.Array.Copy(other.PowerlineRatioCodes, PowerlineRatioCodes, PowerlineRatioCodes.Length);
            FlatLineMask = other.FlatLineMask;
            EventKind = other.EventKind;
            MarkerId = other.MarkerId;
            CommandOpcode = other.CommandOpcode;
            CommandToken = other.CommandToken;
            ErrorCode = other.ErrorCode;
            System.Array.Copy(other.ResponseData, ResponseData, ResponseData.Length);
            ResponseDataLength = other.ResponseDataLength;
        }
    }
}
