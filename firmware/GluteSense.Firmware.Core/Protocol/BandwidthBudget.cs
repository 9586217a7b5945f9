namespace GluteSense.Firmware.Core.Protocol
{
    /// <summary>
    /// Bandwidth of a streaming mode at an ATT MTU, computed from the spec constants (PROTOCOL.md prints the result
    /// and a test recomputes it). Frame sizing rule used by the board: a block frame carries at most
    /// <see cref="MaxFrameLatencyMs"/> of samples, no more than fit in one notification when at least one sample
    /// set fits (so one lost notification loses one frame), and never more than the maximum payload.
    /// </summary>
    public sealed class BandwidthBudget
    {
        /// <summary>Longest span of samples in one frame (ms): bounds the display latency.</summary>
        public const int MaxFrameLatencyMs = 100;

        /// <summary>Status frames per second while streaming.</summary>
        public const int StatusRateHz = 1;

        /// <summary>IMU rate in raw mode (Hz).</summary>
        public const int RawModeImuRateHz = 200;

        /// <summary>ATT MTU of this row.</summary>
        public int AttMtu;

        /// <summary>Application bytes per second (whole frames: header, payload, CRC).</summary>
        public int FrameBytesPerSecond;

        /// <summary>Notifications per second.</summary>
        public int NotificationsPerSecond;

        /// <summary>ATT bytes per second: frame bytes + 2-byte fragment header + 3-byte ATT header per notification.</summary>
        public int AttBytesPerSecond;

        /// <summary>Sample sets per EMG frame (envelope or raw) at this MTU.</summary>
        public int EmgSamplesPerFrame;

        /// <summary>Sample sets per IMU frame at this MTU.</summary>
        public int ImuSamplesPerFrame;

        /// <summary>Sample sets per frame for a block stream under the sizing rule above.</summary>
        public static int SamplesPerFrame(int bytesPerSampleSet, int rateHz, int attMtu)
        {
            int byLatency = rateHz * MaxFrameLatencyMs / 1000;
            int byPayload = (ProtocolSpec.MaxPayloadLength - ProtocolSpec.BlockPrefixLength) / bytesPerSampleSet;
            int n = byLatency < byPayload ? byLatency : byPayload;
            if (n > ProtocolSpec.MaxSamplesPerFrame) n = ProtocolSpec.MaxSamplesPerFrame;
            int fitOne = (ProtocolSpec.FragmentDataLength(attMtu) - ProtocolSpec.FrameOverhead - ProtocolSpec.BlockPrefixLength) / bytesPerSampleSet;
            if (fitOne >= 1 && fitOne < n) n = fitOne;
            return n < 1 ? 1 : n;
        }

        /// <summary>Envelope mode: 4 channels at 100 Hz + IMU (gyro + accel) at 100 Hz + status.</summary>
        public static BandwidthBudget EnvelopeMode(int attMtu)
        {
            return Compute(attMtu, ProtocolSpec.FrameTypeEnvelope, ProtocolSpec.DefaultEnvelopeRateHz, ProtocolSpec.DefaultImuRateHz);
        }

        /// <summary>Raw mode: 4 channels at 2000 Hz + IMU (gyro + accel) at 200 Hz + status.</summary>
        public static BandwidthBudget RawMode(int attMtu)
        {
            return Compute(attMtu, ProtocolSpec.FrameTypeRawEmg, ProtocolSpec.RawRateHighHz, RawModeImuRateHz);
        }

        private static BandwidthBudget Compute(int attMtu, byte emgType, int emgRateHz, int imuRateHz)
        {
            var b = new BandwidthBudget();
            b.AttMtu = attMtu;
            int chunk = ProtocolSpec.FragmentDataLength(attMtu);
            int emgSetBytes = ProtocolSpec.DefaultChannels * Frame.BytesPerValueOf(emgType);
            int imuSetBytes = 2 * ProtocolSpec.ImuAxes * ProtocolSpec.ImuBytesPerValue;
            b.EmgSamplesPerFrame = SamplesPerFrame(emgSetBytes, emgRateHz, attMtu);
            if (emgType == ProtocolSpec.FrameTypeEnvelope)
            {
                // Envelope frames leave at the end of every acquisition block (ProtocolSpec.AcquisitionBlockMs).
                int perBlock = emgRateHz * ProtocolSpec.AcquisitionBlockMs / 1000;
                if (perBlock >= 1 && perBlock < b.EmgSamplesPerFrame) b.EmgSamplesPerFrame = perBlock;
            }

            b.ImuSamplesPerFrame = SamplesPerFrame(imuSetBytes, imuRateHz, attMtu);
            int blockOverhead = ProtocolSpec.FrameOverhead + ProtocolSpec.BlockPrefixLength;
            b.AddStream(blockOverhead + b.EmgSamplesPerFrame * emgSetBytes, emgRateHz, b.EmgSamplesPerFrame, chunk);
            b.AddStream(blockOverhead + b.ImuSamplesPerFrame * imuSetBytes, imuRateHz, b.ImuSamplesPerFrame, chunk);
            int statusBytes = ProtocolSpec.FrameOverhead + ProtocolSpec.StatusPayloadLength(ProtocolSpec.DefaultChannels);
            b.AddStream(statusBytes, StatusRateHz, 1, chunk);
            return b;
        }

        // Frames per second may be fractional (e.g. 2000 Hz / 13 samples); the totals are rounded up to whole
        // bytes and notifications per second so the budget never understates the load.
        private void AddStream(int frameBytes, int sampleRateHz, int samplesPerFrame, int chunk)
        {
            int fragments = Fragmenter.FragmentCountFor(frameBytes, chunk);
            int perFrameAtt = frameBytes + fragments * (ProtocolSpec.FragmentHeaderLength + ProtocolSpec.AttNotificationHeaderLength);
            FrameBytesPerSecond += CeilDiv(frameBytes * sampleRateHz, samplesPerFrame);
            NotificationsPerSecond += CeilDiv(fragments * sampleRateHz, samplesPerFrame);
            AttBytesPerSecond += CeilDiv(perFrameAtt * sampleRateHz, samplesPerFrame);
        }

        private static int CeilDiv(int a, int b)
        {
            return (a + b - 1) / b;
        }
    }
}
