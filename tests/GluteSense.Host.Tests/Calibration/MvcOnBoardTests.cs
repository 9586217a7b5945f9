using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.Demo;
using GluteSense.Host.Simulation;
using GluteSense.Host.Store;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Calibration;

/// <summary>
/// The MVC protocol for a real board (<see cref="MvcProtocol.RunOnBoard"/>: prompts, efforts and rests on the session's
/// clock) run on the virtual board over its transport: it finds exactly the MVC the simulated-subject path finds for
/// the same subject, because both record the same envelope and use the analysis' own estimator.
/// </summary>
public sealed class MvcOnBoardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-mvc-board-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RunOnBoard_PromptsEffortsAndRests_AndStoresTheSameMvcAsTheSimulatedPath()
    {
        const int efforts = 1, seed = 4;
        IReadOnlyDictionary<string, double> expected;
        using (RecordingStore simulated = RecordingStore.Open(Path.Combine(_dir, "simulated.db")))
        {
            expected = MvcProtocol.Run(simulated, "p-001", efforts, seed, _ => { }).MvcUv;
        }

        SimulatedRecording recording = Simulator.Run(new SimulationSettings { Exercise = Exercise.Mvc, Reps = efforts, Seed = seed });
        var board = new VirtualBoard(new SimulatedSignalSource(recording), ClinicDemo.Link);
        var clock = new SimulatedClock();
        using BoardSession session = VirtualTransport.Session(board, clock);
        TimeSpan rest = TimeSpan.FromSeconds(10);
        var prompts = new List<(string Text, TimeSpan At)>();
        using RecordingStore store = RecordingStore.Open(Path.Combine(_dir, "board.db"));

        MvcResult result = MvcProtocol.RunOnBoard(store, "p-001", efforts, session, rest, text => prompts.Add((text, clock.Elapsed)));

        Assert.True(2 * MvcProtocol.Effort + rest >= TimeSpan.FromSeconds(recording.Truth.DurationS), "the stream covers the whole simulated subject");
        Assert.Equal(new[] { "effort 1/2: Gluteus", "rest 10 s", "effort 2/2: Erector" }, prompts.Select(p => p.Text[..Math.Min(p.Text.Length, 19)]));
        Assert.Equal(new[] { TimeSpan.Zero, MvcProtocol.Effort, MvcProtocol.Effort + rest }, prompts.Select(p => p.At));
        Assert.Equal(expected.Keys.OrderBy(k => k), result.MvcUv.Keys.OrderBy(k => k));
        foreach ((string muscle, double uv) in expected) Assert.Equal(uv, result.MvcUv[muscle], 1e-3);
        Assert.Equal(result.MvcUv.OrderBy(kv => kv.Key), store.Mvc("p-001").OrderBy(kv => kv.Key));
    }
}
