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
        Assert.Equal(SignalCheck.MainsRatioNotCarried, result.MainsRatio);
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
