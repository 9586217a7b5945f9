using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Host;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Motion;
using GluteSense.Host.IO;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense analyze DIR [--mvc MVC_DIR | --reference REF_DIR] [--json OUT.json] [--boundary-peak-fraction F]</c>.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Recording folder (format glutesense-recording/1)" };
        var mvc = new Option<string?>("--mvc")
        {
            Description = "MVC trial folder: amplitudes in %MVC (highest 500 ms mean envelope per muscle)",
        };
        var reference = new Option<string?>("--reference") { Description = "Submaximal reference contraction folder: amplitudes in %RVC" };
        var json = new Option<string?>("--json") { Description = "Write the full analysis as JSON (docs/analysis.md, \"Output\")" };
        var boundaryFraction = new Option<double>("--boundary-peak-fraction")
        {
            Description = "Place phase boundaries where the rate reaches this fraction of the phase's peak rate (e.g. 0.05, "
                + "the motor-control convention) instead of where the movement leaves rest (default 0)",
        };
        var command = new Command("analyze", "Split a recording into reps and eccentric/concentric/hold phases with per-muscle metrics");
        command.Arguments.Add(directory);
        command.Options.Add(mvc);
        command.Options.Add(reference);
        command.Options.Add(json);
        command.Options.Add(boundaryFraction);
        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "analyze", cancel, stdout =>
        {
            double fraction = parseResult.GetValue(boundaryFraction);
            if (!RepDetectorSettings.IsUsableBoundaryPeakFraction(fraction))
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"--boundary-peak-fraction {fraction} is out of range (0 to below {RepDetectorSettings.MaxBoundaryPeakFraction})"));
            }

            var settings = new AnalysisSettings { Reps = new RepDetectorSettings { BoundaryPeakFraction = fraction } };
            AnalysisResult result = FolderAnalysis.Analyze(parseResult.GetValue(directory)!, parseResult.GetValue(mvc),
                parseResult.GetValue(reference), settings);
            string? jsonPath = parseResult.GetValue(json);
            if (jsonPath != null)
            {
                File.WriteAllText(jsonPath, AnalysisJson.Serialize(result));
            }

            WriteTable(stdout, result);
            if (jsonPath != null) stdout.WriteLine("wrote " + jsonPath);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A readable table: one line per repetition.</summary>
    internal static void WriteTable(TextWriter w, AnalysisResult r)
    {
        string u = r.Units;
        w.WriteLine($"{r.Exercise.Name()}, subject {r.Subject}: {r.Reps.Count(x => !x.Excluded)} reps analysed, "
            + $"{r.Reps.Count(x => x.Excluded)} excluded; amplitudes in {u}; motion from the {r.MovementSegment} IMU");
        // The default definition is the documented one; another changes every phase duration, so it is said here too.
        if (r.Settings.Reps.BoundaryPeakFraction > 0) w.WriteLine("phase boundaries: " + r.Settings.Reps.BoundaryDefinition);
        w.WriteLine($"{"rep",3} {"start s",7} {"phases (s)",-22} {"GMax " + u,10} {"ES " + u,10} {"GMax:ES",7} {"first",5} {"lumbar°",7} "
            + $"{"neck ext°",9}  flags");
        foreach (RepResult rep in r.Reps)
        {
            string phases = string.Join(" ",
                rep.Phases.Select(p => p.Kind.Name()[0].ToString().ToUpperInvariant()
                    + p.DurationS.ToString("0.0", CultureInfo.InvariantCulture)));
            double? gmax = rep.GmaxMean, es = rep.EsMean;
            string flags = string.Join(",", rep.Flags.Select(f => f.Name() + (AnalysisJson.IsExploratory(f) ? "*" : "")))
                + (rep.Excluded ? " [excluded: " + string.Join("; ", rep.ExclusionReasons) + "]" : "");
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rep.Index,3} {rep.StartS,7:0.00} {phases,-22} {Num(gmax),10} {Num(es),10} {Num(rep.GmaxEsRatio, "0.00"),7} "
                    + $"{rep.OnsetOrder.First?.Name() ?? "-",5} {Num(rep.LumbarRangeDeg),7} {Num(rep.CervicalExtensionDeg),9}  {flags}"));
        }

        FormFlag[] exploratory = r.Reps.SelectMany(x => x.Flags).Where(AnalysisJson.IsExploratory).Distinct().ToArray();
        if (exploratory.Length > 0)
        {
            w.WriteLine("* " + string.Join(", ", exploratory.Select(f => f.Name())) + " is " + AnalysisJson.ExploratoryReason
                + string.Create(CultureInfo.InvariantCulture,
                    $" (tolerance {r.Settings.Form.OnsetOrderTolerance(r.Envelope.OnsetsFromEnvelope):0} ms)"));
        }

        foreach (string warning in r.Warnings) w.WriteLine("warning: " + warning);
        w.WriteLine("normalisation: " + r.Normalisation.CedeDescription);
    }

    private static string Num(double? v, string format = "0.0") => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";
}
