using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Streaming;
using GluteSense.Host.Link;
using GluteSense.Host.Simulation;
using GluteSense.Host.Store;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Demo;

/// <summary>One step of the scripted clinic session; <paramref name="Protocol"/> goes into the trial's meta.json.</summary>
public sealed record DemoTrial(string Label, SimulationSettings Settings, Recording.SetProtocol? Protocol = null);

/// <summary>What a live view shows while a trial streams.</summary>
/// <param name="PercentMvc">Latest envelope per muscle in %MVC (uV during the MVC trial itself, where there is no reference yet).</param>
public sealed record DemoProgress(string Trial, int TrialIndex, int TrialCount, double ElapsedS, double DurationS, int Rep, int Reps,
    string Phase, IReadOnlyDictionary<string, double> PercentMvc, bool Normalised, int FramesDelivered, int FramesRecovered,
    long SamplesMissing);

/// <summary>Per-trial result: mean envelope per muscle over the repetitions (%MVC) and the GMax:ES ratio.</summary>
public sealed record DemoTrialSummary(string Trial, Exercise Exercise, int Reps, IReadOnlyDictionary<string, double> MeanPercentMvc,
    double GmaxToEsRatio, long SamplesMissing, long TrialId);

/// <summary>
/// The scripted clinic session of <c>glutesense demo</c>, following the audit's two-set protocol: MVC calibration,
/// Test (2 bridge sets), Treat (pull-throughs, 40 repetitions), Re-test (2 bridge sets), each simulated, streamed by a
/// <see cref="VirtualBoard"/> through the real protocol over a lossy simulated link to a <see cref="BoardSession"/>, and
/// recorded to the SQLite store.
/// Every bridge set draws its own GMax level (<see cref="SetToSetCv"/>); the seed decides whether the patient is a
/// responder (GMax x <see cref="ResponderGain"/> in the re-test sets) or a non-responder (no true change).
/// </summary>
public sealed class ClinicDemo
{
    /// <summary>
    /// Link used by the demo: MTU 185, 15 ms connection interval with 4 notifications per event, 5 ms latency, 2 %
    /// random loss and one 300 ms outage per trial; losses are recovered by retransmission.
    /// </summary>
    public static readonly SimulatedLinkSettings Link = new()
    {
        AttMtu = 185, ConnectionIntervalUs = 15_000, MaxNotificationsPerEvent = 4, LatencyUs = 5_000,
        LossProbability = 0.02, Seed = 11, Outages = new[] { new LinkOutage(4_000_000, 300_000) },
    };

    private static readonly string[] Muscles = Recording.RecordingMeta.DefaultChannelNames;

    /// <summary>Set-to-set variation of GMax (SD as a fraction of the level): electrode contact, sweat, effort and
    /// bridge height differ between sets; 10 % is the figure the cohort tests assume.</summary>
    public const double SetToSetCv = 0.10;

    /// <summary>True change of a responder's GMax in the re-test sets (x1.3 = +30 %).</summary>
    public const double ResponderGain = 1.3;

    /// <summary>Bridge sets per condition (Test, Re-test) of the protocol the demo follows.</summary>
    public const int SetsPerCondition = 2;

    /// <summary>Rest after each trial of the scripted session (s): the sets' started_at are this far apart beyond their
    /// durations, as the protocol's rest between sets asks.</summary>
    public const double RestBetweenTrialsS = 60;

    /// <summary>The simulated patient's body mass (kg), written into every set's meta.json.</summary>
    public const double BodyMassKg = 72;

    /// <summary>Knee angle of the bridge set-up (deg), the same in every test and re-test set.</summary>
    public const double BridgeKneeAngleDeg = 90;

    /// <summary>Cable stack of the pull-through block (kg); the bridges are body weight only (load 0 kg).</summary>
    public const double PullThroughLoadKg = 15;

    /// <summary>Pain rating written into every set (0-10). The simulator does not model pain: a constant, so the field is
    /// present and the audit's pain line shows no change that the script did not make.</summary>
    public const int ScriptedPainNrs = 2;

    /// <summary>The cue given in every bridge set (the same cue in test and re-test, as the audit's set-up check expects).</summary>
    public const string BridgeCue = "squeeze the glutes, keep the ribs down";

    /// <summary>Whether <paramref name="seed"/> scripts a responder; both occur (odd seeds: responder, even: not).</summary>
    public static bool IsResponder(int seed) => seed % 2 == 1;

