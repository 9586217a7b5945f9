namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes command packets: version (1), opcode (1), token (1), payload length (1), payload,
    /// CRC-16/CCITT-FALSE over everything before it. Builders fill a <see cref="Command"/> for each opcode.
    /// Decoding never throws and never allocates.
    /// </summary>
    public static class CommandCodec
    {
        /// <summary>Encodes <paramref name="command"/> at <paramref name="offset"/>; returns the packet length.</summary>
        public static int Encode(Command command, byte[] buffer, int offset)
        {
            if (command.PayloadLength < 0 || command.PayloadLength > ProtocolSpec.MaxCommandPayloadLength
                || command.Opcode < 0 || command.Opcode > 0xFF || command.Token < 0 || command.Token > 0xFF)
            {
                throw new System.ArgumentOutOfRangeException("command");
            }

            int total = ProtocolSpec.CommandHeaderLength + command.PayloadLength + ProtocolSpec.CrcLength;
            if (offset < 0 || offset + total > buffer.Length)
            {
                throw new System.ArgumentOutOfRangeException("offset", "buffer too small for the command");
            }

            buffer[offset] = ProtocolSpec.VersionByte;
            buffer[offset + 1] = (byte)command.Opcode;
            buffer[offset + 2] = (byte)command.Token;
            buffer[offset + 3] = (byte)command.PayloadLength;
            System.Array.Copy(command.Payload, 0, buffer, offset + ProtocolSpec.CommandHeaderLength, command.PayloadLength);
            int crcOffset = offset + ProtocolSpec.CommandHeaderLength + command.PayloadLength;
            ByteIO.WriteUInt16(buffer, crcOffset, Crc16.Compute(buffer, offset, crcOffset - offset));
            return total;
        }

        /// <summary>
        /// Decodes a packet. Opcode and token are filled as soon as the bytes exist, so even a failed decode can be
        /// answered with the right ids. Unknown opcodes decode as Ok (the handler answers ErrUnknownCommand).
        /// </summary>
        public static DecodeStatus Decode(byte[] buffer, int offset, int length, Command into)
        {
            if (buffer == null || into == null || offset < 0 || length < 0 || offset > buffer.Length - length)
            {
                return DecodeStatus.BadArguments;
            }

            into.Opcode = length > 1 ? buffer[offset + 1] : 0;
            into.Token = length > 2 ? buffer[offset + 2] : 0;
            into.PayloadLength = 0;
            if (length < ProtocolSpec.CommandHeaderLength + ProtocolSpec.CrcLength)
            {
                return DecodeStatus.TooShort;
            }

            int payloadLength = buffer[offset + 3];
            if (ProtocolSpec.CommandHeaderLength + payloadLength + ProtocolSpec.CrcLength != length)
            {
                return DecodeStatus.LengthMismatch;
            }

            int crcOffset = offset + ProtocolSpec.CommandHeaderLength + payloadLength;
            if (Crc16.Compute(buffer, offset, crcOffset - offset) != ByteIO.ReadUInt16(buffer, crcOffset))
            {
                return DecodeStatus.BadCrc;
            }

            into.VersionMajor = buffer[offset] >> 4;
            if (into.VersionMajor != ProtocolSpec.VersionMajor)
            {
                return DecodeStatus.UnsupportedMajorVersion;
            }

            if (payloadLength > ProtocolSpec.MaxCommandPayloadLength)
            {
                return DecodeStatus.BadPayload;
            }

            System.Array.Copy(buffer, offset + ProtocolSpec.CommandHeaderLength, into.Payload, 0, payloadLength);
            into.PayloadLength = payloadLength;
            return DecodeStatus.Ok;
        }

        // ------------------------------------------------------------ builders (fill a reusable Command)

        /// <summary>A command without payload (start, stop, get config).</summary>
        public static Command Simple(Command c, int opcode, int token)
        {
            c.Opcode = opcode;
            c.Token = token;
            c.PayloadLength = 0;
            return c;
        }

        /// <summary>SetMode: ProtocolSpec.ModeEnvelope / ModeRaw / ModeBoth.</summary>
        public static Command SetMode(Command c, int token, int mode)
        {
            Simple(c, ProtocolSpec.CmdSetMode, token);
            c.Payload[0] = (byte)mode;
            c.PayloadLength = 1;
            return c;
        }

        /// <summary>SetEmgRate: 1000 or 2000 Hz.</summary>
        public static Command SetEmgRate(Command c, int token, int rateHz)
        {
            Simple(c, ProtocolSpec.CmdSetEmgRate, token);
            ByteIO.WriteUInt16(c.Payload, 0, rateHz);
            c.PayloadLength = 2;
            return c;
        }

        /// <summary>SetFilter from plain settings (parametric or biquads).</summary>
        public static Command SetFilter(Command c, int token, FilterCommandSettings settings)
        {
            Simple(c, ProtocolSpec.CmdSetFilter, token);
            c.PayloadLength = settings.WritePayload(c.Payload, 0);
            return c;
        }

        /// <summary>CaptureCalibration: ProtocolSpec.Calibrate* bits.</summary>
        public static Command CaptureCalibration(Command c, int token, int whatMask)
        {
            Simple(c, ProtocolSpec.CmdCaptureCalibration, token);
            c.Payload[0] = (byte)whatMask;
            c.PayloadLength = 1;
            return c;
        }

        /// <summary>Retransmit <paramref name="frameCount"/> data frames starting at <paramref name="firstSequence"/>.</summary>
        public static Command Retransmit(Command c, int token, int firstSequence, int frameCount)
        {
            Simple(c, ProtocolSpec.CmdRetransmit, token);
            ByteIO.WriteUInt16(c.Payload, 0, firstSequence & 0xFFFF);
            ByteIO.WriteUInt16(c.Payload, 2, frameCount);
            c.PayloadLength = 4;
            return c;
        }

        /// <summary>TimeSync with the host clock in microseconds.</summary>
        public static Command TimeSync(Command c, int token, ulong hostTimeUs)
        {
            Simple(c, ProtocolSpec.CmdTimeSync, token);
            ByteIO.WriteUInt64(c.Payload, 0, hostTimeUs);
            c.PayloadLength = 8;
            return c;
        }

        /// <summary>Identify: blink the LED for <paramref name="seconds"/>.</summary>
        public static Command Identify(Command c, int token, int seconds)
        {
            Simple(c, ProtocolSpec.CmdIdentify, token);
            c.Payload[0] = (byte)seconds;
            c.PayloadLength = 1;
            return c;
        }

        /// <summary>InsertMarker with a host-chosen marker id.</summary>
        public static Command InsertMarker(Command c, int token, int markerId)
        {
            Simple(c, ProtocolSpec.CmdInsertMarker, token);
            ByteIO.WriteUInt16(c.Payload, 0, markerId);
            c.PayloadLength = 2;
            return c;
        }

        /// <summary>SetCalibration of the IMU: gyro bias (rad/s), accel offset (m/s^2), accel scale, x y z each.</summary>
        public static Command SetImuCalibration(Command c, int token, float[] gyroBias, float[] accelOffset, float[] accelScale)
        {
            Simple(c, ProtocolSpec.CmdSetCalibration, token);
            c.Payload[0] = ProtocolSpec.CalibrationImu;
            for (int a = 0; a < 3; a++)
            {
                ByteIO.WriteFloat(c.Payload, 1 + 4 * a, gyroBias[a]);
                ByteIO.WriteFloat(c.Payload, 13 + 4 * a, accelOffset[a]);
                ByteIO.WriteFloat(c.Payload, 25 + 4 * a, accelScale[a]);
            }

            c.PayloadLength = 1 + 4 * ProtocolSpec.ImuCalibrationValues;
            return c;
        }

        /// <summary>SetCalibration of the AFE: input offset (uV) of the first offsets.Length inputs.</summary>
        public static Command SetAfeOffsets(Command c, int token, float[] offsetsMicrovolts)
        {
            Simple(c, ProtocolSpec.CmdSetCalibration, token);
            c.Payload[0] = ProtocolSpec.CalibrationAfe;
            c.Payload[1] = (byte)offsetsMicrovolts.Length;
            for (int i = 0; i < offsetsMicrovolts.Length; i++) ByteIO.WriteFloat(c.Payload, 2 + 4 * i, offsetsMicrovolts[i]);
            c.PayloadLength = 2 + 4 * offsetsMicrovolts.Length;
            return c;
        }
    }
}
