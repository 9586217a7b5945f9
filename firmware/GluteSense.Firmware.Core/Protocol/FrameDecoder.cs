namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Decodes one complete frame into a caller-owned <see cref="Frame"/>. Never throws on bad bytes and never
    /// allocates: every problem is a <see cref="DecodeStatus"/>. Checks, in order: length, CRC, major version,
    /// frame type, payload consistency. The host uses this same code (there is no second decoder).
    /// </summary>
    public static class FrameDecoder
    {
        /// <summary>Decodes <paramref name="length"/> bytes at <paramref name="offset"/> into <paramref name="into"/>.</summary>
        /// <remarks>On any status other than Ok the content of <paramref name="into"/> is unspecified.</remarks>
        public static DecodeStatus Decode(byte[] buffer, int offset, int length, Frame into)
        {
            if (buffer == null || into == null || offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                return DecodeStatus.BadArguments;
            }

            if (length < ProtocolSpec.FrameOverhead)
            {
                return DecodeStatus.TooShort;
            }

            int payloadLength = ByteIO.ReadUInt16(buffer, offset + ProtocolSpec.HeaderOffsetPayloadLength);
            if (ProtocolSpec.FrameOverhead + payloadLength != length)
            {
                return DecodeStatus.LengthMismatch;
            }

            int crcOffset = offset + ProtocolSpec.HeaderLength + payloadLength;
            if (Crc16.Compute(buffer, offset, crcOffset - offset) != ByteIO.ReadUInt16(buffer, crcOffset))
            {
                return DecodeStatus.BadCrc;
            }

            int version = buffer[offset + ProtocolSpec.HeaderOffsetVersion];
            into.VersionMajor = version >> 4;
            into.VersionMinor = version & 0x0F;
            if (into.VersionMajor != ProtocolSpec.VersionMajor)
            {
                return DecodeStatus.UnsupportedMajorVersion;
            }

            byte type = buffer[offset + ProtocolSpec.HeaderOffsetType];
            into.FrameType = type;
            into.Flags = buffer[offset + ProtocolSpec.HeaderOffsetFlags];
            into.Sequence = (ushort)ByteIO.ReadUInt16(buffer, offset + ProtocolSpec.HeaderOffsetSequence);
            into.TimestampUs = ByteIO.ReadUInt32(buffer, offset + ProtocolSpec.HeaderOffsetTimestampUs);
            into.SampleCount = buffer[offset + ProtocolSpec.HeaderOffsetSampleCount];
            if (type < ProtocolSpec.FrameTypeEnvelope || type > ProtocolSpec.FrameTypeLast)
            {
                return DecodeStatus.UnknownType;
            }

            // Flag bits and event kinds this version does not define are accepted (a later minor version may define
            // them); the CRC has already vouched for every bit.
            if (payloadLength > ProtocolSpec.MaxPayloadLength)
            {
                return DecodeStatus.BadPayload;
            }

            int p = offset + ProtocolSpec.HeaderLength;
            if (Frame.IsBlock(type))
            {
                return DecodeBlock(buffer, p, payloadLength, into);
            }

            if (into.SampleCount != 0)
            {
                return DecodeStatus.BadPayload;
            }

            if (type == ProtocolSpec.FrameTypeStatus)
            {
                return DecodeStatusPayload(buffer, p, payloadLength, into);
            }

            if (type == ProtocolSpec.FrameTypeEvent)
            {
                if (payloadLength != ProtocolSpec.EventPayloadLength)
                {
                    return DecodeStatus.BadPayload;
                }

                into.EventKind = buffer[p];
                into.MarkerId = ByteIO.ReadUInt16(buffer, p + 1);
                return DecodeStatus.Ok;
            }

            // Command response.
            if (payloadLength < ProtocolSpec.ResponsePrefixLength)
            {
                return DecodeStatus.BadPayload;
            }

            into.CommandOpcode = buffer[p];
            into.CommandToken = buffer[p + 1];
            into.ErrorCode = buffer[p + 2];
            into.ResponseDataLength = payloadLength - ProtocolSpec.ResponsePrefixLength;
            System.Array.Copy(buffer, p + ProtocolSpec.ResponsePrefixLength, into.ResponseData, 0, into.ResponseDataLength);
            return DecodeStatus.Ok;
        }

        /// <summary>
        /// Reads only the sequence number and frame length of a frame that has passed the CRC check, for code that
        /// stores frames without decoding them (retransmit ring). Returns -1 if the bytes are not a valid frame.
        /// </summary>
        public static int CheckedFrameLength(byte[] buffer, int offset, int length)
        {
            if (buffer == null || offset < 0 || length < ProtocolSpec.FrameOverhead || offset > buffer.Length - length)
            {
                return -1;
            }

            int payloadLength = ByteIO.ReadUInt16(buffer, offset + ProtocolSpec.HeaderOffsetPayloadLength);
            int total = ProtocolSpec.FrameOverhead + payloadLength;
            if (total > length)
            {
                return -1;
            }

            int crcOffset = offset + ProtocolSpec.HeaderLength + payloadLength;
            return Crc16.Compute(buffer, offset, crcOffset - offset) == ByteIO.ReadUInt16(buffer, crcOffset) ? total : -1;
        }

        private static DecodeStatus DecodeBlock(byte[] buffer, int p, int payloadLength, Frame into)
        {
            byte type = into.FrameType;
            if (payloadLength < ProtocolSpec.BlockPrefixLength)
            {
                return DecodeStatus.BadPayload;
            }

            into.ChannelsOrSensors = buffer[p];
            into.SampleRateHz = ByteIO.ReadUInt16(buffer, p + 1);
            into.FirstSampleIndex = ByteIO.ReadUInt32(buffer, p + 3);
            int maxChannels = type == ProtocolSpec.FrameTypeImu
                ? ProtocolSpec.ImuSensorGyro | ProtocolSpec.ImuSensorAccel | ProtocolSpec.ImuSensorMag
                : ProtocolSpec.MaxChannels;
            if (into.ChannelsOrSensors < 1 || into.ChannelsOrSensors > maxChannels
                || into.SampleRateHz == 0 || into.SampleCount == 0)
            {
                return DecodeStatus.BadPayload;
            }

            int count = into.SampleCount * into.ValuesPerSample;
            int bytesPerValue = Frame.BytesPerValueOf(type);
            if (ProtocolSpec.BlockPrefixLength + count * bytesPerValue != payloadLength)
            {
                return DecodeStatus.BadPayload;
            }

            p += ProtocolSpec.BlockPrefixLength;
            int[] values = into.Values;
            if (type == ProtocolSpec.FrameTypeRawEmg)
            {
                for (int i = 0; i < count; i++, p += bytesPerValue)
                {
                    values[i] = ByteIO.ReadInt24(buffer, p);
                }
            }
            else if (type == ProtocolSpec.FrameTypeEnvelope)
            {
                for (int i = 0; i < count; i++, p += bytesPerValue)
                {
                    values[i] = ByteIO.ReadUInt16(buffer, p);
                }
            }
            else
            {
                for (int i = 0; i < count; i++, p += bytesPerValue)
                {
                    values[i] = ByteIO.ReadInt16(buffer, p);
                }
            }

            return DecodeStatus.Ok;
        }

        private static DecodeStatus DecodeStatusPayload(byte[] buffer, int p, int payloadLength, Frame into)
        {
            if (payloadLength < ProtocolSpec.StatusFixedLength)
            {
                return DecodeStatus.BadPayload;
            }

            into.BatteryMillivolts = ByteIO.ReadUInt16(buffer, p);
            into.BatteryPercent = buffer[p + 2];
            into.CpuLoadPercent = buffer[p + 3];
            into.LeadOffMask = ByteIO.ReadUInt16(buffer, p + 4);
            into.DroppedSamples = ByteIO.ReadUInt32(buffer, p + 6);
            into.ChannelsOrSensors = buffer[p + 10];
            int channels = into.ChannelsOrSensors;
            // Two lengths are valid: with the powerline / flat-line extension, or without it (the short v1.0 status,
            // read as "not measured" and no flat line), so a host keeps reading a board that predates the extension.
            int shortLength = ProtocolSpec.StatusShortPayloadLength(channels);
            bool extended = payloadLength == ProtocolSpec.StatusPayloadLength(channels);
            if (channels > ProtocolSpec.MaxChannels || (payloadLength != shortLength && !extended)
                || into.BatteryPercent > 100 || into.CpuLoadPercent > 100
                || (into.LeadOffMask >> (2 * channels)) != 0)
            {
                return DecodeStatus.BadPayload;
            }

            for (int c = 0; c < channels; c++)
            {
                into.SaturationCounts[c] = ByteIO.ReadUInt16(buffer,
                    p + ProtocolSpec.StatusFixedLength + ProtocolSpec.StatusSaturationBytesPerChannel * c);
                into.PowerlineRatioCodes[c] = extended ? buffer[p + shortLength + c] : ProtocolSpec.StatusPowerlineNotMeasured;
            }

            into.FlatLineMask = extended ? buffer[p + shortLength + channels] : 0;
            if ((into.FlatLineMask >> channels) != 0)
            {
                return DecodeStatus.BadPayload;
            }

            return DecodeStatus.Ok;
        }
    }
}
