namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Writes a <see cref="Frame"/> into a caller buffer as header + payload + CRC-16 (layout in ProtocolSpec and
    /// PROTOCOL.md). Allocates nothing. Throws <see cref="System.ArgumentException"/> for a frame that would not be
    /// valid on the wire (values never get clamped or truncated silently).
    /// </summary>
    public static class FrameEncoder
    {
        /// <summary>Payload length the frame will have on the wire.</summary>
        public static int PayloadLength(Frame frame)
        {
            byte type = frame.FrameType;
            if (Frame.IsBlock(type))
            {
                return ProtocolSpec.BlockPrefixLength
                    + frame.SampleCount * frame.ValuesPerSample * Frame.BytesPerValueOf(type);
            }

            if (type == ProtocolSpec.FrameTypeStatus)
            {
                return ProtocolSpec.StatusPayloadLength(frame.ChannelsOrSensors);
            }

            if (type == ProtocolSpec.FrameTypeEvent)
            {
                return ProtocolSpec.EventPayloadLength;
            }

            if (type == ProtocolSpec.FrameTypeCommandResponse)
            {
                return ProtocolSpec.ResponsePrefixLength + frame.ResponseDataLength;
            }

            throw new System.ArgumentException("unknown frame type", "frame");
        }

        /// <summary>Total encoded length (header + payload + CRC).</summary>
        public static int EncodedLength(Frame frame)
        {
            return ProtocolSpec.FrameOverhead + PayloadLength(frame);
        }

        /// <summary>Encodes <paramref name="frame"/> at <paramref name="offset"/> and returns the number of bytes written.</summary>
        public static int Encode(Frame frame, byte[] buffer, int offset)
        {
            if (frame == null) throw new System.ArgumentNullException("frame");
            if (buffer == null) throw new System.ArgumentNullException("buffer");
            Validate(frame);
            int payloadLength = PayloadLength(frame);
            int total = ProtocolSpec.FrameOverhead + payloadLength;
            if (offset < 0 || offset + total > buffer.Length)
            {
                throw new System.ArgumentOutOfRangeException("offset", "buffer too small for the frame");
            }

            buffer[offset + ProtocolSpec.HeaderOffsetVersion] = ProtocolSpec.VersionByte;
            buffer[offset + ProtocolSpec.HeaderOffsetType] = frame.FrameType;
            buffer[offset + ProtocolSpec.HeaderOffsetFlags] = frame.Flags;
            ByteIO.WriteUInt16(buffer, offset + ProtocolSpec.HeaderOffsetSequence, frame.Sequence);
            ByteIO.WriteUInt32(buffer, offset + ProtocolSpec.HeaderOffsetTimestampUs, frame.TimestampUs);
            buffer[offset + ProtocolSpec.HeaderOffsetSampleCount] = (byte)frame.SampleCount;
            ByteIO.WriteUInt16(buffer, offset + ProtocolSpec.HeaderOffsetPayloadLength, payloadLength);

            int p = offset + ProtocolSpec.HeaderLength;
            byte type = frame.FrameType;
            if (Frame.IsBlock(type))
            {
                WriteBlock(frame, buffer, p);
            }
            else if (type == ProtocolSpec.FrameTypeStatus)
            {
                ByteIO.WriteUInt16(buffer, p, frame.BatteryMillivolts);
                buffer[p + 2] = (byte)frame.BatteryPercent;
                buffer[p + 3] = (byte)frame.CpuLoadPercent;
                ByteIO.WriteUInt16(buffer, p + 4, frame.LeadOffMask);
                ByteIO.WriteUInt32(buffer, p + 6, frame.DroppedSamples);
                buffer[p + 10] = (byte)frame.ChannelsOrSensors;
                for (int c = 0; c < frame.ChannelsOrSensors; c++)
                {
                    ByteIO.WriteUInt16(buffer, p + ProtocolSpec.StatusFixedLength + ProtocolSpec.StatusSaturationBytesPerChannel * c,
                        frame.SaturationCounts[c]);
                }

                int extension = p + ProtocolSpec.StatusShortPayloadLength(frame.ChannelsOrSensors);
                for (int c = 0; c < frame.ChannelsOrSensors; c++)
                {
                    buffer[extension + c] = (byte)frame.PowerlineRatioCodes[c];
                }

                buffer[extension + frame.ChannelsOrSensors] = (byte)frame.FlatLineMask;
            }
            else if (type == ProtocolSpec.FrameTypeEvent)
            {
                buffer[p] = (byte)frame.EventKind;
                ByteIO.WriteUInt16(buffer, p + 1, frame.MarkerId);
            }
            else
            {
                buffer[p] = (byte)frame.CommandOpcode;
                buffer[p + 1] = (byte)frame.CommandToken;
                buffer[p + 2] = (byte)frame.ErrorCode;
                System.Array.Copy(frame.ResponseData, 0, buffer, p + ProtocolSpec.ResponsePrefixLength, frame.ResponseDataLength);
            }

            int crcOffset = offset + ProtocolSpec.HeaderLength + payloadLength;
            ByteIO.WriteUInt16(buffer, crcOffset, Crc16.Compute(buffer, offset, crcOffset - offset));
            return total;
        }

        private static void WriteBlock(Frame frame, byte[] buffer, int p)
        {
            byte type = frame.FrameType;
            buffer[p] = (byte)frame.ChannelsOrSensors;
            ByteIO.WriteUInt16(buffer, p + 1, frame.SampleRateHz);
            ByteIO.WriteUInt32(buffer, p + 3, frame.FirstSampleIndex);
            p += ProtocolSpec.BlockPrefixLength;
            int count = frame.SampleCount * frame.ValuesPerSample;
            int[] values = frame.Values;
            if (type == ProtocolSpec.FrameTypeRawEmg)
            {
                for (int i = 0; i < count; i++, p += ProtocolSpec.RawBytesPerValue)
                {
                    ByteIO.WriteInt24(buffer, p, values[i]);
                }
            }
            else
            {
                // Envelope (uint16) and IMU (int16) share the 2-byte layout; the range check in Validate differs.
                for (int i = 0; i < count; i++, p += 2)
                {
                    ByteIO.WriteUInt16(buffer, p, values[i]);
                }
            }
        }

        /// <summary>Throws if the frame cannot be represented exactly on the wire.</summary>
        public static void Validate(Frame frame)
        {
            byte type = frame.FrameType;
            if (type < ProtocolSpec.FrameTypeEnvelope || type > ProtocolSpec.FrameTypeLast)
            {
                throw new System.ArgumentException("unknown frame type", "frame");
            }

            if ((frame.Flags & ~ProtocolSpec.FlagsDefinedMask) != 0)
            {
                throw new System.ArgumentException("reserved flag bits set", "frame");
            }

            if (Frame.IsBlock(type))
            {
                ValidateBlock(frame);
            }
            else if (frame.SampleCount != 0)
            {
                throw new System.ArgumentException("only blocks carry samples", "frame");
            }
            else if (type == ProtocolSpec.FrameTypeStatus)
            {
                RequireRange(frame.ChannelsOrSensors, 0, ProtocolSpec.MaxChannels, "status channels");
                RequireRange(frame.BatteryMillivolts, 0, 0xFFFF, "battery mV");
                RequireRange(frame.BatteryPercent, 0, 100, "battery %");
                RequireRange(frame.CpuLoadPercent, 0, 100, "CPU load %");
                RequireRange(frame.LeadOffMask, 0, (1 << (2 * frame.ChannelsOrSensors)) - 1, "lead-off mask");
                for (int c = 0; c < frame.ChannelsOrSensors; c++)
                {
                    RequireRange(frame.SaturationCounts[c], 0, 0xFFFF, "saturation count");
                    RequireRange(frame.PowerlineRatioCodes[c], 0, ProtocolSpec.StatusPowerlineNotMeasured, "powerline ratio code");
                }

                RequireRange(frame.FlatLineMask, 0, (1 << frame.ChannelsOrSensors) - 1, "flat-line mask");
            }
            else if (type == ProtocolSpec.FrameTypeEvent)
            {
                RequireRange(frame.EventKind, ProtocolSpec.EventButton, ProtocolSpec.EventStreamingStopped, "event kind");
                RequireRange(frame.MarkerId, 0, 0xFFFF, "marker id");
            }
            else
            {
                RequireRange(frame.CommandOpcode, 0, 0xFF, "opcode");
                RequireRange(frame.CommandToken, 0, 0xFF, "token");
                RequireRange(frame.ErrorCode, 0, 0xFF, "error code");
                RequireRange(frame.ResponseDataLength, 0, ProtocolSpec.MaxResponseDataLength, "response length");
            }
        }

        private static void ValidateBlock(Frame frame)
        {
            byte type = frame.FrameType;
            if (type == ProtocolSpec.FrameTypeImu)
            {
                RequireRange(frame.ChannelsOrSensors, 1, ProtocolSpec.ImuSensorGyro | ProtocolSpec.ImuSensorAccel | ProtocolSpec.ImuSensorMag, "IMU sensor mask");
            }
            else
            {
                RequireRange(frame.ChannelsOrSensors, 1, ProtocolSpec.MaxChannels, "channels");
            }

            RequireRange(frame.SampleRateHz, 1, 0xFFFF, "sample rate Hz");
            RequireRange(frame.SampleCount, 1, ProtocolSpec.MaxSamplesPerFrame, "sample count");
            int count = frame.SampleCount * frame.ValuesPerSample;
            if (ProtocolSpec.BlockPrefixLength + count * Frame.BytesPerValueOf(type) > ProtocolSpec.MaxPayloadLength)
            {
                throw new System.ArgumentException("block larger than the maximum payload", "frame");
            }

            int min = type == ProtocolSpec.FrameTypeEnvelope ? 0 : (type == ProtocolSpec.FrameTypeRawEmg ? -8388608 : -32768);
            int max = type == ProtocolSpec.FrameTypeEnvelope ? 0xFFFF : (type == ProtocolSpec.FrameTypeRawEmg ? 8388607 : 32767);
            int[] values = frame.Values;
            for (int i = 0; i < count; i++)
            {
                if (values[i] < min || values[i] > max)
                {
                    throw new System.ArgumentOutOfRangeException("frame", "sample value outside the wire range");
                }
            }
        }

        private static void RequireRange(int value, int min, int max, string what)
        {
            if (value < min || value > max)
            {
                throw new System.ArgumentOutOfRangeException("frame", what + " out of range");
            }
        }
    }
}
