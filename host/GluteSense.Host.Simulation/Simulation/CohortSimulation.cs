using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.Recording;
using GluteSense.Host.Study;

namespace GluteSense.Host.Simulation;

/// <summary>
/// A simulated study cohort: how many subjects, which design, how much subjects differ, and the hypothesised effect.
/// Every draw comes from <see cref="Seed"/>, so the same settings give the same cohort.
/// </summary>
public sealed record CohortSimulationSettings
{
    /// <summary>Subjects in the cohort.</summary>
    public int Subjects { get; init; } = 12;

    /// <summary>Exercises compared (bridge vs pull-through at matched effort by default).</summary>
    public IReadOnlyList<string> Exercises { get; init; } = new[] { "bridge", "pull-through" };

    /// <summary>Conditions within the exercise; <see cref="EccentricFirst"/> vs <see cref="ConcentricFirst"/> is the
    /// second design. Empty = none.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = Array.Empty<string>();

    /// <summary>Sets per exercise (and condition) per subject.</summary>
    public int Sets { get; init; } = 2;

    /// <summary>Repetitions per set (short recordings keep a simulated study quick).</summary>
    public int Reps { get; init; } = 4;

    /// <summary>Hypothesised eccentric-first effect (fraction of GMax activation, 0.3 = +30 %) in the pull-through's
    /// eccentric and following concentric phase; applied to every pull-through, or only to the eccentric-first
    /// condition when conditions are simulated. 0 = the theory is false.</summary>
    public double Effect { get; init; }

    /// <summary>Between-subject SD of the log GMax gain (0.25 = subjects' GMax levels differ by about 25 %).</summary>
    public double SubjectSdLog { get; init; } = 0.25;

    /// <summary>Between-set SD of the log GMax gain within a subject.</summary>
    public double SetSdLog { get; init; } = 0.05;

    /// <summary>Between-subject SD of the log effect multiplier (subjects respond differently to the eccentric start).</summary>
    public double EffectSdLog { get; init; } = 0.05;

    /// <summary>Make the last repetition of the first subject's first set a partial one (half range), so the export
    /// shows an excluded repetition and the models can be checked to leave it out.</summary>
    public bool PartialInFirstSet { get; init; }

    /// <summary>Seed of the cohort (subject levels, set levels, each recording's own seed).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The two <see cref="Conditions"/> the simulator knows: eccentric-first (from the top: hinge down, then
    /// pull up) and concentric-first (dead start: from a stop in the hinged position, pull up, lower; no eccentric
    /// pre-activation, <see cref="SimulationSettings.DeadStart"/>).</summary>
    public const string EccentricFirst = StudyDesign.EccentricFirst, ConcentricFirst = StudyDesign.ConcentricFirst;

    /// <summary>Throws a one-line ArgumentException naming the first setting out of range (before anything is written).</summary>
    public void Validate()
    {
        if (Subjects < 2 || Subjects > StudyDesign.MaxSubjects)
        {
            throw new ArgumentException($"a simulated cohort of {Subjects} subjects is out of range (2..{StudyDesign.MaxSubjects})");
        }

        if (Reps < 2 || Reps > 50) throw new ArgumentException($"reps per set {Reps} is out of range (2..50)");
        if (Effect < 0 || Effect > 2) throw new ArgumentException($"effect {Effect} is out of range (0..2)");
    }
}

/// <summary>
/// Writes a simulated cohort as a study would be recorded: a planned, counterbalanced design.csv (StudyDesign.Plan)
/// whose folder column is filled in, one MVC recording per subject and one recording folder per set. The
/// concentric-first condition is a dead-start pull-through with its own kinematics (rests hinged, concentric first,
/// no eccentric pre-activation); the eccentric-first condition carries the hypothesised effect. Both are compared on
/// the concentric phase, which the analysis finds in either order.
/// </summary>
public static class CohortSimulation
{
    /// <summary>Writes the cohort under <paramref name="directory"/> and returns the path of its design.csv.</summary>
    public static string Write(string directory, CohortSimulationSettings settings)
    {
        settings.Validate();
        IReadOnlyList<DesignRow> plan = StudyDesign.Plan(settings.Subjects, settings.Exercises, settings.Conditions, settings.Sets,
            settings.Seed);
        foreach (string e in settings.Exercises)
        {
            if (e is not ("bridge" or "pull-through")) throw new ArgumentException($"the simulator performs bridge and pull-through, not '{e}'");
        }

        Directory.CreateDirectory(directory);
        var random = new Random(settings.Seed);
        var rows = new List<DesignRow>();
        foreach (IGrouping<string, DesignRow> subject in plan.GroupBy(r => r.Subject))
        {
            double subjectGain = Math.Exp(settings.SubjectSdLog * EmgSynthesis.Gaussian(random));
            double effectGain = Math.Exp(settings.EffectSdLog * EmgSynthesis.Gaussian(random));
            string mvc = subject.Key + "/mvc";
            Write(Path.Combine(directory, mvc), new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1, Seed = random.Next() }, subject.Key);
            foreach (DesignRow row in subject)
            {
                bool eccentricFirst = settings.Conditions.Count == 0 || row.Condition == CohortSimulationSettings.EccentricFirst;
                var sim = new SimulationSettings
                {
                    Exercise = row.Exercise == "bridge" ? Exercise.Bridge : Exercise.PullThrough,
                    Reps = settings.Reps,
                    Seed = random.Next(),
                    GmaxScale = subjectGain * Math.Exp(settings.SetSdLog * EmgSynthesis.Gaussian(random)),
                    EccentricEffect = eccentricFirst ? settings.Effect * effectGain : 0,
                    DeadStart = row.Condition == CohortSimulationSettings.ConcentricFirst && row.Exercise == "pull-through",
                    LeadS = 1.5,
                    PartialReps = settings.PartialInFirstSet && rows.Count == 0 ? new[] { settings.Reps - 1 } : Array.Empty<int>(),
                    PauseS = 1.2,
                };
                string folder = subject.Key + "/" + row.Set;
                Write(Path.Combine(directory, folder), sim, subject.Key);
                rows.Add(row with { Folder = folder, Mvc = mvc });
            }
        }

        string design = Path.Combine(directory, "design.csv");
        StudyDesign.Write(design, rows);
        return design;
    }

    private static void Write(string folder, SimulationSettings settings, string subject) =>
        RecordingFolder.Write(folder, SimulationExport.ToRecording(Simulator.Run(settings), RecordingMode.Envelope, subject));
}
