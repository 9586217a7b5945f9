using System;
using System.Collections.Generic;
using System.Linq;

namespace GluteSense.Host.Analysis.Emg;

/// <summary>How amplitudes are expressed (CEDE normalisation matrix, Besomi et al. 2020).</summary>
public enum NormalisationMethod
{
    /// <summary>Not normalised: microvolts (comparable only within one electrode placement).</summary>
    None,

    /// <summary>Percent of a maximal voluntary contraction recorded in the same session (CEDE: MVC, isometric).</summary>
    Mvc,

    /// <summary>Percent of a standardised submaximal reference contraction (CEDE: submaximal reference task).</summary>
    ReferenceContraction,

    /// <summary>Percent of the peak of the task itself. Describes a pattern's shape but erases amplitude differences
    /// between exercises: refused for comparisons.</summary>
    TaskPeak,
}

/// <summary>
/// One reference value per channel and how it was obtained. Exercises compared must share the same reference
/// (<see cref="EnsureComparable"/>), recorded in every output.
/// </summary>
/// <param name="ReferenceUv">Per channel: the amplitude that is 100 % (uV RMS); empty for <see cref="NormalisationMethod.None"/>.</param>
/// <param name="WindowMs">Length of the moving window whose highest mean envelope is the reference (ms).</param>
/// <param name="Source">Which recording the reference comes from (folder or description).</param>
public sealed record Normalisation(NormalisationMethod Method, IReadOnlyDictionary<string, double> ReferenceUv, double WindowMs, string Source)
{
    /// <summary>Default reference window (ms): the highest 500 ms mean envelope of the effort (common MVC practice,
    /// long enough to ignore a single spike, short enough to catch the plateau of a 3-5 s effort).</summary>
    public const double DefaultWindowMs = 500;

    /// <summary>No normalisation (uV).</summary>
    public static Normalisation None { get; } = new(NormalisationMethod.None, new Dictionary<string, double>(), 0, "");

    /// <summary>Unit of normalised amplitudes: "uV", "%MVC", "%RVC" (reference voluntary contraction) or "%peak".</summary>
    public string Units => Method switch
    {
        NormalisationMethod.Mvc => "%MVC",
        NormalisationMethod.ReferenceContraction => "%RVC",
        NormalisationMethod.TaskPeak => "%peak",
        _ => "uV",
    };

    /// <summary>The CEDE matrix wording of the method, for the output and reports.</summary>
    public string CedeDescription => Method switch
    {
        NormalisationMethod.Mvc =>
            $"amplitude normalised to MVC: highest {WindowMs:0} ms mean of the RMS envelope of the maximal isometric efforts in {Source}; "
            + $"same reference for every exercise of the subject",
        NormalisationMethod.ReferenceContraction =>
            $"amplitude normalised to a submaximal reference contraction: highest {WindowMs:0} ms mean of the RMS envelope in {Source}",
        NormalisationMethod.TaskPeak => "amplitude normalised to the peak of the task itself (shape only; not valid for comparing "
            + "amplitude between exercises)",
        _ => "not normalised (uV RMS); amplitudes depend on electrode placement and skin and are comparable only within one session",
    };

    /// <summary>Value of <paramref name="uv"/> on channel <paramref name="channel"/> in <see cref="Units"/>.</summary>
    public double Apply(string channel, double uv)
    {
        if (Method == NormalisationMethod.None) return uv;
        if (!ReferenceUv.TryGetValue(channel, out double reference))
        {
            throw new ArgumentException($"the normalisation reference has no value for channel '{channel}'");
        }

        return 100 * uv / reference;
    }

    /// <summary>
    /// Reference from an MVC (or submaximal reference) recording: per channel, the highest mean of the RMS envelope over
    /// a moving window of <paramref name="windowMs"/>. The one MVC estimator of GluteSense (analysis, demo, calibrate mvc,
    /// store, live views): the mean of the envelope is what every task metric (phase means) is, so 100 %MVC means "as
    /// much as the best half second of the effort, measured the same way".
    /// </summary>
    public static Normalisation FromReferenceTrial(IReadOnlyList<ChannelSignals> channels, NormalisationMethod method, string source,
        double windowMs = DefaultWindowMs)
    {
        if (method is not (NormalisationMethod.Mvc or NormalisationMethod.ReferenceContraction))
            throw new ArgumentException("a reference trial gives MVC or reference-contraction normalisation");
        var reference = new Dictionary<string, double>();
        foreach (ChannelSignals c in channels)
        {
            double value = HighestMean(c.EnvelopeTimeS, c.EnvelopeUv, windowMs);
            if (!(value > 0)) throw new ArgumentException($"{source}: channel {c.Name} has no signal for a reference value");
            reference[c.Name] = value;
        }

        return new Normalisation(method, reference, windowMs, source);
    }

    /// <summary>Highest moving mean (uV) of an RMS envelope over <paramref name="windowMs"/>.</summary>
    public static double HighestMean(double[] timeS, double[] envelopeUv, double windowMs)
    {
        if (timeS.Length < 2) return 0;
        double dt = (timeS[^1] - timeS[0]) / (timeS.Length - 1);
        int w = Math.Max(1, (int)Math.Round(windowMs / 1000 / dt));
        if (w > envelopeUv.Length) throw new ArgumentException($"the reference trial is shorter than the {windowMs:0} ms window");
        double sum = 0, best = 0;
        for (int i = 0; i < envelopeUv.Length; i++)
        {
            sum += envelopeUv[i];
            if (i >= w) sum -= envelopeUv[i - w];
            if (i >= w - 1) best = Math.Max(best, sum / w);
        }

        return best;
    }

    /// <summary>
    /// Refuses comparing amplitudes normalised differently, or to each task's own peak (that makes every exercise
    /// peak at 100 % and erases the very difference under test), or to different reference values.
    /// </summary>
    public static void EnsureComparable(Normalisation a, Normalisation b)
    {
        if (a.Method == NormalisationMethod.TaskPeak || b.Method == NormalisationMethod.TaskPeak)
            throw new ArgumentException("amplitudes normalised to each task's own peak cannot be compared between exercises: use one MVC "
                + "or reference contraction for both");
        if (a.Method != b.Method)
            throw new ArgumentException($"the recordings are normalised differently ({a.Units} vs {b.Units}): use one reference for both");
        foreach (string channel in a.ReferenceUv.Keys.Union(b.ReferenceUv.Keys))
        {
            if (!a.ReferenceUv.TryGetValue(channel, out double ra) || !b.ReferenceUv.TryGetValue(channel, out double rb)
                || Math.Abs(ra - rb) > 1e-9 * Math.Max(ra, rb))
                throw new ArgumentException($"the recordings use different reference values for {channel}: "
                    + $"exercises compared must share one reference per muscle");
        }
    }
}