    /// <summary>What the seed scripted, in words, for the console and the report.</summary>
    public static string TruthSentence(int seed) => IsResponder(seed)
        ? System.FormattableString.Invariant($"The seed ({seed}) scripted a RESPONDER: true GMax x{ResponderGain:0.0} ")
            + System.FormattableString.Invariant($"in the re-test sets, plus {100 * SetToSetCv:0} % set-to-set variation.")
        : System.FormattableString.Invariant($"The seed ({seed}) scripted a NON-RESPONDER: no true change between test and re-test, ")
            + System.FormattableString.Invariant($"only {100 * SetToSetCv:0} % set-to-set variation.");

    /// <summary>The default script (seeded): MVC, 2 test sets, the treat block, 2 re-test sets.</summary>
    public static IReadOnlyList<DemoTrial> Script(int seed = 1, int treatReps = 40)
    {
        var random = new Random(seed * 7919);
        double SetLevel(double gain) => gain * Math.Max(0.5, 1 + SetToSetCv * EmgSynthesis.Gaussian(random));
        double retestGain = IsResponder(seed) ? ResponderGain : 1.0;
        var trials = new List<DemoTrial> { new("MVC calibration", new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1, Seed = seed }) };
        DemoTrial Bridge(Recording.SetCondition condition, string name, int set, double gain, int seedOffset) =>
            new($"{name} set {set}: bridge", new SimulationSettings
            {
                Exercise = Exercise.Bridge, Pattern = MovementPattern.LumbarDominant, Reps = 8, Seed = seed + seedOffset,
                GmaxScale = SetLevel(gain),
            }, new Recording.SetProtocol
            {
                Condition = condition, Set = new Recording.SetIndex(set, $"{name} set {set}"), ElectrodesReapplied = false, LoadKg = 0,
                BodyMassKg = BodyMassKg, KneeAngleDeg = BridgeKneeAngleDeg, Cue = BridgeCue, PainNrs = ScriptedPainNrs,
            });
        for (int set = 1; set <= SetsPerCondition; set++) trials.Add(Bridge(Recording.SetCondition.Test, "Test", set, 1.0, set));
        trials.Add(new DemoTrial("Treat: pull-through", new SimulationSettings
        {
            Exercise = Exercise.PullThrough, Reps = treatReps, EccentricEffect = 0.3, Seed = seed + 10, ConcentricS = 1.2, EccentricS = 1.5,
            HoldS = 0.4, PauseS = 0.8,
        }, new Recording.SetProtocol
        {
            Condition = Recording.SetCondition.Treat, Set = new Recording.SetIndex(1, "Treat block"), ElectrodesReapplied = false,
            LoadKg = PullThroughLoadKg,
            BodyMassKg = BodyMassKg, Cue = "hinge at the hips, drive the hips through", PainNrs = ScriptedPainNrs,
        }));
        for (int set = 1; set <= SetsPerCondition; set++)
            trials.Add(Bridge(Recording.SetCondition.Retest, "Re-test", set, retestGain, 20 + set));
        return trials;
    }

    /// <summary>Runs the script, recording into <paramref name="store"/>; <paramref name="progress"/> is called about 10 times per
    /// simulated second. <paramref name="boards"/>: the virtual board (default) or another source of boards (the twin).</summary>
    public static IReadOnlyList<DemoTrialSummary> Run(RecordingStore store, IReadOnlyList<DemoTrial> script, Action<DemoProgress>? progress,
        string subject = "demo-001", DemoBoards? boards = null)
    {
        boards ??= DemoBoards.Virtual;
        long subjectId = store.Subject(subject);
        long sessionId = store.AddSession(subjectId, store.Board(boards.Serial), boards.SessionNote);
        var mvc = new Dictionary<string, double>();
        var summaries = new List<DemoTrialSummary>();
        // started_at follows the scripted session's own timeline (each trial's simulated duration and a rest after it),
        // not the wall clock of a run that simulates a 10-minute session in seconds.
        DateTimeOffset clock = DateTimeOffset.UtcNow;
        for (int t = 0; t < script.Count; t++)
        {
            DemoTrial trial = script[t];
            SimulatedRecording recording = Simulator.Run(trial.Settings);
            if (trial.Protocol != null) trial = trial with { Protocol = trial.Protocol with { StartedAt = clock } };
            clock = clock.AddSeconds(recording.Truth.DurationS + RestBetweenTrialsS);
            DemoTrialSummary summary = RunTrial(store, sessionId, trial, recording, t, script.Count, mvc, progress, boards);
            if (trial.Settings.Exercise == Exercise.Mvc)
            {
                foreach ((string muscle, double value) in MvcProtocol.StoreMvc(store, subjectId, summary.TrialId)) mvc[muscle] = value;

                var percent = summary.MeanPercentMvc.ToDictionary(kv => kv.Key, kv => 100 * kv.Value / mvc[kv.Key]);
                summary = summary with { MeanPercentMvc = percent, GmaxToEsRatio = GmaxToEs(percent) };
            }

            summaries.Add(summary);
        }

        return summaries;
    }

    private static DemoTrialSummary RunTrial(RecordingStore store, long sessionId, DemoTrial trial, SimulatedRecording recording,
        int index, int count, Dictionary<string, double> mvc, Action<DemoProgress>? progress, DemoBoards boards)
    {
        long trialId = store.AddTrial(sessionId, trial.Settings.Exercise, trial.Label);
        if (trial.Protocol != null) store.AddProtocol(trialId, trial.Protocol);
        if (trial.Settings.DeadStart) store.AddFirstPhase(trialId, PhaseKind.Concentric);
        using DemoBoard board = boards.Open(recording);
        BoardSession client = board.Session;
        client.Start();
        var recorder = new TrialRecorder(store, trialId, client);
        store.AddMarker(trialId, 0, "truth", JsonSerializer.Serialize(recording.Truth.Reps.Select(r => new { r.Index, r.StartS, r.EndS })));
        const long stepUs = 100_000;
        long endUs = (long)(recording.Truth.DurationS * 1_000_000);
        for (long now = stepUs; now <= endUs + stepUs; now += stepUs)
        {
            client.PumpUntil(TimeSpan.FromTicks(Math.Min(now, endUs) * TimeSpan.TicksPerMicrosecond));
            recorder.Drain();
            progress?.Invoke(Progress(trial, recording, index, count, now / 1e6, recorder.Envelope, mvc, client));
        }

        client.Stop();
        long missing = recorder.Finish();
        List<float> envelope = recorder.Envelope;
        Firmware.Core.Dsp.EmgChainSettings chainSettings = board.Pipeline.Settings;
        double firstS = (chainSettings.WindowSamples - 1) / (double)chainSettings.SampleRateHz, hopS = 1.0 / chainSettings.EnvelopeRateHz;
        var means = Muscles.Select((m, c) =>
            (m, value: MeanOverReps(envelope, c, recording.Truth.Reps, firstS, hopS)
                / (mvc.TryGetValue(m, out double r) && r > 0 ? r / 100 : 1)))
            .ToDictionary(x => x.m, x => x.value);
        return new DemoTrialSummary(trial.Label, trial.Settings.Exercise, recording.Truth.Reps.Count, means, GmaxToEs(means), missing, trialId);
    }

    private static DemoProgress Progress(DemoTrial trial, SimulatedRecording recording, int index, int count, double nowS,
        List<float> envelope, Dictionary<string, double> mvc, BoardSession client)
    {
        int samples = envelope.Count / Muscles.Length;
        var latest = new Dictionary<string, double>();
        for (int c = 0; c < Muscles.Length; c++)
        {
            double uv = samples > 0 ? envelope[(samples - 1) * Muscles.Length + c] : 0;
            latest[Muscles[c]] = mvc.TryGetValue(Muscles[c], out double r) && r > 0 ? 100 * uv / r : uv;
        }

        RepTruth? rep = recording.Truth.Reps.LastOrDefault(r => r.StartS <= nowS);
        string phase = rep?.Phases.FirstOrDefault(p => p.StartS <= nowS && nowS < p.EndS)?.Kind.Name() ?? "rest";
        return new DemoProgress(trial.Label, index, count, Math.Min(nowS, recording.Truth.DurationS), recording.Truth.DurationS,
            rep == null ? 0 : rep.Index + 1, recording.Truth.Reps.Count, phase, latest, mvc.Count > 0,
            client.Reassembler.Counters.Delivered, client.Reassembler.Counters.Recovered, client.Gaps.Sum(g => g.SampleCount));
    }

    // Envelope value k belongs to the last sample of its window: firstS + k * hopS.
    private static double MeanOverReps(List<float> envelope, int channel, IReadOnlyList<RepTruth> reps, double firstS, double hopS)
    {
        double sum = 0;
        int n = 0;
        int samples = envelope.Count / Muscles.Length;
        for (int k = 0; k < samples; k++)
        {
            double t = firstS + hopS * k;
            if (reps.Any(r => t >= r.StartS && t <= r.EndS))
            {
                sum += envelope[k * Muscles.Length + channel];
                n++;
            }
        }

        return n > 0 ? sum / n : double.NaN;
    }

    private static double GmaxToEs(IReadOnlyDictionary<string, double> means) =>
        (means["gmax_l"] + means["gmax_r"]) / Math.Max(1e-9, means["es_l"] + means["es_r"]);
}
