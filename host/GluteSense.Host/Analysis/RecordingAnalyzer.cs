using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Analysis.Motion;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis;

/// <summary>
/// Turns a recording into repetitions split into phases, with per-muscle metrics, onsets, onset order, symmetry,
/// GMax-ES overlap index, lumbar and neck angles and form flags (docs/analysis.md).
/// </summary>
public static class RecordingAnalyzer
{
    /// <summary>Analyses <paramref name="data"/>; amplitudes are expressed with <paramref name="normalisation"/>.</summary>
    /// <exception cref="ArgumentException">The recording cannot be analysed (the message says why, in one line).</exception>
    public static AnalysisResult Analyze(RecordingData data, Normalisation normalisation, AnalysisSettings? settings = null) =>
        Analyze(data, normalisation, settings, consumeRawEmg: false);

    /// <summary>
    /// <see cref="Analyze(RecordingData, Normalisation, AnalysisSettings?)"/>; <paramref name="consumeRawEmg"/> lets the
    /// onset detection overwrite the raw EMG columns of <paramref name="data"/> (see <see cref="EmgSignals"/>).
    /// </summary>
    internal static AnalysisResult Analyze(RecordingData data, Normalisation normalisation, AnalysisSettings? settings, bool consumeRawEmg)
    {
        settings ??= new AnalysisSettings();
        MovementModel model = MovementModel.For(data.Meta);
        IReadOnlyDictionary<string, SegmentTrack> tracks = SegmentMotion.Tracks(data);
        SegmentTrack movement = SegmentMotion.MovementSegment(tracks);
        IReadOnlyList<DetectedRep> detected = RepDetector.Detect(movement, settings.Reps);
        (IReadOnlyList<ChannelSignals> channels, EnvelopeSource source) = EmgSignals.From(data, settings.Onsets, null, settings.Ecg,
            consumeRawEmg);

        double[]? lumbarVsSacrum = tracks.TryGetValue("lumbar", out SegmentTrack? lumbar)
            && tracks.TryGetValue("sacrum", out SegmentTrack? sacrum)
            ? SegmentMotion.Relative(lumbar, sacrum) : null;
        double[]? headVsTrunk = lumbar != null && tracks.TryGetValue("head", out SegmentTrack? head) ? SegmentMotion.Relative(head, lumbar)
            : null;

        tracks.TryGetValue("sacrum", out SegmentTrack? pelvis);
        var quiet = channels.ToDictionary(c => c.Name, c => PhaseMetrics.QuietestUv(c, QuietWindowS));
        var reps = new List<RepResult>();
        double previousEndS = double.NegativeInfinity;
        double[] t = movement.TimeS;
        foreach (DetectedRep d in detected)
        {
            double startS = t[d.Start], outEndS = t[d.OutEnd], backStartS = t[d.BackStart], endS = t[d.End];
            // Onsets are sought from the stillness before the segment left rest, wherever the phase boundaries are placed.
            var findings = channels.ToDictionary(c => c.Name, c => PhaseMetrics.Onset(c, settings.Onsets, t[d.LeftRest], t[d.BackAtRest],
                previousEndS + settings.SettleS, settings.BaselineS, settings.PreMovementS, settings.MinBaselineS, quiet[c.Name]));
            var onsets = findings.ToDictionary(kv => kv.Key, kv => kv.Value.OnsetS);
            var notes = findings.Where(kv => kv.Value.Note != null).ToDictionary(kv => kv.Key, kv => kv.Value.Note!);
            var baselines = findings.Where(kv => kv.Value.BaselineUv != null)
                .ToDictionary(kv => kv.Key, kv => normalisation.Apply(kv.Key, kv.Value.BaselineUv!.Value));
            List<ExclusionReason> exclusions = GapsOverlapping(data.Meta.Gaps, startS, endS);
            HashSet<string> gapChannels = GapChannels(data.Meta.Gaps, startS, endS, channels);
            var phases = new List<PhaseResult>();
            (PhaseKind Kind, int From, int To)[] spans =
            {
                (model.OutwardKind, d.Start, d.OutEnd), (PhaseKind.Hold, d.OutEnd, d.BackStart), (model.ReturnKind, d.BackStart, d.End),
            };
            foreach ((PhaseKind kind, int fromIndex, int toIndex) in spans)
            {
                bool first = phases.Count == 0;
                double from = t[fromIndex], to = t[toIndex];
                phases.Add(new PhaseResult(kind, from, to, channels.ToDictionary(c => c.Name,
                    c => gapChannels.Contains(c.Name) ? null : PhaseMetrics.Of(c, normalisation, from, to, onsets[c.Name], first)),
                    kind == PhaseKind.Hold ? null : LumboPelvicMetrics.Ratio(lumbarVsSacrum, pelvis, fromIndex, toIndex)));
            }

            if (d.Partial) exclusions.Insert(0, new PartialRepetition(settings.Reps.PartialFraction));
            LumboPelvic? lumboPelvic = lumbarVsSacrum != null && lumbar != null && pelvis != null
                ? LumboPelvicMetrics.Of(lumbarVsSacrum, lumbar, pelvis, d, model.ExtensionSign, settings.Reps) : null;
            reps.Add(Rep(reps.Count + 1, d, startS, endS, phases, onsets, channels, gapChannels, normalisation, model, settings.Form,
                Range(tracks.GetValueOrDefault("lumbar"), d), Range(tracks.GetValueOrDefault("sacrum"), d),
                lumbarVsSacrum == null ? null : Range(lumbarVsSacrum, d),
                headVsTrunk == null ? null : Math.Max(0, headVsTrunk[d.Start..(d.End + 1)].Select(a => model.ExtensionSign * a).Max()),
                exclusions, data.Emg == null) with
            {
                RangePct = d.RangePct, OnsetNotes = notes, LumboPelvic = lumboPelvic, OnsetBaselines = baselines,
            });
            previousEndS = t[d.BackAtRest];
        }

        var traces = new MotionTraces(movement.TimeS, movement.AngleDeg, lumbarVsSacrum,
            headVsTrunk?.Select(a => model.ExtensionSign * a).ToArray());
        List<string> warnings = Warnings(reps, normalisation);
        foreach (SegmentTrack track in tracks.Values.Where(x => x.UnsettledStart))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"unsettled-start: the {track.Site} IMU was moving when the recording started; its 0 deg pose, "
                    + $"gyro offset and noise floor come from the stillest {SegmentMotion.StartWindowS:0.0} s window of the rest that "
                    + $"follows, at {track.TimeS[track.StillFrom]:0.0} s, and nothing before it is analysed"));
        }

        return new AnalysisResult(data.Meta.Exercise, data.Meta.Subject, data.Meta.Source, normalisation.Units, normalisation, source,
            movement.Site, reps, warnings, settings, Ensembles(reps, channels, normalisation), traces, data.Meta);
    }

    /// <summary>Window (s) of the quietest envelope level a tonic baseline is judged against: the onset baseline's own length.</summary>
    private const double QuietWindowS = 0.5;

    /// <summary>Points of a time-normalised phase (0, 1, ..., 100 %).</summary>
    public const int EnsemblePoints = 101;

    private static List<PhaseEnsemble> Ensembles(List<RepResult> reps, IReadOnlyList<ChannelSignals> channels, Normalisation normalisation)
    {
        var ensembles = new List<PhaseEnsemble>();
        RepResult[] included = reps.Where(r => !r.Excluded).ToArray();
        if (included.Length == 0) return ensembles;
        foreach (ChannelSignals c in channels)
        {
            for (int k = 0; k < included[0].Phases.Count; k++)
            {
                var curves = included.Select(r => Resample(c, normalisation, r.Phases[k].StartS, r.Phases[k].EndS)).OfType<double[]>().ToArray();
                if (curves.Length == 0) continue;
                double[] mean = new double[EnsemblePoints], sd = new double[EnsemblePoints];
                for (int i = 0; i < EnsemblePoints; i++)
                {
                    mean[i] = curves.Average(x => x[i]);
                    sd[i] = curves.Length > 1 ? Math.Sqrt(curves.Sum(x => (x[i] - mean[i]) * (x[i] - mean[i])) / (curves.Length - 1)) : 0;
                }

                ensembles.Add(new PhaseEnsemble(c.Name, included[0].Phases[k].Kind, curves.Length, mean, sd));
            }
        }

        return ensembles;
    }

    /// <summary>The envelope over [startS, endS] at <see cref="EnsemblePoints"/> evenly spaced times (linear
    /// interpolation), or null when the phase is shorter than two envelope samples.</summary>
    private static double[]? Resample(ChannelSignals c, Normalisation n, double startS, double endS)
    {
        double[] t = c.EnvelopeTimeS;
        int from = EmgSignals.IndexAtOrAfter(t, startS), to = EmgSignals.IndexAtOrAfter(t, endS);
        if (to - from < 2 || from == 0 || to >= t.Length) return null;
        var y = new double[EnsemblePoints];
        for (int i = 0; i < EnsemblePoints; i++)
        {
            double time = startS + (endS - startS) * i / (EnsemblePoints - 1);
            int j = Math.Clamp(EmgSignals.IndexAtOrAfter(t, time), 1, t.Length - 1);
            double w = (time - t[j - 1]) / (t[j] - t[j - 1]);
            y[i] = n.Apply(c.Name, c.EnvelopeUv[j - 1] + w * (c.EnvelopeUv[j] - c.EnvelopeUv[j - 1]));
        }

        return y;
    }

    private static RepResult Rep(int index, DetectedRep d, double startS, double endS, List<PhaseResult> phases,
        Dictionary<string, double?> onsets, IReadOnlyList<ChannelSignals> channels, HashSet<string> gapChannels, Normalisation normalisation,
        MovementModel model, FormThresholds form, double? trunkRange, double? pelvisRange, double? lumbarRange, double? cervicalExtension,
        List<ExclusionReason> exclusions, bool envelopeOnly)
    {
        ChannelSignals[] gmax = channels.Where(c => c.Muscle == MuscleNames.GluteusMaximus && !gapChannels.Contains(c.Name)).ToArray();
        ChannelSignals[] es = channels.Where(c => c.Muscle == MuscleNames.ErectorSpinae && !gapChannels.Contains(c.Name)).ToArray();
        // Each usable channel's normalised envelope over the repetition, cut out once for every per-rep figure.
        Dictionary<string, double[]> samples = gmax.Concat(es)
            .ToDictionary(c => c.Name, c => PhaseMetrics.Samples(c, normalisation, startS, endS));
        double[] gmaxMean = GroupMean(gmax, samples);
        double[] esMean = GroupMean(es, samples);
        double? gmaxAvg = gmaxMean.Length > 0 ? gmaxMean.Average() : null;
        double? esAvg = esMean.Length > 0 ? esMean.Average() : null;

        double? gmaxOnset = Earliest(gmax, onsets), esOnset = Earliest(es, onsets);
        double? lagMs = gmaxOnset is double g && esOnset is double e ? (e - g) * 1000 : null;
        var order = new OnsetOrder(lagMs == null ? null : lagMs >= 0 ? MuscleGroup.Gmax : MuscleGroup.Es, gmaxOnset, esOnset, lagMs);

        var flags = new List<FormFlag>();
        if (d.Partial) flags.Add(FormFlag.Partial);
        if (lagMs < -form.OnsetOrderTolerance(envelopeOnly)) flags.Add(FormFlag.EsBeforeGmax);
        if (lumbarRange > form.LumbarRangeDeg) flags.Add(FormFlag.LumbarMotion);
        if (cervicalExtension > form.CervicalExtensionDeg) flags.Add(FormFlag.CervicalHyperextension);
        foreach (PhaseResult p in phases.Where(p => p.Kind != PhaseKind.Hold && p.DurationS < form.MinMovingPhaseS))
        {
            flags.Add(p.Kind == PhaseKind.Eccentric ? FormFlag.FastEccentric : FormFlag.FastConcentric);
        }

        if (exclusions.Any(x => x is OverlapsGap)) flags.Add(FormFlag.DataGap);

        return new RepResult(index, startS, endS, d.Partial, d.PeakDeg, phases, onsets, order, gmaxAvg, esAvg,
            gmaxAvg is double ga && esAvg is double ea && ea > 0 ? ga / ea : null,
            PhaseMetrics.SymmetryPct(SideMean(gmax, samples, Side.Left), SideMean(gmax, samples, Side.Right)),
            PhaseMetrics.SymmetryPct(SideMean(es, samples, Side.Left), SideMean(es, samples, Side.Right)),
            gmax.Length > 0 && es.Length > 0 ? PhaseMetrics.GmaxEsOverlapPct(GroupSeries(gmax, samples), GroupSeries(es, samples)) : null,
            trunkRange, pelvisRange, lumbarRange, cervicalExtension, flags, exclusions.Count > 0, exclusions);
    }

    private static double[] GroupMean(ChannelSignals[] group, Dictionary<string, double[]> samples) =>
        group.Select(c => samples[c.Name]).Where(s => s.Length > 0).Select(s => s.Average()).ToArray();

    private static double[] GroupSeries(ChannelSignals[] group, Dictionary<string, double[]> samples)
    {
        double[][] series = group.Select(c => samples[c.Name]).ToArray();
        int len = series.Min(s => s.Length);
        return Enumerable.Range(0, len).Select(i => series.Average(s => s[i])).ToArray();
    }

    private static double? SideMean(ChannelSignals[] group, Dictionary<string, double[]> samples, Side side)
    {
        ChannelSignals? c = group.FirstOrDefault(x => x.Side == side);
        double[]? s = c == null ? null : samples[c.Name];
        return s is { Length: > 0 } ? s.Average() : null;
    }

    private static double? Earliest(ChannelSignals[] group, Dictionary<string, double?> onsets)
    {
        double[] found = group.Select(c => onsets[c.Name]).OfType<double>().ToArray();
        return found.Length > 0 ? found.Min() : null;
    }

    private static double? Range(SegmentTrack? track, DetectedRep d) => track == null ? null : Range(track.AngleDeg, d);

    private static double Range(double[] angle, DetectedRep d)
    {
        int end = Math.Min(d.End, angle.Length - 1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = d.Start; i <= end; i++)
        {
            min = Math.Min(min, angle[i]);
            max = Math.Max(max, angle[i]);
        }

        return max - min;
    }

    private static List<ExclusionReason> GapsOverlapping(IReadOnlyList<GapMeta> gaps, double startS, double endS) =>
        gaps.Where(g => g.StartS < endS && g.EndS > startS).Select(g => (ExclusionReason)new OverlapsGap(g)).ToList();

    private static HashSet<string> GapChannels(IReadOnlyList<GapMeta> gaps, double startS, double endS, IReadOnlyList<ChannelSignals> channels)
    {
        var set = new HashSet<string>();
        foreach (GapMeta g in gaps.Where(g => g.StartS < endS && g.EndS > startS))
        {
            if (g.Channel == "all") set.UnionWith(channels.Select(c => c.Name));
            else set.Add(g.Channel);
        }

        return set;
    }

    private static List<string> Warnings(List<RepResult> reps, Normalisation normalisation)
    {
        var warnings = new List<string>();
        if (reps.Count == 0) warnings.Add("no repetitions found: check that the lumbar/sacrum IMU moved and the trial started at rest");
        if (normalisation.Method == NormalisationMethod.None && reps.Count > 0)
        {
            warnings.Add("cross-muscle-not-normalised: the GMax:ES ratio, the symmetry indices and the GMax-ES overlap index compare "
                + "different electrodes' microvolts, which depend on each electrode's contact and placement; normalise (MVC) before "
                    + "reading them");
        }
        if (normalisation.Method is NormalisationMethod.Mvc)
        {
            foreach (string channel in normalisation.ReferenceUv.Keys)
            {
                double peak = reps.Where(r => !r.Excluded).SelectMany(r => r.Phases)
                    .Select(p => p.Muscles.GetValueOrDefault(channel)?.Peak ?? 0).DefaultIfEmpty(0).Max();
                if (peak > 100)
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture,
                        $"mvc-below-peak: {channel} reaches {peak:0} %MVC in this exercise; the MVC effort was probably not maximal, "
                            + $"so %MVC values of {channel} are overstated"));
                }
            }
        }

        return warnings;
    }
}
