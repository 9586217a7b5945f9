using System;
using System.IO;
using System.Linq;
using System.Globalization;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Motion;
using GluteSense.Host;

namespace GluteSense.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-analyze-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Simulate(string name, params string[] args) => CliTests.Simulate(_dir, name, new[] { "--seed", "9" }.Concat(args).ToArray());

    [Fact]
    public void AnalyzesASimulatedPullThrough_InPercentMvc_WithTheDocumentedJson()
    {
        string trial = Simulate("pt", "--exercise", "pull-through", "--reps", "4", "--mode", "envelope");
        string mvc = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--mode", "raw");
        string json = Path.Combine(_dir, "out.json");
        (int code, string stdout, string error) = CliTests.Run("analyze", trial, "--mvc", mvc, "--json", json);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("4 reps analysed, 0 excluded; amplitudes in %MVC", stdout);
        // The CLI reports exactly the library's analysis of the same folders (whose numbers PhaseMetricsTests checks
        // against their definitions): the JSON byte for byte, the table row by row to its printed precision.
        AnalysisResult library = FolderAnalysis.Analyze(trial, mvc);
        Assert.Equal(AnalysisJson.Serialize(library), File.ReadAllText(json).TrimEnd());
        string[] table = stdout.Split('\n');
        for (int i = 0; i < library.Reps.Count; i++)
        {
            RepResult rep = library.Reps[i];
            string[] cells = table[2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string F(double? v, string format) => v!.Value.ToString(format, CultureInfo.InvariantCulture);
            Assert.Equal(new[] { rep.Index.ToString(CultureInfo.InvariantCulture), F(rep.StartS, "0.00") }, cells[..2]);
            Assert.Equal(rep.Phases.Select(p => p.Kind.Name()[0].ToString().ToUpperInvariant() + F(p.DurationS, "0.0")), cells[2..5]);
            Assert.Equal(new[] { F(rep.GmaxMean, "0.0"), F(rep.EsMean, "0.0"), F(rep.GmaxEsRatio, "0.00"), rep.OnsetOrder.First?.Name() ?? "-" }, cells[5..9]);
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement root = doc.RootElement;
        Assert.Equal("pull-through", root.GetProperty("exercise").GetString());
        Assert.Equal("%MVC", root.GetProperty("units").GetString());
        Assert.Equal("mvc", root.GetProperty("normalisation").GetProperty("method").GetString());
        JsonElement reps = root.GetProperty("reps");
        Assert.Equal(4, reps.GetArrayLength());
        JsonElement first = reps[0];
        Assert.Equal(1, first.GetProperty("index").GetInt32());
        Assert.False(first.GetProperty("partial").GetBoolean());
        Assert.False(first.GetProperty("excluded").GetBoolean());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("flags").ValueKind);
        string[] kinds = first.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(new[] { "eccentric", "hold", "concentric" }, kinds);
        JsonElement gmax = first.GetProperty("phases")[0].GetProperty("muscles").GetProperty("gmax_l");
        MuscleMetrics expected = library.Reps[0].Phases[0].Muscles["gmax_l"]!;
        Assert.Equal(expected.Mean, gmax.GetProperty("mean").GetDouble());
        Assert.Equal(expected.Peak, gmax.GetProperty("peak").GetDouble());
        Assert.True(gmax.TryGetProperty("onset_s", out _));
        Assert.True(first.GetProperty("start_s").GetDouble() < first.GetProperty("end_s").GetDouble());
        // The pre-repetition level each onset was sought above, in %MVC like the phase means, and below the eccentric
        // phase's GMax mean (the simulated first rep follows a quiet opening rest).
        double baseline = first.GetProperty("onset_baseline").GetProperty("gmax_l").GetDouble();
        Assert.Equal(library.Reps[0].OnsetBaselines!["gmax_l"], baseline);
        Assert.InRange(baseline, 0, expected.Mean);
    }

    /// <summary>The boundary definition is the output's: by default where the movement leaves rest; with
    /// --boundary-peak-fraction where the rate reaches that share of the phase's peak, which starts every phase later
    /// and ends it earlier than the default (the library's analysis with the same setting, byte for byte). Onsets are
    /// still sought from the stillness before the movement left rest, so they do not move.</summary>
    [Fact]
    public void BoundaryPeakFraction_MovesThePhaseBoundariesInsideAndSaysSo()
    {
        string trial = Simulate("pt", "--exercise", "pull-through", "--reps", "3", "--mode", "envelope");
        string atRest = Path.Combine(_dir, "rest.json"), atFivePercent = Path.Combine(_dir, "five.json");
        Assert.Equal(ExitCodes.Ok, CliTests.Run("analyze", trial, "--json", atRest).ExitCode);
        (int code, string stdout, _) = CliTests.Run("analyze", trial, "--json", atFivePercent, "--boundary-peak-fraction", "0.05");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("phase boundaries: where the phase's rate reaches 5 % of its peak", stdout);
        Assert.DoesNotContain("phase boundaries:", CliTests.Run("analyze", trial).Output);
        var settings = new AnalysisSettings { Reps = new RepDetectorSettings { BoundaryPeakFraction = 0.05 } };
        Assert.Equal(AnalysisJson.Serialize(FolderAnalysis.Analyze(trial, settings: settings)), File.ReadAllText(atFivePercent).TrimEnd());

        using JsonDocument rest = JsonDocument.Parse(File.ReadAllText(atRest)), five = JsonDocument.Parse(File.ReadAllText(atFivePercent));
        Assert.StartsWith("where the segment's rate leaves rest", rest.RootElement.GetProperty("phase_boundaries").GetString());
        Assert.Equal("where the phase's rate reaches 5 % of its peak (start) and last holds it (end)",
            five.RootElement.GetProperty("phase_boundaries").GetString());
        JsonElement[] restReps = rest.RootElement.GetProperty("reps").EnumerateArray().ToArray();
        JsonElement[] fiveReps = five.RootElement.GetProperty("reps").EnumerateArray().ToArray();
        Assert.Equal(restReps.Length, fiveReps.Length);
        for (int i = 0; i < restReps.Length; i++)
        {
            Assert.True(fiveReps[i].GetProperty("start_s").GetDouble() > restReps[i].GetProperty("start_s").GetDouble());
            Assert.True(fiveReps[i].GetProperty("end_s").GetDouble() < restReps[i].GetProperty("end_s").GetDouble());
            Assert.Equal(restReps[i].GetProperty("onsets_s").GetRawText(), fiveReps[i].GetProperty("onsets_s").GetRawText());
            Assert.Equal(restReps[i].GetProperty("onset_baseline").GetRawText(), fiveReps[i].GetProperty("onset_baseline").GetRawText());
        }
    }

    /// <summary>Issue 15: es-before-gmax is exploratory wherever it appears, the console included: each flagged rep
    /// marks it and one line under the table says why, with the tolerance of this recording's mode.</summary>
    [Fact]
    public void ExploratoryFlags_AreMarkedOnTheConsoleWithTheirReasonAndTolerance()
    {
        string trial = Simulate("lumbar", "--exercise", "bridge", "--pattern", "lumbar-dominant", "--reps", "3");
        (int code, string stdout, string error) = CliTests.Run("analyze", trial);
        Assert.True(code == ExitCodes.Ok, error);
        AnalysisResult library = FolderAnalysis.Analyze(trial);
        int flagged = library.Reps.Count(r => r.Flags.Contains(FormFlag.EsBeforeGmax));
        Assert.True(flagged > 0, "the lumbar-dominant pattern scripts ES before GMax");
        Assert.Equal(flagged, stdout.Split('\n').Count(line => line.Contains("es-before-gmax*")));
        Assert.DoesNotContain(stdout.Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line, @"es-before-gmax(?!\*)") && !line.StartsWith('*'));
        double toleranceMs = library.Settings.Form.OnsetOrderTolerance(library.Envelope.OnsetsFromEnvelope);
        Assert.Contains("* es-before-gmax is " + AnalysisJson.ExploratoryReason
            + " (tolerance " + toleranceMs.ToString("0", CultureInfo.InvariantCulture) + " ms)", stdout);
    }

    [Fact]
    public void BadInput_ExitsOneWithOneLine()
    {
        string trial = Simulate("br", "--exercise", "bridge", "--reps", "2", "--mode", "raw");
        string mvcTrial = Simulate("mvc", "--exercise", "mvc", "--reps", "1", "--mode", "raw");
        string other = Simulate("pt", "--exercise", "pull-through", "--reps", "2", "--mode", "envelope");
        File.WriteAllText(Path.Combine(_dir, "br", "imu_lumbar.csv"), "time_s,gyr_x\n0,1\n");
        (string[] Args, string Expected)[] cases =
        {
            (new[] { "analyze", Path.Combine(_dir, "none") }, "recording folder not found"),
            (new[] { "analyze", trial }, "imu_lumbar.csv"),
            (new[] { "analyze", mvcTrial }, "MVC trial"),
            (new[] { "analyze", other, "--mvc", other }, "expected 'mvc'"),
            (new[] { "analyze", other, "--mvc", mvcTrial, "--reference", mvcTrial }, "not both"),
            (new[] { "analyze", other, "--boundary-peak-fraction", "0.5" }, "--boundary-peak-fraction 0.5 is out of range"),
            (new[] { "analyze", other, "--boundary-peak-fraction", "-0.1" }, "out of range (0 to below 0.5)"),
        };
        foreach ((string[] args, string expected) in cases)
        {
            (int code, _, string error) = CliTests.Run(args);
            Assert.Equal(ExitCodes.Error, code);
            Assert.Contains(expected, error);
            Assert.Single(error.Trim().Split('\n'));
        }

        string meta = Path.Combine(_dir, "mvc", "meta.json");
        File.WriteAllText(meta, File.ReadAllText(meta).Replace("\"mvc\"", "\"squat\""));
        (int c2, _, string e2) = CliTests.Run("analyze", mvcTrial);
        Assert.Equal(ExitCodes.Error, c2);
        Assert.Contains("unknown exercise 'squat'", e2);
    }
}
