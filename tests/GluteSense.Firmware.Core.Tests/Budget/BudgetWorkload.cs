using System;
using System.Reflection;
using GluteSense.Firmware.Core.Acquisition;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Firmware.Core.Tests.Acquisition;
using GluteSense.Firmware.Simulators;

namespace GluteSense.Firmware.Core.Tests.Budget;

/// <summary>
/// The board's per-second managed work, run on the instrumented core (<see cref="InstrumentedCore"/>): streaming in
/// the default envelope mode at an EMG rate, the IMU at its default rate, one status frame a second, through the real
/// runtime, framing, CRC and fragmenting into a counting notification sink. Two designs:
/// <see cref="NativeDesign"/> (the custom image: the native module hands over whole blocks) and
/// <see cref="ManagedDesign"/> (a stock image: DRDY events, frame reads and the EMG chain in C#).
/// </summary>
public static class BudgetWorkload
{
    public sealed record Counts(long IlPerSecond, long CallsPerSecond, long NotificationsPerSecond);

    private const int Seconds = 3;
    private const int MaxBlock = BoardRuntime.MaxEmgBlockSamples;

    private sealed class Sink : INotificationSink
    {
        public long Notifications;

        public void Send(byte[] buffer, int offset, int length) => Notifications++;
    }

    private sealed class Meter
    {
        private readonly FieldInfo _il, _calls;
        public long Il, Calls;

        public Meter()
        {
            Type counters = typeof(BoardRuntime).Assembly.GetType(IlInstrumenter.CounterType)
                ?? throw new InvalidOperationException("run BudgetWorkload through InstrumentedCore: this core is not instrumented");
            _il = counters.GetField(IlInstrumenter.IlField)!;
            _calls = counters.GetField(IlInstrumenter.CallsField)!;
        }

        public void Count(Action counted)
        {
            long il = (long)_il.GetValue(null)!, calls = (long)_calls.GetValue(null)!;
            counted();
            Il += (long)_il.GetValue(null)! - il;
            Calls += (long)_calls.GetValue(null)! - calls;
        }
    }

    private static BoardRuntime StreamingRuntime(int rateHz, int channels, Sink sink, IDeviceClock clock) =>
        StreamingHarness.Streaming(new DeviceConfiguration { EmgRateHz = rateHz }, sink, clock, channels);

    // EMG-like codes: an electrode offset and noise of a few hundred uV, different per channel.
    private static int Code(Random random, int channel) => 40_000 * (channel + 1) + random.Next(-6000, 6000);

    /// <summary>The custom image: per block, NativeBlock.Deliver with the native module's results (computed here,
    /// uncounted, by the bit-exact managed chain), per second a status frame.</summary>
    public static Counts NativeDesign(int rateHz, int channels)
    {
        var sink = new Sink();
        var clock = new StreamingHarness.FixedClock();
        BoardRuntime runtime = StreamingRuntime(rateHz, channels, sink, clock);
        Icm42688 imu = StreamingHarness.Imu(out Icm42688Simulator imuSim);
        var chain = new EmgPipeline(channels, MaxBlock, runtime.Pipeline.Settings, runtime.Pipeline.LsbMicrovolts);
        var output = new EmgBlockOutput(channels, MaxBlock);
        var block = new NativeBlock(channels);
        var meter = new Meter();
        var random = new Random(1);
        int blockSamples = AfeBlockBuffer.BlockSamplesAt(rateHz);
        int imuPerBlock = runtime.Configuration.ImuRateHz * ProtocolSpec.AcquisitionBlockMs / 1000;
        long notificationsBefore = sink.Notifications;
        for (int second = 0; second < Seconds; second++)
        {
            for (int b = 0; b < 1000 / ProtocolSpec.AcquisitionBlockMs; b++)
            {
                for (int i = 0; i < blockSamples * channels; i++) block.Codes[i] = Code(random, i % channels);
                chain.ProcessBlock(block.Codes, 0, blockSamples, 0, output);
                Pack(output, block, channels);
                for (int i = 0; i < imuPerBlock; i++) imuSim.PushSample(10, 20, 2048, 1, 2, 3, 0, (ushort)i);
                clock.Us += (uint)(ProtocolSpec.AcquisitionBlockMs * 1000);
                meter.Count(() => block.Deliver(runtime, blockSamples, clock.Us, 0, 0, imu, clock.Us));
            }

            meter.Count(() => runtime.PublishStatus(clock.Us, 3900, 80, 10));
        }

        return new Counts(meter.Il / Seconds, meter.Calls / Seconds, (sink.Notifications - notificationsBefore) / Seconds);
    }

