using System.Linq;
using GluteSense.Host.Live;

namespace GluteSense.Host.Tests.Virtual;

/// <summary>The pre-set signal check's verdicts from what the board reports: lead-off bits (PROTOCOL.md 3.2: bits 2k and
/// 2k+1 are channel k's electrodes), saturation counts, and the resting envelope.</summary>
public class SignalCheckTests
{
    private static readonly string[] Channels = { "gmax_l", "gmax_r", "es_l", "es_r" };

    [Fact]
    public void EachElectrodeGetsGoOrFixThis_FromContactRestingLevelAndClipping()
    {
        var check = new SignalCheck(Channels, startS: 0, durationS: 5);
        for (int i = 0; i < 500; i++)
        {
            // gmax_r rests at 20 uV (above the 15 uV limit); a 200 uV twitch on gmax_l in 5 samples does not move its median.
            check.AddEnvelope(new float[] { i < 5 ? 200 : 3, 20, 4, 4 });
        }

        check.AddStatus(new[] { false, false, false, false }, new[] { 0, 0, 0, 0 });
        check.AddStatus(new[] { false, false, true, false }, new[] { 0, 0, 0, 7 });
        SignalCheckResult result = check.Result();
        Assert.False(result.Go);
        Assert.Equal(new[] { true, false, false, false }, result.Electrodes.Select(e => e.Go));
        Assert.Equal(3, result.Electrodes[0].RestRmsUv!.Value, 6);
        Assert.True(result.Electrodes[2].LeadOff);
        Assert.Equal(7, result.Electrodes[3].ClippedSamples);
        Assert.Contains("gmax_r resting level 20.0 uV RMS (re-prepare the skin", result.Summary);
        Assert.Contains("es_l lead-off (press the electrode on", result.Summary);
        Assert.Contains("es_r 7 clipped samples (the amplifier saturated", result.Summary);
        Assert.False(result.ToMeta().Passed);
        Assert.All(result.Electrodes, e => Assert.Null(e.MainsRatio));   // a board without the status extension
    }

    [Fact]
    public void MainsAtOrAboveTheLimitAndAFlatLineAreFixThis_TheWorstStatusOfTheCheckDecides()
    {
        var check = new SignalCheck(Channels, startS: 0, durationS: 5);
        for (int i = 0; i < 500; i++) check.AddEnvelope(new float[] { 3, 3, 3, 3 });
        bool[] none = { false, false, false, false };
        int[] noClips = { 0, 0, 0, 0 };

        // gmax_r: mains 0.996 in one status of three (a code of 253); es_r flat in one block; gmax_l just below the limit.
        check.AddStatus(none, noClips, new double?[] { 0.5, 0.6, 0.2, null }, none);
        check.AddStatus(none, noClips, new double?[] { SignalCheck.MainsRatioOfCode(251), SignalCheck.MainsRatioOfCode(253), null, null },
            new[] { false, false, false, true });
        check.AddStatus(none, noClips, new double?[] { 0.4, 0.3, 0.1, null }, none);
        SignalCheckResult result = check.Result();

        Assert.Equal(new[] { true, false, true, false }, result.Electrodes.Select(e => e.Go));
        Assert.Equal(251 / 254.0, result.Electrodes[0].MainsRatio!.Value, 12);
        Assert.Equal(253 / 254.0, result.Electrodes[1].MainsRatio!.Value, 12);
        Assert.Null(result.Electrodes[3].MainsRatio);
        Assert.True(result.Electrodes[3].FlatLine);
        Assert.Contains("gmax_r mains ratio 0.996 (mains pickup: re-prepare the skin", result.Summary);
        Assert.Contains("es_r no signal (flat line) (no signal: check the cable and the electrode", result.Summary);
    }

    [Fact]
    public void AGoSummaryStatesTheHighestMainsRatio_OrWhereItWasNotMeasured()
    {
        var check = new SignalCheck(Channels, startS: 0, durationS: 2);
        for (int i = 0; i < 200; i++) check.AddEnvelope(new float[] { 3, 3, 3, 3 });
        check.AddStatus(new bool[4], new int[4], new double?[] { 0.3, 0.82, 0.5, null }, new bool[4]);
        Assert.Contains("no clipping, mains ratio not measured on es_r (2 s, 1 status frames)", check.Result().Summary);
        check.AddStatus(new bool[4], new int[4], new double?[] { null, null, null, 0.1 }, new bool[4]);
        Assert.Contains("no clipping, mains ratio 0.82 or less (2 s, 2 status frames)", check.Result().Summary);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(127, 0.5)]
    [InlineData(254, 1.0)]
    public void StatusCodesMapToRatios_255IsNotMeasured(int code, double ratio)
    {
        Assert.Equal(ratio, SignalCheck.MainsRatioOfCode(code)!.Value, 2);
        Assert.Null(SignalCheck.MainsRatioOfCode(255));
        Assert.Throws<System.ArgumentOutOfRangeException>(() => SignalCheck.MainsRatioOfCode(256));
    }

    [Fact]
    public void TheMonitorReadsLeadOffPerChannelFromTheStatusBits()
    {
        var monitor = new LiveMonitor(Channels);
        monitor.BeginCheck(1);
        var status = new GluteSense.Firmware.Core.Protocol.Frame { ChannelsOrSensors = 4, LeadOffMask = 0b10_0000 };   // bit 5: channel 2, negative electrode
        monitor.AddStatus(status);
        LiveSnapshot snapshot = monitor.Snapshot(0, 0, System.Array.Empty<string>());
        Assert.Equal("electrode contact lost (lead-off): es_l", Assert.Single(snapshot.Warnings));
        Assert.True(snapshot.Checking);
    }
}
