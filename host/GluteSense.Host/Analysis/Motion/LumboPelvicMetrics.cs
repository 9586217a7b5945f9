using System;

namespace GluteSense.Host.Analysis.Motion;

/// <summary>
/// Lumbo-pelvic metrics of a repetition from the L3 (lumbar) and S1 (sacrum) IMUs (docs/analysis.md, "Metrics"): what
/// the clinician's eye judges in a bridge or a hinge.
/// </summary>
public static class LumboPelvicMetrics
{
    /// <summary>Below this pelvis excursion (deg) in a phase the lumbar:pelvis ratio is not reported: a ratio over a
    /// still pelvis measures noise.</summary>
    public const double MinPelvisExcursionDeg = 1;

    /// <summary>How far before the repetition's start (s) a segment's movement start may be found: the lumbar spine
    /// may lead the pelvis, but not by more than the pre-movement window the onsets use.</summary>
    public const double SearchBeforeS = 0.3;

    /// <summary>Lumbar (L3 relative to S1) excursion over pelvis excursion in samples [from, to], or null.</summary>
    public static double? Ratio(double[]? lumbarVsSacrumDeg, SegmentTrack? pelvis, int from, int to)
    {
        if (lumbarVsSacrumDeg == null || pelvis == null) return null;
        int end = Math.Min(to, Math.Min(lumbarVsSacrumDeg.Length, pelvis.AngleDeg.Length) - 1);
        if (end <= from) return null;
        double pelvisExcursion = Excursion(pelvis.AngleDeg, from, end);
        return pelvisExcursion < MinPelvisExcursionDeg ? null : Excursion(lumbarVsSacrumDeg, from, end) / pelvisExcursion;
    }

    /// <summary>Lumbar extension at the turning point and which segment moved first.</summary>
    /// <param name="extensionSign">+1 when the outward movement is extension (bridge), -1 when it is flexion (hinge).</param>
    public static LumboPelvic Of(double[] lumbarVsSacrumDeg, SegmentTrack lumbar, SegmentTrack pelvis, DetectedRep d, int extensionSign,
        RepDetectorSettings settings)
    {
        int holdEnd = Math.Min(Math.Max(d.OutEnd, d.BackStart), lumbarVsSacrumDeg.Length - 1);
        double sum = 0;
        for (int i = d.OutEnd; i <= holdEnd; i++) sum += lumbarVsSacrumDeg[i];
        double atTop = extensionSign * sum / (holdEnd - d.OutEnd + 1);

        int floor = Math.Max(0, d.LeftRest - (int)Math.Round(SearchBeforeS * pelvis.SampleRateHz));
        int lumbarStart = RepDetector.MovementStart(lumbar, floor, d.OutEnd, settings);
        int pelvisStart = RepDetector.MovementStart(pelvis, floor, d.OutEnd, settings);
        double leadMs = (pelvisStart - lumbarStart) * 1000 / pelvis.SampleRateHz;
        string first = Math.Abs(leadMs) < LumboPelvic.TogetherMs ? "together" : leadMs > 0 ? "lumbar" : "pelvis";
        return new LumboPelvic(atTop, first, leadMs);
    }

    private static double Excursion(double[] x, int from, int to)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = from; i <= to; i++)
        {
            min = Math.Min(min, x[i]);
            max = Math.Max(max, x[i]);
        }

        return max - min;
    }
}
