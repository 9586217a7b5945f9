using System;
using System.CommandLine;
using System.Linq;
using GluteSense.Host;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense simulate</c>: writes a simulated recording folder (format v1) with its ground truth.</summary>
internal static class SimulateCommand
{
    private const int MaxReps = 600;

    public static Command Create()
    {
        var exercise = new Option<string>("--exercise") { Description = "bridge, pull-through, mvc or rest", Required = true };
        var reps = new Option<int>("--reps") { Description = "Repetitions (MVC: efforts per muscle group)", DefaultValueFactory = _ => 10 };
        var pattern = new Option<string>("--pattern")
        {
            Description = "good, lumbar-dominant, lumbar-flexion or neck-hyperextension",
            DefaultValueFactory = _ => "good",
        };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same recording)", DefaultValueFactory = _ => 1 };
        var mode = new Option<string>("--mode")
        {
            Description = "raw (emg.csv), envelope (envelope.csv from the board's chain) or both",
            DefaultValueFactory = _ => "both",
        };
        var effect = new Option<double>("--effect")
        {
            Description = "Eccentric-first effect: extra GMax activation in the pull-through's eccentric and following concentric phase "
                + "(0.3 = +30 %)",
            DefaultValueFactory = _ => 0,
        };
        var rate = new Option<int>("--rate") { Description = "EMG sample rate (Hz): 1000 or 2000", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "Output folder (created)", Required = true };
        var gmaxScale = new Option<double>("--gmax-scale")
        {
            Description = "Gain on GMax activation (a set's or person's own level; 1.3 = +30 %)",
            DefaultValueFactory = _ => 1,
        };
        var subject = new Option<string>("--subject")
        {
            Description = "Pseudonymous subject id written into meta.json",
            DefaultValueFactory = _ => "sim-001",
        };
        var mag = new Option<bool>("--mag") { Description = "Also simulate magnetometers (mag_x, mag_y, mag_z in uT)" };
        var deadStart = new Option<bool>("--dead-start")
        {
            Description = "Pull-through from a dead stop in the hinged position: concentric first, no eccentric pre-activation",
        };
        var scenario = new Option<string>("--scenario")
        {
            Description = "Adversarial scenario (docs/simulator.md): " + string.Join(", ", Scenarios.All.Select(Scenarios.Name)),
            DefaultValueFactory = _ => "standard",
        };
        var command = new Command("simulate", "Write a simulated recording folder (bridge, pull-through, mvc, rest) with ground truth");
        foreach (Option o in new Option[] { exercise, reps, pattern, seed, mode, effect, rate, output, mag, gmaxScale, subject, scenario,
            deadStart })
        {
            command.Options.Add(o);
        }

        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "simulate", cancel, stdout =>
        {
            string scenarioName = parseResult.GetValue(scenario)!;
            Scenario chosen = Scenarios.Parse(scenarioName)
                ?? throw new InputException($"--scenario '{scenarioName}' must be one of "
                    + $"{string.Join(", ", Scenarios.All.Select(Scenarios.Name))}");
            var settings = new SimulationSettings
            {
                Exercise = ParseExercise(parseResult.GetValue(exercise)!),
                Pattern = ParsePattern(parseResult.GetValue(pattern)!),
                Reps = parseResult.GetValue(reps),
                Seed = parseResult.GetValue(seed),
                EccentricEffect = parseResult.GetValue(effect),
                EmgRateHz = parseResult.GetValue(rate),
                Magnetometer = parseResult.GetValue(mag),
                GmaxScale = parseResult.GetValue(gmaxScale),
                DeadStart = parseResult.GetValue(deadStart),
            };
            if (settings.DeadStart && settings.Exercise != GluteSense.Host.Exercise.PullThrough)
            {
                throw new InputException("--dead-start is a pull-through start (a bridge always starts concentric)");
            }

            if (settings.DeadStart && settings.EccentricEffect != 0)
            {
                throw new InputException("--effect is the eccentric-first effect; a dead start has no eccentric phase before its "
                    + "concentric one");
            }
            if (!(settings.GmaxScale >= 0.1 && settings.GmaxScale <= 5))
            {
                throw new InputException($"--gmax-scale {settings.GmaxScale} is out of range (0.1..5)");
            }

            // Up to about an hour of bridges: the length of the analysis benchmark's recording (docs/performance.md).
            if (settings.Reps < 1 || settings.Reps > MaxReps)
            {
                throw new InputException($"--reps {settings.Reps} is out of range (1..{MaxReps})");
            }

            if (settings.EccentricEffect < 0 || settings.EccentricEffect > 2)
            {
                throw new InputException($"--effect {settings.EccentricEffect} is out of range (0..2)");
            }

            settings = Scenarios.Apply(chosen, settings, settings.Seed);
            RecordingMode recordingMode = parseResult.GetValue(mode)!.ToLowerInvariant() switch
            {
                "raw" => RecordingMode.Raw,
                "envelope" => RecordingMode.Envelope,
                "both" => RecordingMode.Both,
                string m => throw new InputException($"--mode '{m}' must be raw, envelope or both"),
            };
            SimulatedRecording recording = Simulator.Run(settings);
            string directory = parseResult.GetValue(output)!;
            RecordingFolder.Write(directory, SimulationExport.ToRecording(recording, recordingMode, parseResult.GetValue(subject)!));
            stdout.WriteLine($"{settings.Exercise.Name()} ({Simulator.Name(settings.Pattern)}, {Scenarios.Name(chosen)}), "
                + $"{recording.Truth.Reps.Count} reps, " +
                $"{recording.Truth.DurationS:F1} s, EMG {settings.EmgRateHz} Hz, IMUs {string.Join("+", recording.Imu.Keys)} -> {directory}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Exercise ParseExercise(string text) => CommandRunner.ParseName<Exercise>("--exercise", text.ToLowerInvariant());

    private static MovementPattern ParsePattern(string text) =>
        Enum.GetValues<MovementPattern>().FirstOrDefault(p => Simulator.Name(p) == text.ToLowerInvariant(), (MovementPattern)(-1)) is var p
            && p >= 0
            ? p
            : throw new InputException($"--pattern '{text}' must be good, lumbar-dominant, lumbar-flexion or neck-hyperextension");
}
