using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Demo;
using GluteSense.Host.Simulation;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Store;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Demo;

/// <summary>The MVC values stored for a subject and where the trial went.</summary>
public sealed record MvcResult(string Subject, IReadOnlyDictionary<string, double> MvcUv, long SessionId, long TrialId);

/// <summary>
/// Guided maximal voluntary contractions (docs/calibration.md): efforts alternate gluteus maximus and erector spinae,
/// each held 5 s, with rest between; the MVC per channel is the highest 500 ms of the RMS envelope over the efforts.
/// The values go to the recording database under the subject and are what %MVC normalisation uses.
/// </summary>
public static class MvcProtocol
{
    /// <summary>What the clinician says and does for each muscle group (positions after SENIAM / Konrad's ABC of EMG).</summary>
    public static readonly IReadOnlyDictionary<string, string> Instructions = new Dictionary<string, string>
    {
        ["gmax"] = "Gluteus maximus: patient prone, knee bent to 90 degrees; resist just above the knee while they lift the thigh (hip "
            + "extension) as hard as they can for 5 s - 'push, push, push!'",
        ["es"] = "Erector spinae: patient prone, hands crossed on the chest; resist at the shoulder blades while they lift the chest "
            + "(trunk extension) as hard as they can for 5 s.",
    };

    /// <summary>Rest a real subject needs between maximal efforts (s); the virtual board's scripted subject rests 5 s.</summary>
    public const int RecommendedRestS = 60;

    /// <summary>
    /// Runs <paramref name="efforts"/> efforts per muscle group on the virtual board (a simulated subject), recording
    /// into <paramref name="store"/>. <paramref name="instruct"/> gets each instruction as the effort starts.
    /// </summary>
    public static MvcResult Run(RecordingStore store, string subject, int efforts, int seed, Action<string> instruct)
    {
        if (efforts < 1 || efforts > 5) throw new ArgumentException($"efforts per muscle must be 1..5, got {efforts}");
        var script = new[] { new DemoTrial("MVC calibration", new SimulationSettings { Exercise = Exercise.Mvc, Reps = efforts, Seed = seed }) };
        int lastRep = -1;
        ClinicDemo.Run(store, script, p =>
        {
            if (p.Rep != lastRep && p.Rep > 0)
            {
                lastRep = p.Rep;
                string group = (p.Rep - 1) % 2 == 0 ? "gmax" : "es";
                instruct($"effort {p.Rep}/{p.Reps}: {Instructions[group]}");
            }
        }, subject);
        SessionInfo session = store.Sessions().Last();
        TrialInfo trial = store.Trials(session.Id).Single();
        return new MvcResult(subject, store.Mvc(subject), session.Id, trial.Id);
    }

    /// <summary>How long each maximal effort is held.</summary>
    public static readonly TimeSpan Effort = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="efforts"/> efforts per muscle group on a real board (or any board) through
    /// <paramref name="session"/>: streams throughout, tells <paramref name="instruct"/> when each effort (held
    /// <see cref="Effort"/>) and each rest of <paramref name="rest"/> starts, records the trial into
    /// <paramref name="store"/> and stores the MVC per muscle, as <see cref="Run"/> does for the simulated subject.
    /// </summary>
    public static MvcResult RunOnBoard(RecordingStore store, string subject, int efforts, BoardSession session, TimeSpan rest,
        Action<string> instruct)
    {
        if (efforts < 1 || efforts > 5) throw new ArgumentException($"efforts per muscle must be 1..5, got {efforts}");
        long subjectId = store.Subject(subject);
        long sessionId = store.AddSession(subjectId, store.Board(session.BoardSerial), "glutesense calibrate mvc (" + session.Description + ")");
        long trialId = store.AddTrial(sessionId, Exercise.Mvc, "MVC calibration");
        var recorder = new TrialRecorder(store, trialId, session);
        session.Start();
        for (int e = 0; e < 2 * efforts; e++)
        {
            if (e > 0)
            {
                instruct($"rest {rest.TotalSeconds:0} s");
                session.PumpFor(rest);
                recorder.Drain();
            }

            instruct($"effort {e + 1}/{2 * efforts}: {Instructions[e % 2 == 0 ? "gmax" : "es"]}");
            session.PumpFor(Effort);
            recorder.Drain();
        }

        session.Stop();
        recorder.Finish();
        return new MvcResult(subject, StoreMvc(store, subjectId, trialId), sessionId, trialId);
    }

    /// <summary>
    /// The MVC per muscle of a stored MVC trial by the analysis' own estimator (so a stored MVC is the MVC
    /// <c>analyze --mvc</c> uses), stored under the subject.
    /// </summary>
    internal static IReadOnlyDictionary<string, double> StoreMvc(RecordingStore store, long subjectId, long trialId)
    {
        Normalisation reference = FolderAnalysis.Reference(SessionExport.ReadTrial(store, trialId), NormalisationMethod.Mvc,
            "trial " + trialId, new AnalysisSettings());
        foreach ((string muscle, double value) in reference.ReferenceUv) store.AddMvc(subjectId, muscle, value, reference.CedeDescription);
        return reference.ReferenceUv;
    }
}
