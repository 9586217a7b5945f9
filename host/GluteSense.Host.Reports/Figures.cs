using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using ScottPlot;

namespace GluteSense.Host.Reports;

/// <summary>A rendered figure: PNG bytes, a caption and a stable id (the report test checks every id is shown).</summary>
public sealed record Figure(string Id, string Caption, byte[] Png);

/// <summary>
/// The report figures (ScottPlot). One colour per muscle everywhere (gluteus maximus teal, erector spinae orange);
/// the first session of a pair is dashed and lighter, the second solid. Units on every axis.
/// </summary>
public static class Figures
{
    /// <summary>Size of every figure (px).</summary>
    public const int WidthPx = 760, HeightPx = 380;

    /// <summary>Colours of gluteus maximus, erector spinae and flagged repetitions, the same in every figure.</summary>
    public static readonly Color GmaxColour = new(0x1b, 0x9e, 0x77), EsColour = new(0xd9, 0x5f, 0x02), FlagColour = new(0xc0, 0x39, 0x2b);

    /// <summary>Colour of a muscle group.</summary>
    public static Color Colour(MuscleGroup muscle) => muscle == MuscleGroup.Es ? EsColour : GmaxColour;

    /// <summary>Ensemble envelopes (mean +- SD over repetitions, time normalised to 0-100 % of each phase, phases side by
    /// side) of GMax and ES, for one or two analyses (e.g. test and retest) overlaid.</summary>
    public static Figure Ensembles(string id, string caption, IReadOnlyList<(string Label, AnalysisResult Result)> sessions)
    {
        var plot = new Plot();
        PhaseKind[] kinds = sessions[0].Result.Reps.FirstOrDefault()?.Phases.Select(p => p.Kind).ToArray() ?? Array.Empty<PhaseKind>();
        for (int s = 0; s < sessions.Count; s++)
        {
            (string label, AnalysisResult result) = sessions[s];
            foreach (MuscleGroup muscle in Enum.GetValues<MuscleGroup>())
            {
                string[] channels = RepValues.Channels(result, muscle);
                var xs = new List<double>();
                var mean = new List<double>();
                var sd = new List<double>();
                for (int k = 0; k < kinds.Length; k++)
                {
                    PhaseEnsemble[] group = result.Ensembles.Where(e => e.Kind == kinds[k] && channels.Contains(e.Channel)).ToArray();
                    if (group.Length == 0) continue;
                    for (int i = 0; i < RecordingAnalyzer.EnsemblePoints; i++)
                    {
                        xs.Add(100 * k + i);
                        mean.Add(group.Average(g => g.Mean[i]));
                        sd.Add(group.Average(g => g.Sd[i]));
                    }
                }

                if (xs.Count == 0) continue;
                Color colour = Colour(muscle).WithAlpha(s == 0 && sessions.Count > 1 ? 0.55 : 1.0);
                var band = plot.Add.FillY(xs.ToArray(), mean.Zip(sd, (m, d) => m - d).ToArray(), mean.Zip(sd, (m, d) => m + d).ToArray());
                band.FillColor = colour.WithAlpha(0.15);
                band.LineColor = Colors.Transparent;
                var line = plot.Add.ScatterLine(xs.ToArray(), mean.ToArray());
                line.Color = colour;
                line.LineWidth = 2;
                line.LinePattern = s == 0 && sessions.Count > 1 ? LinePattern.Dashed : LinePattern.Solid;
                line.LegendText = $"{(muscle == MuscleGroup.Gmax ? "Gluteus maximus" : "Erector spinae")} - {label}";
            }
        }

        for (int k = 1; k < kinds.Length; k++) plot.Add.VerticalLine(100 * k, 1, Colors.Gray);
        plot.XLabel("Phase progress (%): " + string.Join(" | ", kinds.Select((k, i) => $"{k} {100 * i}-{100 * (i + 1)}")));
        plot.YLabel($"EMG envelope ({sessions[0].Result.Units}), mean +- SD");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return Render(id, caption, plot);
    }

