using GluteSense.Firmware.Core.Dsp;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Acquisition
{
    /// <summary>
    /// The board's acquisition loop without its radio and pins: EMG blocks from the AFE and IMU bursts in, frames out
    /// through a <see cref="FramePublisher"/>, commands answered by the protocol's <see cref="CommandHandler"/> and
    /// applied to the DSP. The device app calls it from its acquisition thread; the virtual board calls it with
    /// simulated signals. Nothing is allocated per block.
    /// </summary>
    public sealed class BoardRuntime : IConfigurationCheck
    {
        /// <summary>Largest EMG block (samples per channel) the runtime accepts: 50 ms at 2000 Hz.</summary>
        public const int MaxEmgBlockSamples = 100;

        /// <summary>IMU samples per IMU frame (the same 10-sample cadence as envelope frames).</summary>
        public const int ImuSamplesPerFrame = ProtocolSpec.EnvelopeSamplesPerFrame;

        /// <summary>Envelope LSB on the wire in microvolts (ProtocolSpec.EnvelopeLsbNanovolts).</summary>
        public const float EnvelopeLsbMicrovolts = ProtocolSpec.EnvelopeLsbNanovolts / 1000f;

        private const int EnvelopeMaxCode = 65535;
        private const float MicrosecondsPerSecond = 1000000f;

        private readonly DeviceConfiguration _config;
        private readonly FramePublisher _publisher;
        private readonly CommandHandler _handler;
        private readonly EmgPipeline _pipeline;
        private readonly EmgBlockOutput _output;
        private readonly EmgChainSettings _settings = new EmgChainSettings();
        private readonly EmgChainSettings _candidate = new EmgChainSettings();
        private readonly ImuSettings _imuSettings = new ImuSettings();
        private readonly ImuPath _imuPath;
        private readonly float[] _imuScratch = new float[ImuSettings.AxesWithMag * ProtocolSpec.MaxSamplesPerFrame];
        private readonly Frame _envelopeFrame = new Frame();
        private readonly Frame _rawFrame = new Frame();
        private readonly Frame _imuFrame = new Frame();
        private readonly Frame _statusFrame = new Frame();
        private readonly Command _command = new Command();
        private readonly int _channels;
        private int _envelopeFill;
        private int _rawFill;
        private int _rawSamplesPerFrame;
        private int _imuFill;
        private uint _droppedSamples;
        // Since the previous status frame (PROTOCOL.md 3.2): saturated samples per channel and the lead-off status
        // ORed over the blocks, so a short saturation or a flickering contact between two status frames is not lost.
        private readonly int[] _clipsSinceStatus;
        private int _leadOffSinceStatus;
        // Likewise the highest powerline ratio measured (-1 = none: EmgQuality measures one block in
        // EmgQuality.PowerlineEveryBlocks) and the channels flat in any block: the worst since the previous status,
        // as for contact, because the clinician fixes the worst case before the set.
        private readonly float[] _powerlineSinceStatus;
        private int _flatLineSinceStatus;
        private int _droppedForEnvelope;
        private bool _wasStreaming;

        /// <summary>
        /// Creates the runtime for <paramref name="channelCount"/> EMG channels whose responses are only encoded into
        /// the caller's buffer (<see cref="HandleCommand(byte[], int, int, byte[], int)"/>).
        /// </summary>
        public BoardRuntime(DeviceConfiguration config, FramePublisher publisher, IDeviceClock clock, int channelCount)
            : this(config, publisher, null, clock, channelCount)
        {
        }

        /// <summary>
        /// Creates the runtime for <paramref name="channelCount"/> EMG channels; responses go out in fragments through
        /// <paramref name="responseSink"/> (the response characteristic) at the data publisher's initial MTU.
        /// </summary>
        public BoardRuntime(DeviceConfiguration config, FramePublisher publisher, INotificationSink responseSink,
            IDeviceClock clock, int channelCount)
        {
            if (config == null || publisher == null || clock == null)
            {
                throw new System.ArgumentNullException("config");
            }

            _config = config;
            _publisher = publisher;
            _channels = channelCount;
            _clipsSinceStatus = new int[channelCount];
            _powerlineSinceStatus = new float[channelCount];
            ResetPowerlineSinceStatus();
            _config.ChannelCount = channelCount;
            var responses = new ResponsePublisher(responseSink, publisher.Fragmenter.AttMtu);
            _handler = new CommandHandler(config, publisher, responses, this, clock);
            _settings.SampleRateHz = config.EmgRateHz;
            _pipeline = new EmgPipeline(channelCount, MaxEmgBlockSamples, _settings, config.RawMicrovoltsPerCount);
            _output = new EmgBlockOutput(channelCount, MaxEmgBlockSamples);
            _imuPath = new ImuPath(_imuSettings);
            ApplyConfiguration();
        }

        /// <summary>The configuration the commands change.</summary>
        public DeviceConfiguration Configuration { get; private set; }

        /// <summary>The EMG pipeline in force (its settings describe the chain).</summary>
        public EmgPipeline Pipeline { get { return _pipeline; } }

        /// <summary>Outputs of the last EMG block (envelopes, quality), for a live display on the board side.</summary>
        public EmgBlockOutput LastBlock { get { return _output; } }

        /// <summary>The response path (own sequence and fragmenter; its MTU follows the connection's).</summary>
        public ResponsePublisher Responses { get { return _handler.Responses; } }

        /// <summary>
        /// Handles one command packet (see <see cref="CommandHandler.Handle"/>) and applies what it changed to the DSP.
        /// Returns the response frame length written to <paramref name="response"/>.
        /// </summary>
        public int HandleCommand(byte[] packet, int offset, int length, byte[] response, int responseOffset)
        {
            BeforeCommand(packet, offset, length);
            int written = _handler.Handle(packet, offset, length, response, responseOffset);
            AfterCommand();
            return written;
        }

        /// <summary>
        /// Handles one command packet and sends the response through <see cref="Responses"/> in fragments (the
        /// device app's path). Returns the response frame length.
        /// </summary>
        public int HandleCommand(byte[] packet, int offset, int length)
        {
            BeforeCommand(packet, offset, length);
            int written = _handler.HandleAndPublish(packet, offset, length);
            AfterCommand();
            return written;
        }

        /// <summary>Null when the chain can run <paramref name="filter"/> at <paramref name="emgRateHz"/>, else why not.</summary>
        public string CheckFilter(FilterCommandSettings filter, int emgRateHz)
        {
            if (filter == null) throw new System.ArgumentNullException("filter");
            _candidate.CopyFrom(_settings);
            MapFilter(filter, emgRateHz, _candidate);
            return filter.Kind == ProtocolSpec.FilterKindBiquads
                ? _pipeline.CheckSections(filter.Biquads, filter.BiquadSectionCount, _candidate)
                : _pipeline.Check(_candidate);
        }

        private void BeforeCommand(byte[] packet, int offset, int length)
        {
            // A stop first sends the partly filled blocks, so the stream position in the stop response covers every
            // sample acquired: nothing is lost at the end of a trial.
            if (_config.Streaming && CommandCodec.Decode(packet, offset, length, _command) == DecodeStatus.Ok
                && _command.Opcode == ProtocolSpec.CmdStopStreaming)
            {
                FlushPartialBlocks();
            }
        }

        private void AfterCommand()
        {
            if (_config.Streaming && !_wasStreaming)
            {
                ApplyConfiguration();
                _pipeline.Reset();
                _imuPath.Reset();
                _envelopeFill = 0;
                _rawFill = 0;
                _imuFill = 0;
                _droppedForEnvelope = 0;
            }
            else if (!_config.Streaming)
            {
                ApplyConfiguration();
            }

            _wasStreaming = _config.Streaming;
        }

        /// <summary>
        /// One EMG block from the AFE: <paramref name="sampleCount"/> samples of every channel, interleaved 24-bit
        /// codes (sign-extended), the first taken at device time <paramref name="firstSampleTimeUs"/>.
        /// </summary>
        public void OnEmgBlock(int[] codes, int offset, int sampleCount, uint firstSampleTimeUs, int leadOffMask)
        {
            if (!_config.Streaming)
            {
                return;
            }

            _pipeline.ProcessBlock(codes, offset, sampleCount, leadOffMask, _output);
            PublishEmgBlock(codes, offset, sampleCount, firstSampleTimeUs);
        }

        /// <summary>
        /// One EMG block the board's native module already ran through the chain (bit-exact with <see cref="Pipeline"/>,
        /// configured from it): the caller has filled <see cref="LastBlock"/>; this frames and publishes it like
        /// <see cref="OnEmgBlock"/>.
        /// </summary>
        public void OnProcessedEmgBlock(int[] codes, int offset, int sampleCount, uint firstSampleTimeUs)
        {
            if (!_config.Streaming)
            {
                return;
            }

            PublishEmgBlock(codes, offset, sampleCount, firstSampleTimeUs);
        }

        private void PublishEmgBlock(int[] codes, int offset, int sampleCount, uint firstSampleTimeUs)
        {
            EmgQuality quality = _output.Quality;
            _leadOffSinceStatus |= quality.LeadOffStatus;
            for (int c = 0; c < _channels; c++)
            {
                int clips = _clipsSinceStatus[c] + quality.ClipCount[c];
                _clipsSinceStatus[c] = clips > MaxSaturationCount ? MaxSaturationCount : clips;
                if (quality.PowerlineRatio[c] > _powerlineSinceStatus[c])
                {
                    _powerlineSinceStatus[c] = quality.PowerlineRatio[c];
                }

                if (quality.FlatLine[c])
                {
                    _flatLineSinceStatus |= 1 << c;
                }
            }

            float microsecondsPerSample = MicrosecondsPerSecond / _settings.SampleRateHz;
            if (_config.Mode != ProtocolSpec.ModeRaw)
            {
                // Every channel has the same geometry, so channel 0's emission instants are everyone's.
                int emitted = _output.EnvelopeCount[0];
                for (int e = 0; e < emitted; e++)
                {
                    if (_envelopeFill == 0)
                    {
                        _envelopeFrame.TimestampUs = firstSampleTimeUs + (uint)(_output.EmitSample[0][e] * microsecondsPerSample);
                    }

                    for (int c = 0; c < _channels; c++)
                    {
                        int code = (int)(_output.Envelope[c][e] / EnvelopeLsbMicrovolts + 0.5f);
                        _envelopeFrame.Values[_envelopeFill * _channels + c] = code > EnvelopeMaxCode ? EnvelopeMaxCode : code;
                    }

                    _envelopeFill++;
                    if (_envelopeFill == ProtocolSpec.EnvelopeSamplesPerFrame)
                    {
                        PublishBlock(_envelopeFrame, ProtocolSpec.FrameTypeEnvelope, _envelopeFill, _settings.EnvelopeRateHz);
                        _envelopeFill = 0;
                    }
                }

                // The block's values leave now rather than waiting for a full frame: biofeedback latency
                // (ProtocolSpec.AcquisitionBlockMs, docs/live-link.md latency budget).
                if (_envelopeFill > 0)
                {
                    PublishBlock(_envelopeFrame, ProtocolSpec.FrameTypeEnvelope, _envelopeFill, _settings.EnvelopeRateHz);
                    _envelopeFill = 0;
                }
            }

            if (_config.Mode != ProtocolSpec.ModeEnvelope)
            {
                for (int s = 0; s < sampleCount; s++)
                {
                    if (_rawFill == 0)
                    {
                        _rawFrame.TimestampUs = firstSampleTimeUs + (uint)(s * microsecondsPerSample);
                    }

                    System.Array.Copy(codes, offset + s * _channels, _rawFrame.Values, _rawFill * _channels, _channels);
                    _rawFill++;
                    if (_rawFill == _rawSamplesPerFrame)
                    {
                        PublishBlock(_rawFrame, ProtocolSpec.FrameTypeRawEmg, _rawFill, _settings.SampleRateHz);
                        _rawFill = 0;
                    }
                }
            }
        }

        /// <summary>
        /// One IMU FIFO burst: <paramref name="sampleCount"/> samples of gx gy gz ax ay az (16-bit counts at the
        /// configured full scales, chip rate = stream rate), the first at device time <paramref name="firstSampleTimeUs"/>.
        /// Calibration is applied on the board; the wire carries the calibrated values re-quantised to the same scale.
        /// </summary>
        public void OnImuBurst(short[] raw, int offset, int sampleCount, uint firstSampleTimeUs)
        {
            if (!_config.Streaming || sampleCount == 0)
            {
                return;
            }

            int produced = _imuPath.Process(raw, offset, sampleCount, _imuScratch, 0);
            float microsecondsPerSample = MicrosecondsPerSecond / _imuSettings.StreamRateHz;
            int axes = _imuPath.AxesPerSample;
            for (int s = 0; s < produced; s++)
            {
                if (_imuFill == 0)
                {
                    _imuFrame.TimestampUs = firstSampleTimeUs + (uint)(s * microsecondsPerSample);
                }

                for (int a = 0; a < axes; a++)
                {
                    float lsb = a < 3 ? _imuSettings.GyroRadPerSecondPerLsb : _imuSettings.AccelMetersPerSecond2PerLsb;
                    float counts = _imuScratch[s * axes + a] / lsb;
                    _imuFrame.Values[_imuFill * axes + a] = (int)(counts < 0f ? counts - 0.5f : counts + 0.5f);
                }

                _imuFill++;
                if (_imuFill == ImuSamplesPerFrame)
                {
                    PublishBlock(_imuFrame, ProtocolSpec.FrameTypeImu, _imuFill, _imuSettings.StreamRateHz);
                    _imuFill = 0;
                }
            }
        }

        /// <summary>
        /// Samples lost before the next block (the native ring's exact count, or blocks the managed buffer dropped):
        /// counted in status frames, and skipped in the streams' sample indices so the host sees them as a gap where
        /// they were - exactly in the raw stream; in the envelope stream whole envelope periods, the remainder (less
        /// than one period) carried to the next loss.
        /// </summary>
        public void ReportDroppedSamples(int count)
        {
            if (count <= 0)
            {
                return;
            }

            _droppedSamples += (uint)count;
            if (!_config.Streaming)
            {
                return;
            }

            if (_rawFill > 0)
            {
                // The partial raw frame holds samples from before the gap: it leaves first, with its own indices.
                PublishBlock(_rawFrame, ProtocolSpec.FrameTypeRawEmg, _rawFill, _settings.SampleRateHz);
                _rawFill = 0;
            }

            _publisher.SkipSamples(ProtocolSpec.FrameTypeRawEmg, (uint)count);
            int hop = _settings.HopSamples;
            if (hop < 1)
            {
                return;
            }

            _droppedForEnvelope += count;
            _publisher.SkipSamples(ProtocolSpec.FrameTypeEnvelope, (uint)(_droppedForEnvelope / hop));
            _droppedForEnvelope %= hop;
        }

        /// <summary>The status frame's saturation count field is a u16 (PROTOCOL.md 3.2): counts stop there.</summary>
        public const int MaxSaturationCount = 0xFFFF;

        /// <summary>Publishes a status frame (about once a second): lead-off per electrode, saturated samples, the
        /// highest powerline ratio measured and the flat-line bit per channel, all since the previous status frame.</summary>
        public void PublishStatus(uint timeUs, int batteryMillivolts, int batteryPercent, int cpuLoadPercent)
        {
            if (!_config.Streaming)
            {
                return;
            }

            Frame f = _statusFrame;
            f.FrameType = ProtocolSpec.FrameTypeStatus;
            f.Flags = 0;
            f.SampleCount = 0;
            f.TimestampUs = timeUs;
            f.ChannelsOrSensors = _channels;
            f.BatteryMillivolts = batteryMillivolts;
            f.BatteryPercent = batteryPercent;
            f.CpuLoadPercent = cpuLoadPercent;
            for (int c = 0; c < _channels; c++)
            {
                f.SaturationCounts[c] = _clipsSinceStatus[c];
                _clipsSinceStatus[c] = 0;
                f.PowerlineRatioCodes[c] = ProtocolSpec.PowerlineRatioCode(_powerlineSinceStatus[c]);
            }

            ResetPowerlineSinceStatus();
            f.FlatLineMask = _flatLineSinceStatus;
            _flatLineSinceStatus = 0;
            f.LeadOffMask = EmgQuality.ProtocolLeadOffBits(_leadOffSinceStatus, _channels);
            _leadOffSinceStatus = 0;
            f.DroppedSamples = _droppedSamples;
            _publisher.Publish(f);
        }

        private void ResetPowerlineSinceStatus()
        {
            for (int c = 0; c < _channels; c++)
            {
                _powerlineSinceStatus[c] = -1f;
            }
        }

        private void FlushPartialBlocks()
        {
            if (_envelopeFill > 0)
            {
                PublishBlock(_envelopeFrame, ProtocolSpec.FrameTypeEnvelope, _envelopeFill, _settings.EnvelopeRateHz);
                _envelopeFill = 0;
            }

            if (_rawFill > 0)
            {
                PublishBlock(_rawFrame, ProtocolSpec.FrameTypeRawEmg, _rawFill, _settings.SampleRateHz);
                _rawFill = 0;
            }

            if (_imuFill > 0)
            {
                PublishBlock(_imuFrame, ProtocolSpec.FrameTypeImu, _imuFill, _imuSettings.StreamRateHz);
                _imuFill = 0;
            }
        }

        private void PublishBlock(Frame frame, byte frameType, int samples, int rateHz)
        {
            frame.FrameType = frameType;
            frame.Flags = 0;
            frame.SampleCount = samples;
            frame.SampleRateHz = rateHz;
            frame.ChannelsOrSensors = frameType == ProtocolSpec.FrameTypeImu
                ? ProtocolSpec.ImuSensorGyro | ProtocolSpec.ImuSensorAccel
                : _channels;

            _publisher.Publish(frame);
        }

        // The wire's filter settings as chain settings (the rest of the geometry stays as it is).
        /// <summary>
        /// Maps the protocol's filter settings at <paramref name="emgRateHz"/> onto the DSP chain's settings, as the
        /// board applies them (the host uses it to describe the chain of a board it knows only by get_config).
        /// </summary>
        public static void MapFilter(FilterCommandSettings filter, int emgRateHz, EmgChainSettings settings)
        {
            settings.SampleRateHz = emgRateHz;
            settings.RmsWindowMs = filter.RmsWindowMs;
            settings.EnvelopeRateHz = filter.EnvelopeRateHz;
            settings.BandPassLowHz = filter.BandLowHz;
            settings.BandPassHighHz = filter.BandHighHz;
            settings.NotchEnabled = filter.NotchHz != 0;
            settings.MainsHz = filter.NotchHz != 0 ? filter.NotchHz : EmgChainSettings.DefaultMainsHz;
        }

        // Maps the protocol's configuration onto the DSP and IMU settings.
        private void ApplyConfiguration()
        {
            for (int a = 0; a < 3; a++)
            {
                _imuSettings.GyroBiasRadPerSecond[a] = _config.ImuCalibration[a];
                _imuSettings.AccelOffsetMetersPerSecond2[a] = _config.ImuCalibration[3 + a];
                _imuSettings.AccelScale[a] = _config.ImuCalibration[6 + a];
            }

            FilterCommandSettings filter = _config.Filter;
            MapFilter(filter, _config.EmgRateHz, _settings);
            string error = filter.Kind == ProtocolSpec.FilterKindBiquads
                ? _pipeline.ConfigureSections(filter.Biquads, filter.BiquadSectionCount, _settings)
                : _pipeline.Configure(_settings);
            if (error != null)
            {
                // Commands are checked by CheckFilter before they answer OK, so only a bug reaches this.
                throw new System.InvalidOperationException("the signal chain refused a checked configuration: " + error);
            }

            _pipeline.LsbMicrovolts = _config.RawMicrovoltsPerCount;
            _rawSamplesPerFrame = (ProtocolSpec.MaxPayloadLength - ProtocolSpec.BlockPrefixLength)
                / (Frame.BytesPerValueOf(ProtocolSpec.FrameTypeRawEmg) * _channels);
            if (_rawSamplesPerFrame > ProtocolSpec.MaxSamplesPerFrame)
            {
                _rawSamplesPerFrame = ProtocolSpec.MaxSamplesPerFrame;
            }

            _imuSettings.StreamRateHz = _config.ImuRateHz;
            _imuSettings.OutputDataRateHz = _config.ImuRateHz;
            _imuSettings.GyroRadPerSecondPerLsb = ImuSettings.GyroLsbRadPerSecond(_config.GyroFullScaleDps);
            _imuSettings.AccelMetersPerSecond2PerLsb = ImuSettings.AccelLsbMetersPerSecond2(_config.AccelFullScaleG);
            _imuPath.Reconfigure();
            Configuration = _config;
        }
    }
}
