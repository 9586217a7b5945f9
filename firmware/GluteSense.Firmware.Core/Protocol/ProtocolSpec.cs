namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// GluteSense wire protocol v1: the ONE place that holds versions, GATT UUIDs, frame types, header layout,
    /// payload sizes, MTU constants, command ids, error codes and the retransmit ring size. Encoders, decoders,
    /// the fragmenter and the command handler beside this file read every number from here; docs/PROTOCOL.md
    /// mirrors it (a test checks the golden vectors and the bandwidth table printed there).
    /// </summary>
    /// <remarks>All multi-byte integers on the wire are little-endian (the ESP32 and every host CPU are).</remarks>
    public static class ProtocolSpec
    {
        // ---------------------------------------------------------------- versions
        /// <summary>Major version: a decoder refuses frames whose major differs (layouts changed incompatibly).</summary>
        public const int VersionMajor = 1;

        /// <summary>Minor version: additions only (new frame types, new commands, fields appended to payloads).</summary>
        public const int VersionMinor = 0;

        /// <summary>Version byte as written on the wire: major in the high nibble, minor in the low nibble.</summary>
        public const byte VersionByte = (byte)((VersionMajor << 4) | VersionMinor);

        // ---------------------------------------------------------------- GATT (128-bit UUIDs)
        /// <summary>Primary GluteSense service.</summary>
        public const string ServiceUuid = "6a4e0001-8f1d-4c3b-9b3e-5f2a7c1e0d01";

        /// <summary>Data characteristic (notify): fragments of data frames (envelope, raw, IMU, status, event).</summary>
        public const string DataCharacteristicUuid = "6a4e0002-8f1d-4c3b-9b3e-5f2a7c1e0d01";

        /// <summary>Control characteristic (write with response; Write Long at small MTU): command packets.</summary>
        public const string ControlCharacteristicUuid = "6a4e0003-8f1d-4c3b-9b3e-5f2a7c1e0d01";

        /// <summary>Response characteristic: fragments of command-response frames, sent as <see cref="ResponseProperty"/>.</summary>
        public const string ResponseCharacteristicUuid = "6a4e0004-8f1d-4c3b-9b3e-5f2a7c1e0d01";

        /// <summary>
        /// Responses are indications (acknowledged by the host's ATT layer, so a response is not lost silently);
        /// data are notifications (throughput; a lost fragment is recovered by retransmit). Read by the device app,
        /// the mock BlueZ and the docs (PROTOCOL.md section 1).
        /// </summary>
        public const bool ResponseUsesIndications = true;

        /// <summary>The response characteristic's GATT property as BlueZ and PROTOCOL.md name it.</summary>
        public const string ResponseProperty = ResponseUsesIndications ? "indicate" : "notify";

        /// <summary>Device info characteristic (read): <see cref="DeviceInfoLength"/> bytes, layout in PROTOCOL.md.</summary>
        public const string InfoCharacteristicUuid = "6a4e0005-8f1d-4c3b-9b3e-5f2a7c1e0d01";

        /// <summary>Standard Battery Service (0x180F) and its Battery Level characteristic (0x2A19).</summary>
        public const string BatteryServiceUuid = "0000180f-0000-1000-8000-00805f9b34fb";

        /// <summary>Battery Level characteristic (percent, read + notify).</summary>
        public const string BatteryLevelCharacteristicUuid = "00002a19-0000-1000-8000-00805f9b34fb";

        /// <summary>Standard Device Information Service (0x180A): manufacturer, model, firmware revision strings.</summary>
        public const string DeviceInformationServiceUuid = "0000180a-0000-1000-8000-00805f9b34fb";

        /// <summary>The primary service UUID as the 16 bytes of an advertisement (little-endian, as BLE sends it). Do not modify.</summary>
        public static readonly byte[] ServiceUuidBytes = UuidToLittleEndianBytes(ServiceUuid);

        /// <summary>Data characteristic UUID, 16 bytes little-endian. Do not modify.</summary>
        public static readonly byte[] DataCharacteristicUuidBytes = UuidToLittleEndianBytes(DataCharacteristicUuid);

        /// <summary>Control characteristic UUID, 16 bytes little-endian. Do not modify.</summary>
        public static readonly byte[] ControlCharacteristicUuidBytes = UuidToLittleEndianBytes(ControlCharacteristicUuid);

        /// <summary>Response characteristic UUID, 16 bytes little-endian. Do not modify.</summary>
        public static readonly byte[] ResponseCharacteristicUuidBytes = UuidToLittleEndianBytes(ResponseCharacteristicUuid);

        /// <summary>Info characteristic UUID, 16 bytes little-endian. Do not modify.</summary>
        public static readonly byte[] InfoCharacteristicUuidBytes = UuidToLittleEndianBytes(InfoCharacteristicUuid);

        /// <summary>Converts "xxxxxxxx-xxxx-..." into the 16 bytes BLE puts on air (reverse of the written order).</summary>
        public static byte[] UuidToLittleEndianBytes(string uuid)
        {
            byte[] bytes = new byte[16];
            int written = 0;
            for (int i = uuid.Length - 1; i >= 0 && written < 32; i--)
            {
                int nibble = HexValue(uuid[i]);
                if (nibble < 0)
                {
                    continue; // dashes
                }

                int byteIndex = written / 2;
                bytes[byteIndex] = (byte)(bytes[byteIndex] | (written % 2 == 0 ? nibble : nibble << 4));
                written++;
            }

            if (written != 32)
            {
                throw new System.ArgumentException("not a 128-bit UUID", "uuid");
            }

            return bytes;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        // ---------------------------------------------------------------- frame types
        /// <summary>EMG RMS envelope block: uint16 per channel per sample, LSB = <see cref="EnvelopeLsbNanovolts"/>.</summary>
        public const byte FrameTypeEnvelope = 0x01;

        /// <summary>Raw EMG block (research mode): int24 ADC counts per channel per sample.</summary>
        public const byte FrameTypeRawEmg = 0x02;

        /// <summary>IMU block: int16 x/y/z per present sensor (gyro, accel, mag) per sample; scales in the config.</summary>
        public const byte FrameTypeImu = 0x03;

        /// <summary>Status: battery, CPU load, lead-off bits, dropped samples, saturation counts, powerline ratios, flat-line bits.</summary>
        public const byte FrameTypeStatus = 0x04;

        /// <summary>Event / marker: button press, host marker, streaming started/stopped.</summary>
        public const byte FrameTypeEvent = 0x05;

        /// <summary>Command response (sent on the response characteristic).</summary>
        public const byte FrameTypeCommandResponse = 0x06;

        /// <summary>Highest frame type defined by this minor version.</summary>
        public const byte FrameTypeLast = FrameTypeCommandResponse;

        // ---------------------------------------------------------------- flags (header byte 2)
        /// <summary>The frame is a copy sent again from the retransmit ring.</summary>
        public const byte FlagRetransmitted = 0x01;

        /// <summary>At least one sample of the block is clipped (ADC or envelope saturated).</summary>
        public const byte FlagSaturated = 0x02;

        /// <summary>At least one electrode was off the skin during the block.</summary>
        public const byte FlagLeadOff = 0x04;

        /// <summary>Flag bits defined in v1; the others are reserved and sent as 0.</summary>
        public const byte FlagsDefinedMask = 0x07;

        // ---------------------------------------------------------------- header layout
        /// <summary>Offset of the version byte.</summary>
        public const int HeaderOffsetVersion = 0;

        /// <summary>Offset of the frame type byte.</summary>
        public const int HeaderOffsetType = 1;

        /// <summary>Offset of the flags byte.</summary>
        public const int HeaderOffsetFlags = 2;

        /// <summary>Offset of the uint16 sequence number (wraps 65535 -> 0).</summary>
        public const int HeaderOffsetSequence = 3;

        /// <summary>Offset of the uint32 device timestamp in microseconds of the first sample (wraps after 71.6 min).</summary>
        public const int HeaderOffsetTimestampUs = 5;

        /// <summary>Offset of the uint8 sample count (sample sets, i.e. per channel).</summary>
        public const int HeaderOffsetSampleCount = 9;

        /// <summary>Offset of the uint16 payload length in bytes.</summary>
        public const int HeaderOffsetPayloadLength = 10;

        /// <summary>Header size in bytes.</summary>
        public const int HeaderLength = 12;

        /// <summary>CRC-16/CCITT-FALSE after the payload, over header + payload, little-endian.</summary>
        public const int CrcLength = 2;

        /// <summary>Bytes a frame adds around its payload.</summary>
        public const int FrameOverhead = HeaderLength + CrcLength;

        /// <summary>Largest payload of a v1 frame.</summary>
        public const int MaxPayloadLength = 480;

        /// <summary>Largest frame (header + payload + CRC).</summary>
        public const int MaxFrameLength = FrameOverhead + MaxPayloadLength;

        // ---------------------------------------------------------------- payload layouts
        /// <summary>Block prefix of envelope / raw / IMU payloads: channels or sensor mask (1), rate Hz (2), first sample index (4).</summary>
        public const int BlockPrefixLength = 7;

        /// <summary>Most EMG channels a block can carry.</summary>
        public const int MaxChannels = 8;

        /// <summary>EMG channels of the standard board (gmax_l, gmax_r, es_l, es_r).</summary>
        public const int DefaultChannels = 4;

        /// <summary>Bytes per envelope value (uint16).</summary>
        public const int EnvelopeBytesPerValue = 2;

        /// <summary>Envelope LSB in nanovolts: uint16 covers 0 .. 6553.5 uV RMS (65535 = saturated).</summary>
        public const int EnvelopeLsbNanovolts = 100;

        /// <summary>Bytes per raw EMG value (int24, two's complement).</summary>
        public const int RawBytesPerValue = 3;

        /// <summary>Raw EMG sample rates the board supports (Hz).</summary>
        public const int RawRateLowHz = 1000;

        /// <summary>Research-mode high rate (Hz).</summary>
        public const int RawRateHighHz = 2000;

        /// <summary>Bytes per IMU axis value (int16).</summary>
        public const int ImuBytesPerValue = 2;

        /// <summary>Axes per IMU sensor.</summary>
        public const int ImuAxes = 3;

        /// <summary>IMU sensor mask bit: gyroscope present.</summary>
        public const byte ImuSensorGyro = 0x01;

        /// <summary>IMU sensor mask bit: accelerometer present.</summary>
        public const byte ImuSensorAccel = 0x02;

        /// <summary>IMU sensor mask bit: magnetometer present.</summary>
        public const byte ImuSensorMag = 0x04;

        /// <summary>Status payload length without the per-channel fields.</summary>
        public const int StatusFixedLength = 11;

        /// <summary>Bytes per channel of the status payload's saturation counts (u16 each).</summary>
        public const int StatusSaturationBytesPerChannel = 2;

        /// <summary>Bytes per channel of the status extension's powerline ratio (u8 each), after the saturation counts.</summary>
        public const int StatusPowerlineBytesPerChannel = 1;

        /// <summary>Bytes of the status extension's flat-line mask (u8: bit k = channel k; <see cref="MaxChannels"/> is 8).</summary>
        public const int StatusFlatLineMaskLength = 1;

        /// <summary>Powerline ratio code meaning "not measured since the previous status" (and the value a status of
        /// the short length, without the extension, decodes to).</summary>
        public const int StatusPowerlineNotMeasured = 255;

        /// <summary>Powerline ratio code of a ratio of 1: codes 0..254 are the ratio 0..1, rounded to the nearest step.</summary>
        public const int StatusPowerlineFullScale = 254;

        /// <summary>Status payload without the powerline / flat-line extension (v1.0 as first defined): 11 + 2 x channels.
        /// Decoders still accept it; the extension then reads as not measured and no flat line.</summary>
        public static int StatusShortPayloadLength(int channels)
        {
            return StatusFixedLength + StatusSaturationBytesPerChannel * channels;
        }

        /// <summary>Status payload as the board sends it: the short payload, then u8 x channels powerline ratio and the
        /// u8 flat-line mask (12 + 3 x channels).</summary>
        public static int StatusPayloadLength(int channels)
        {
            return StatusShortPayloadLength(channels) + StatusPowerlineBytesPerChannel * channels + StatusFlatLineMaskLength;
        }

        /// <summary>The wire code of a powerline ratio (0..1; negative = not measured): ratio x 254 rounded, 255 when
        /// not measured, ratios above 1 clamped (they cannot occur: the ratio is a share of power).</summary>
        public static int PowerlineRatioCode(float ratio)
        {
            if (!(ratio >= 0f))
            {
                return StatusPowerlineNotMeasured;
            }

            return ratio >= 1f ? StatusPowerlineFullScale : (int)(ratio * StatusPowerlineFullScale + 0.5f);
        }

        /// <summary>Event payload: kind (1) + marker id (2).</summary>
        public const int EventPayloadLength = 3;

        /// <summary>Event kind: the board's button was pressed.</summary>
        public const byte EventButton = 1;

        /// <summary>Event kind: a marker the host asked for (InsertMarker).</summary>
        public const byte EventHostMarker = 2;

        /// <summary>Event kind: streaming started.</summary>
        public const byte EventStreamingStarted = 3;

        /// <summary>Event kind: streaming stopped.</summary>
        public const byte EventStreamingStopped = 4;

        /// <summary>Command response payload: opcode (1), token (1), error code (1), then data.</summary>
        public const int ResponsePrefixLength = 3;

        /// <summary>Most data bytes in one command response.</summary>
        public const int MaxResponseDataLength = MaxPayloadLength - ResponsePrefixLength;

        /// <summary>Most samples per envelope frame; in practice a frame carries one acquisition block's values
        /// (5 at 100 Hz, see <see cref="AcquisitionBlockMs"/>).</summary>
        public const int EnvelopeSamplesPerFrame = 10;

        /// <summary>The board processes EMG in blocks of this length (ms) at any EMG rate and sends the envelope values
        /// of each block at its end, so a value waits at most one block for its frame (biofeedback latency,
        /// docs/live-link.md); a frame still never holds more than <see cref="EnvelopeSamplesPerFrame"/>.</summary>
        public const int AcquisitionBlockMs = 50;

        /// <summary>Default envelope rate (Hz).</summary>
        public const int DefaultEnvelopeRateHz = 100;

        /// <summary>Default IMU rate (Hz) in envelope mode.</summary>
        public const int DefaultImuRateHz = 100;

        /// <summary>Most sample sets per frame (the header field is one byte).</summary>
        public const int MaxSamplesPerFrame = 255;

        /// <summary>Largest number of integer values (samples x channels or axes) a block can hold.</summary>
        public const int MaxBlockValues = (MaxPayloadLength - BlockPrefixLength) / EnvelopeBytesPerValue;

        // ---------------------------------------------------------------- fragmentation / MTU
        /// <summary>BLE default ATT MTU.</summary>
        public const int AttMtuDefault = 23;

        /// <summary>Common negotiated ATT MTU (iOS).</summary>
        public const int AttMtu185 = 185;

        /// <summary>Common negotiated ATT MTU (Android, ESP32 maximum with DLE).</summary>
        public const int AttMtu247 = 247;

        /// <summary>ATT notification header (opcode 1 + handle 2): payload per notification = MTU - 3.</summary>
        public const int AttNotificationHeaderLength = 3;

        /// <summary>Fragment header: frame sequence low byte (1) + index / retransmitted / last bits (1).</summary>
        public const int FragmentHeaderLength = 2;

        /// <summary>Bit 7 of fragment byte 1: this is the last fragment of the frame.</summary>
        public const byte FragmentLastFlag = 0x80;

        /// <summary>
        /// Bit 6 of fragment byte 1: the fragment belongs to a retransmitted copy (frame flag bit 0). Original and copy
        /// differ in their flags byte and CRC, so a receiver must never splice fragments of one with the other.
        /// </summary>
        public const byte FragmentRetransmittedFlag = 0x40;

        /// <summary>Bits 0..5 of fragment byte 1: fragment index within the frame.</summary>
        public const byte FragmentIndexMask = 0x3F;

        /// <summary>Most fragments per frame (index is 6 bits; the largest frame needs 28 at MTU 23).</summary>
        public const int MaxFragmentsPerFrame = 64;

        /// <summary>Notification payload bytes at the given ATT MTU.</summary>
        public static int NotificationPayloadLength(int attMtu) { return attMtu - AttNotificationHeaderLength; }

        /// <summary>Frame bytes carried per notification at the given ATT MTU.</summary>
        public static int FragmentDataLength(int attMtu) { return attMtu - AttNotificationHeaderLength - FragmentHeaderLength; }

        // ---------------------------------------------------------------- retransmit ring
        /// <summary>Ring buffer of sent data frames kept for retransmission (bytes of frames).</summary>
        public const int RingBufferBytes = 16384;

        /// <summary>Frames the ring indexes (by sequence number modulo this).</summary>
        public const int RingIndexSlots = 256;

        // ---------------------------------------------------------------- command packets (control characteristic)
        /// <summary>Command packet: version (1), opcode (1), token (1), payload length (1), payload, CRC-16.</summary>
        public const int CommandHeaderLength = 4;

        /// <summary>Largest command payload.</summary>
        public const int MaxCommandPayloadLength = 200;

        /// <summary>Largest command packet (fits one Write Long of 512 bytes).</summary>
        public const int MaxCommandLength = CommandHeaderLength + MaxCommandPayloadLength + CrcLength;

        /// <summary>Start streaming in the current mode. No payload. Response: stream position (next sequence, next sample indices).</summary>
        public const byte CmdStartStreaming = 0x01;

        /// <summary>Stop streaming. No payload. Response: stream position after the last frame (next sequence, next sample indices).</summary>
        public const byte CmdStopStreaming = 0x02;

        /// <summary>Set mode: payload mode (1): <see cref="ModeEnvelope"/>, <see cref="ModeRaw"/>, <see cref="ModeBoth"/>. Only while stopped.</summary>
        public const byte CmdSetMode = 0x03;

        /// <summary>Set raw EMG rate: payload rate Hz (2): 1000 or 2000. Only while stopped.</summary>
        public const byte CmdSetEmgRate = 0x04;

        /// <summary>Set filter settings: payload layout in PROTOCOL.md (parametric or explicit biquads).</summary>
        public const byte CmdSetFilter = 0x05;

        /// <summary>Capture calibration: payload what (1): bit0 electrode offsets, bit1 gyro bias.</summary>
        public const byte CmdCaptureCalibration = 0x06;

        /// <summary>Get configuration. No payload. Response: <see cref="ConfigLength"/> bytes.</summary>
        public const byte CmdGetConfig = 0x07;

        /// <summary>Retransmit: payload first sequence (2) + frame count (2). Response: frames re-sent (2).</summary>
        public const byte CmdRetransmit = 0x08;

        /// <summary>Time sync: payload host time us (8). Response: host time echoed (8) + device time us (4).</summary>
        public const byte CmdTimeSync = 0x09;

        /// <summary>Identify: payload blink seconds (1), 1..<see cref="MaxIdentifySeconds"/>.</summary>
        public const byte CmdIdentify = 0x0A;

        /// <summary>Insert marker: payload marker id (2). The board emits an event frame stamped with its clock.</summary>
        public const byte CmdInsertMarker = 0x0B;

        /// <summary>Set calibration (stored on the board, applied while stopped): payload what (1) then
        /// <see cref="CalibrationImu"/>: 9 x f32 (gyro bias rad/s xyz, accel offset m/s^2 xyz, accel scale xyz) or
        /// <see cref="CalibrationAfe"/>: u8 channel count n (1..8), n x f32 input offset (uV). Read back by get_config.</summary>
        public const byte CmdSetCalibration = 0x0C;

        /// <summary>Highest opcode defined by this minor version.</summary>
        public const byte CmdLast = CmdSetCalibration;

        /// <summary>Mode: RMS envelopes + IMU.</summary>
        public const byte ModeEnvelope = 1;

        /// <summary>Mode: raw EMG + IMU (research).</summary>
        public const byte ModeRaw = 2;

        /// <summary>Mode: envelopes, raw EMG and IMU.</summary>
        public const byte ModeBoth = 3;

        /// <summary>Filter payload kind: band-pass + notch designed on the board from table values.</summary>
        public const byte FilterKindParametric = 0;

        /// <summary>Filter payload kind: explicit biquad sections designed on the host.</summary>
        public const byte FilterKindBiquads = 1;

        /// <summary>Filter payload common prefix: kind (1) + RMS window ms (2) + envelope rate Hz (2).</summary>
        public const int FilterPrefixLength = 5;

        /// <summary>Parametric filter payload: prefix + band low Hz (2) + band high Hz (2) + notch Hz (1).</summary>
        public const int FilterParametricLength = FilterPrefixLength + 5;

        /// <summary>Most biquad sections in a filter command.</summary>
        public const int MaxBiquadSections = 8;

        /// <summary>float32 coefficients per section: b0, b1, b2, a1, a2 (a0 = 1).</summary>
        public const int BiquadCoefficients = 5;

        /// <summary>Bytes per biquad section on the wire.</summary>
        public const int BiquadSectionLength = BiquadCoefficients * 4;

        /// <summary>Smallest RMS window (ms).</summary>
        public const int MinRmsWindowMs = 10;

        /// <summary>Largest RMS window (ms).</summary>
        public const int MaxRmsWindowMs = 1000;

        /// <summary>Envelope rates the board can produce (Hz): 10 .. 500.</summary>
        public const int MinEnvelopeRateHz = 10;

        /// <summary>Highest envelope rate (Hz).</summary>
        public const int MaxEnvelopeRateHz = 500;

        /// <summary>Longest identify blink (s).</summary>
        public const int MaxIdentifySeconds = 60;

        /// <summary>Calibration bit: electrode (AFE) offsets.</summary>
        public const byte CalibrateElectrodeOffsets = 0x01;

        /// <summary>Calibration bit: IMU gyro bias (board must be still).</summary>
        public const byte CalibrateGyroBias = 0x02;

        /// <summary>set_calibration what: IMU gyro bias, accelerometer offset and scale.</summary>
        public const byte CalibrationImu = 1;

        /// <summary>set_calibration what: AFE input offsets per channel.</summary>
        public const byte CalibrationAfe = 2;

        /// <summary>IMU calibration values: gyro bias xyz, accel offset xyz, accel scale xyz.</summary>
        public const int ImuCalibrationValues = 9;

        /// <summary>AFE offset values (one per AFE input).</summary>
        public const int AfeOffsetValues = 8;

        /// <summary>Largest accepted |gyro bias| (rad/s), |accel offset| (m/s^2), |scale - 1| and |AFE offset| (uV):
        /// beyond these the "calibration" is a fault, not a correction.</summary>
        public const float MaxGyroBiasRadPerS = 0.5f, MaxAccelOffsetMps2 = 2f, MaxAccelScaleError = 0.1f, MaxAfeOffsetUv = 400000f;

        /// <summary>Start/stop response data: next data sequence (2) + next envelope, raw, IMU sample index (4 each).</summary>
        public const int StreamPositionLength = 14;

        /// <summary>Time-sync response data length.</summary>
        public const int TimeSyncResponseLength = 12;

        /// <summary>Get-config response data length (layout in PROTOCOL.md).</summary>
        public const int ConfigLength = ConfigCalibrationOffset + 4 * (ImuCalibrationValues + AfeOffsetValues);

        /// <summary>Offset of the calibration values in the get_config data (after the biquad area).</summary>
        public const int ConfigCalibrationOffset = 28 + MaxBiquadSections * BiquadSectionLength;

        /// <summary>Device info characteristic length (layout in PROTOCOL.md).</summary>
        public const int DeviceInfoLength = 14;

        /// <summary>Offset of the u32 native self-test hash in the device info.</summary>
        public const int DeviceInfoNativeHashOffset = 10;

        // ---------------------------------------------------------------- error codes (command responses)
        /// <summary>Command executed.</summary>
        public const byte ErrOk = 0;

        /// <summary>Opcode not known to this firmware.</summary>
        public const byte ErrUnknownCommand = 1;

        /// <summary>Payload length wrong for the opcode.</summary>
        public const byte ErrBadLength = 2;

        /// <summary>A value is out of range (rate, mode, filter edge, unstable biquad ...).</summary>
        public const byte ErrBadValue = 3;

        /// <summary>The packet CRC does not match.</summary>
        public const byte ErrBadCrc = 4;

        /// <summary>The packet's major version is not this firmware's.</summary>
        public const byte ErrUnsupportedVersion = 5;

        /// <summary>Not allowed in the current state (e.g. change rate while streaming).</summary>
        public const byte ErrInvalidState = 6;

        /// <summary>Retransmit range no longer (or never) in the ring.</summary>
        public const byte ErrRangeUnavailable = 7;

        /// <summary>start_streaming refused: a chip failed its start-up check (DeviceConfiguration.HardwareFaults).</summary>
        public const byte ErrHardwareFault = 8;

        /// <summary>Highest error code.</summary>
        public const byte ErrLast = ErrHardwareFault;

        /// <summary>Hardware fault bit: the AFE did not read back the ADS1298 ID at start-up.</summary>
        public const int FaultAfeId = 1;
    }
}
