using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GluteSense.Host.Study;

/// <summary>
/// Smallest effects of interest for the equivalence tests, each in its outcome's own units: one for every amplitude
/// outcome (GMax and ES mean and peak, in the study's %MVC or %RVC), and one per named outcome for any other (the
/// GMax:ES log ratio, the lumbar range in degrees) or to override the amplitude one.
/// </summary>
public sealed record Sesoi(double? Amplitude, IReadOnlyDictionary<OutcomeKey, double> ByOutcome)
{
    /// <summary>No equivalence test.</summary>
    public static Sesoi None { get; } = new(null, new Dictionary<OutcomeKey, double>());

    /// <summary>The bound for <paramref name="outcome"/> in <paramref name="units"/>: its own, else the amplitude one
    /// when the outcome is an amplitude (<paramref name="units"/> = <paramref name="amplitudeUnits"/>), else none.</summary>
    public double? For(OutcomeKey outcome, string units, string amplitudeUnits) =>
        ByOutcome.TryGetValue(outcome, out double own) ? own : units == amplitudeUnits ? Amplitude : null;

    /// <summary>
    /// Parses the CLI's <c>--sesoi</c> values: <c>X</c> (every amplitude outcome) or <c>CHANNEL/PHASE/METRIC=X</c> (one
    /// of the declared outcomes, in its units; for example <c>gmax:es/concentric/log_ratio=0.1</c>,
    /// <c>lumbar/rep/range_deg=3</c>). Every value must be a positive number; an outcome not declared, or given twice,
    /// is refused.
    /// </summary>
    public static Sesoi Parse(IEnumerable<string> values, IReadOnlyList<OutcomeKey> declared)
    {
        double? amplitude = null;
        var byOutcome = new Dictionary<OutcomeKey, double>();
        foreach (string value in values)
        {
            int eq = value.LastIndexOf('=');
            double bound = Positive(eq < 0 ? value : value[(eq + 1)..], value);
            if (eq < 0)
            {
                if (amplitude != null) throw new ArgumentException($"--sesoi {value}: the amplitude SESOI is given twice");
                amplitude = bound;
                continue;
            }

            string[] parts = value[..eq].Split('/');
            OutcomeKey? key = parts.Length == 3
                ? declared.FirstOrDefault(k => k.Channel == parts[0] && k.Phase == parts[1] && k.Metric == parts[2]) : null;
            if (key == null)
                throw new ArgumentException($"--sesoi {value}: '{value[..eq]}' is not a declared outcome (one of "
                    + $"{string.Join(", ", declared.Select(Name))})");
            if (!byOutcome.TryAdd(key, bound)) throw new ArgumentException($"--sesoi {value}: {Name(key)} is given twice");
        }

        return new Sesoi(amplitude, byOutcome);
    }

    /// <summary>The CLI name of an outcome: channel/phase/metric.</summary>
    public static string Name(OutcomeKey key) => $"{key.Channel}/{key.Phase}/{key.Metric}";

    private static double Positive(string text, string value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0 && double.IsFinite(x)
            ? x : throw new ArgumentException($"--sesoi {value}: the bound must be a positive number in the outcome's units");
}
