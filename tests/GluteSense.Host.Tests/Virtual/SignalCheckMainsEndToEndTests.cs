using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Demo;
using GluteSense.Host.Live;
using GluteSense.Host.Simulation;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Virtual;

/// <summary>The mains part of the signal check end to end: a simulated patient at rest with powerline contamination
/// (the simulator's Contamination.PowerlineUv on every channel) on the virtual board, whose firmware core measures the
/// ratio, sends it in the status extension (PROTOCOL.md 3.2) over the simulated link, and the live monitor's check
/// judges it. Simulated time only (no wall clock).</summary>
public class SignalCheckMainsEndToEndTests
{
    [Fact]
    public void StrongMainsPickupOnEveryElectrodeIsFixThis()
    {
        SignalCheckResult result = CheckAtRest(powerlineUv: 300);
        Assert.False(result.Go);
        Assert.All(result.Electrodes, e =>
        {
            Assert.False(e.Go);
            Assert.True(e.MainsRatio >= SignalCheck.MainsRatioLimit, $"{e.Channel} mains ratio {e.MainsRatio}");
            Assert.StartsWith("mains pickup", e.Fix);
        });
        Assert.Contains("mains ratio", result.Summary);
    }

    [Fact]
    public void WithoutMainsTheRatioIsMeasuredLowAndTheCheckIsGo()
    {
        SignalCheckResult result = CheckAtRest(powerlineUv: 0);
        Assert.True(result.Go, result.Summary);
        Assert.All(result.Electrodes, e => Assert.InRange(e.MainsRatio!.Value, 0, 0.5));
        Assert.All(result.Electrodes, e => Assert.False(e.FlatLine));
    }

    /// <summary>docs/dashboard.md quotes these ratios (seed 5, bridge, 5 s at rest): a few uV of mains over the
    /// resting noise floor is far from the limit.</summary>
    [Fact]
    public void TheSimulatorsDefault5UvPickupIsMeasuredAndGo()
    {
        SignalCheckResult result = CheckAtRest(powerlineUv: new Contamination().PowerlineUv);
        Assert.True(result.Go, result.Summary);
        Assert.All(result.Electrodes, e => Assert.InRange(e.MainsRatio!.Value, 0.44, 0.61));
    }

    private static SignalCheckResult CheckAtRest(double powerlineUv)
    {
        var settings = new SimulationSettings
        {
            Exercise = Exercise.Bridge, Reps = 1, Seed = 5, LeadS = 12,
            Contamination = new Contamination { PowerlineUv = powerlineUv },
        };
        var board = new VirtualBoard(new SimulatedSignalSource(Simulator.Run(settings)), ClinicDemo.Link);
        var session = GluteSense.Host.Virtual.VirtualTransport.Session(board);
        TimeSpan until = TimeSpan.Zero;
        var live = new SessionLiveSource(session, Activation.Muscles, advance: () => session.PumpUntil(until));
        live.Start();
        for (int step = 0; step < 400 && live.Monitor.LastCheck == null; step++)
        {
            until += TimeSpan.FromMilliseconds(100);
            live.Tick();
            if (step == 10) live.Monitor.BeginCheck(SignalCheck.DefaultDurationS);   // after 1 s: the filters have settled
        }

        live.Stop();
        SignalCheckResult result = live.Monitor.LastCheck ?? throw new InvalidOperationException("the check did not finish");
        Assert.True(result.StatusFrames >= 4, "status frames " + result.StatusFrames);
        Assert.Equal(ProtocolSpec.DefaultChannels, result.Electrodes.Count);
        return result;
    }
}