    /// <summary>One value per repetition for several sessions, in repetition order (e.g. GMax per rep in test, treat, retest).</summary>
    public static Figure RepScatter(string id, string caption, string yLabel, IReadOnlyList<(string Label, double[] Values)> series)
    {
        var plot = new Plot();
        Color[] palette = { GmaxColour.WithAlpha(0.55), new(0x75, 0x70, 0xb3), GmaxColour };
        int offset = 0;
        for (int s = 0; s < series.Count; s++)
        {
            double[] xs = Enumerable.Range(offset + 1, series[s].Values.Length).Select(x => (double)x).ToArray();
            var points = plot.Add.ScatterPoints(xs, series[s].Values);
            points.Color = palette[s % palette.Length];
            points.MarkerSize = 8;
            points.LegendText = $"{series[s].Label} (n = {series[s].Values.Length})";
            offset += series[s].Values.Length + 2;
        }

        plot.XLabel("Repetition (in order; sessions separated)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return Render(id, caption, plot);
    }

    /// <summary>ES onset minus GMax onset per repetition (ms; above 0 = gluteus maximus first), per session.</summary>
    public static Figure OnsetOrder(string id, string caption, IReadOnlyList<(string Label, AnalysisResult Result)> sessions)
    {
        var plot = new Plot();
        int offset = 0;
        for (int s = 0; s < sessions.Count; s++)
        {
            double[] lags = sessions[s].Result.Reps.Where(r => !r.Excluded).Select(r => r.OnsetOrder.LagMs).OfType<double>().ToArray();
            double[] xs = Enumerable.Range(offset + 1, lags.Length).Select(x => (double)x).ToArray();
            var bars = plot.Add.Bars(xs, lags);
            foreach (Bar bar in bars.Bars) bar.FillColor = bar.Value >= 0 ? GmaxColour : EsColour;
            bars.LegendText = sessions[s].Label;
            offset += lags.Length + 2;
        }

        plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.XLabel("Repetition (sessions separated)");
        plot.YLabel("ES - GMax onset (ms)");
        return Render(id, caption, plot);
    }

    /// <summary>Angle traces over time (deg) with flagged repetitions shaded.</summary>
    public static Figure Angles(string id, string caption, AnalysisResult result, FormThresholds form)
    {
        var plot = new Plot();
        MotionTraces t = result.Traces;
        var move = plot.Add.ScatterLine(t.TimeS, t.MovementDeg);
        move.Color = Colors.Gray;
        move.LegendText = $"{result.MovementSegment} sagittal angle (deg)";
        if (t.LumbarDeg != null)
        {
            var lumbar = plot.Add.ScatterLine(t.TimeS[..t.LumbarDeg.Length], t.LumbarDeg);
            lumbar.Color = EsColour;
            lumbar.LegendText = "lumbar flexion/extension, L3 vs S1 (deg)";
        }

        if (t.CervicalExtensionDeg != null)
        {
            var neck = plot.Add.ScatterLine(t.TimeS[..t.CervicalExtensionDeg.Length], t.CervicalExtensionDeg);
            neck.Color = new Color(0x75, 0x70, 0xb3);
            neck.LegendText = "cervical extension, head vs trunk (deg)";
            plot.Add.HorizontalLine(form.CervicalExtensionDeg, 1, neck.Color, LinePattern.Dotted);
        }

        foreach (RepResult rep in result.Reps.Where(r => r.Flags.Any(f => !AnalysisJson.IsExploratory(f))))
        {
            var span = plot.Add.HorizontalSpan(rep.StartS, rep.EndS);
            span.FillColor = FlagColour.WithAlpha(0.12);
            span.LineColor = Colors.Transparent;
        }

        plot.XLabel("Time (s); shaded: repetitions with a form flag (exploratory flags not shaded)");
        plot.YLabel("Angle (deg)");
        plot.ShowLegend(Alignment.UpperRight);
        return Render(id, caption, plot);
    }

    /// <summary>Paired values (one line per subject) for two sessions, or two levels of a study factor named by
    /// <paramref name="xLabel"/> (for example "exercise").</summary>
    public static Figure Paired(string id, string caption, string yLabel, string labelA, string labelB,
        IReadOnlyList<(double A, double B)> pairs,
        string xLabel = "Session")
    {
        var plot = new Plot();
        foreach ((double a, double b) in pairs)
        {
            var line = plot.Add.Scatter(new[] { 0.0, 1.0 }, new[] { a, b });
            line.Color = b >= a ? GmaxColour : EsColour;
            line.MarkerSize = 7;
        }

        plot.Axes.Bottom.SetTicks(new[] { 0.0, 1.0 }, new[] { labelA, labelB });
        plot.Axes.SetLimitsX(-0.3, 1.3);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return Render(id, caption, plot);
    }

    private static Figure Render(string id, string caption, Plot plot) =>
        new(id, caption, plot.GetImageBytes(WidthPx, HeightPx, ImageFormat.Png));
}