    // What NativeAfe.ReadBlock/ReadBlockInfo write (interop/stubs), from the bit-exact managed results.
    internal static void Pack(EmgBlockOutput o, NativeBlock block, int channels)
    {
        Array.Copy(o.Filtered, block.Filtered, o.SampleCount * channels);
        for (int c = 0; c < channels; c++)
        {
            Array.Copy(o.Envelope[c], 0, block.Envelope, c * NativeBlock.MaxSamples, o.EnvelopeCount[c]);
            block.Info[c] = o.EnvelopeCount[c];
            block.Info[channels + c] = o.Quality.ClipCount[c];
            block.Info[2 * channels + c] = o.Quality.FlatLine[c] ? 1 : 0;
            block.Quality[c] = o.Quality.BandRmsUv[c];
            block.Quality[channels + c] = o.Quality.PowerlineRatio[c];
        }

        Array.Copy(o.EmitSample[0], 0, block.Info, NativeBlock.InfoPerChannel * channels, o.EnvelopeCount[0]);
    }

    /// <summary>A stock image: every DRDY runs the driver's edge handler (frame read over SPI, AfeBlockBuffer), every
    /// block the consumer (EMG chain, framing, IMU burst), per second a status frame.</summary>
    public static Counts ManagedDesign(int rateHz, int channels)
    {
        var sink = new Sink();
        var clock = new StreamingHarness.FixedClock();
        BoardRuntime runtime = StreamingRuntime(rateHz, channels, sink, clock);
        Icm42688 imu = StreamingHarness.Imu(out Icm42688Simulator imuSim);
        var afeSim = new Ads1298Simulator();
        var afe = new Ads1298(afeSim, afeSim, afeSim, Ads1298Simulator.StartPin, Ads1298Simulator.ResetPin, Ads1298Simulator.PwdnPin, Ads1298Simulator.DrdyPin);
        afe.PowerUpAndReset();
        afe.ConfigureDefault(6, rateHz);
        var buffer = new AfeBlockBuffer(channels, MaxBlock);
        buffer.SetBlockSamples(AfeBlockBuffer.BlockSamplesAt(rateHz));
        var consumer = new BlockAcquisition(buffer, runtime, imu);
        afe.StartContinuous((status, counts) => buffer.AddFrame(status, counts, clock.Us));
        var meter = new Meter();
        var random = new Random(1);
        int imuPerBlock = runtime.Configuration.ImuRateHz * ProtocolSpec.AcquisitionBlockMs / 1000;
        uint samplePeriodUs = (uint)(1_000_000 / rateHz);
        long notificationsBefore = sink.Notifications;
        for (int second = 0; second < Seconds; second++)
        {
            for (int b = 0; b < 1000 / ProtocolSpec.AcquisitionBlockMs; b++)
            {
                for (int s = 0; s < AfeBlockBuffer.BlockSamplesAt(rateHz); s++)
                {
                    for (int c = 0; c < channels; c++) afeSim.InputMicrovolts[c] = 0.0477 * Code(random, c);
                    clock.Us += samplePeriodUs;
                    meter.Count(afeSim.ConvertOnce);   // DRDY: the driver's edge handler, ReadFrame, AddFrame
                }

                for (int i = 0; i < imuPerBlock; i++) imuSim.PushSample(10, 20, 2048, 1, 2, 3, 0, (ushort)i);
                meter.Count(() => consumer.ProcessReady(clock.Us));
            }

            meter.Count(() => runtime.PublishStatus(clock.Us, 3900, 80, 10));
        }

        return new Counts(meter.Il / Seconds, meter.Calls / Seconds, (sink.Notifications - notificationsBefore) / Seconds);
    }
}
