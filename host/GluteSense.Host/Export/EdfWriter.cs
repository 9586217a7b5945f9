using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using GluteSense.Host.IO;

namespace GluteSense.Host.Export;

/// <summary>One EDF signal: label, physical unit, rate (Hz, whole), samples (NaN = missing), prefiltering text.</summary>
public sealed record EdfSignal(string Label, string Unit, int RateHz, double[] Samples, string Prefiltering, string Transducer = "");

/// <summary>An EDF+ annotation: onset and duration in seconds from the start, and its text.</summary>
public sealed record EdfAnnotation(double OnsetS, double DurationS, string Text);

/// <summary>
/// Writes EDF+ (continuous, "EDF+C"; Kemp and Olivan 2003): 16-bit samples scaled per signal from its own minimum and
/// maximum, 1-second data records, and an "EDF Annotations" signal carrying the time-keeping annotation of each record
/// plus every annotation given (reps, phases, markers, gaps). Missing samples and the padding of the last record are
/// written as the digital minimum and named by an annotation, since EDF has no "missing" value.
/// </summary>
public static class EdfWriter
{
    private const int DigitalMin = -32768, DigitalMax = 32767;
    private const double RecordS = 1;

    /// <summary>
    /// Writes an EDF+ file at <paramref name="path"/>: <paramref name="signals"/> as data records of 1 s, <paramref name="annotations"/> in
    /// the EDF Annotations signal.
    /// </summary>
    public static void Write(string path, string subject, DateTime startUtc, IReadOnlyList<EdfSignal> signals,
        IReadOnlyList<EdfAnnotation> annotations)
    {
        if (signals.Count == 0) throw new ArgumentException("EDF needs at least one signal");
        var scale = signals.Select(Scale).ToArray();   // before the file is created: a refused limit leaves no file
        double durationS = signals.Max(s => s.Samples.Length / (double)s.RateHz);
        int records = Math.Max(1, (int)Math.Ceiling(durationS / RecordS - 1e-9));
        var notes = annotations.ToList();
        foreach (EdfSignal s in signals)
        {
            notes.AddRange(MissingRuns(s));
        }

        if (records * RecordS > durationS + 1e-9)
        {
            notes.Add(new EdfAnnotation(durationS, records * RecordS - durationS, "padding: no data (end of recording)"));
        }

        // Annotation text per record, then the annotation signal's size: the longest record's text, in 2-byte samples.
        var perRecord = Enumerable.Range(0, records).Select(r => new StringBuilder(Tal(r * RecordS, null, ""))).ToArray();
        foreach (EdfAnnotation a in notes.OrderBy(a => a.OnsetS))
        {
            int r = Math.Clamp((int)(a.OnsetS / RecordS), 0, records - 1);
            perRecord[r].Append(Tal(a.OnsetS, a.DurationS, a.Text));
        }

        int annotationSamples = (perRecord.Max(sb => Encoding.UTF8.GetByteCount(sb.ToString())) + 1) / 2 + 1;
        int ns = signals.Count + 1;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new BinaryWriter(stream);
        var inv = CultureInfo.InvariantCulture;
        void Field(string text, int width) => w.Write(Encoding.ASCII.GetBytes(Ascii(text).PadRight(width)[..width]));

        Field("0", 8);
        Field($"{Code(subject)} X X X", 80);
        Field($"Startdate {startUtc.ToString("dd-MMM-yyyy", inv).ToUpperInvariant()} X X GluteSense", 80);
        Field(startUtc.ToString("dd.MM.yy", inv), 8);
        Field(startUtc.ToString("HH.mm.ss", inv), 8);
        Field((256 * (ns + 1)).ToString(inv), 8);
        Field("EDF+C", 44);
        Field(records.ToString(inv), 8);
        Field(RecordS.ToString(inv), 8);
        Field(ns.ToString(inv), 4);
        foreach (EdfSignal s in signals) Field(s.Label, 16);
        Field("EDF Annotations", 16);
        foreach (EdfSignal s in signals) Field(s.Transducer, 80);
        Field("", 80);
        foreach (EdfSignal s in signals) Field(s.Unit, 8);
        Field("", 8);
        foreach (var sc in scale) Field(Number(sc.Min), 8);
        Field("-1", 8);
        foreach (var sc in scale) Field(Number(sc.Max), 8);
        Field("1", 8);
        foreach (EdfSignal _ in signals) Field(DigitalMin.ToString(inv), 8);
        Field(DigitalMin.ToString(inv), 8);
        foreach (EdfSignal _ in signals) Field(DigitalMax.ToString(inv), 8);
        Field(DigitalMax.ToString(inv), 8);
        foreach (EdfSignal s in signals) Field(s.Prefiltering, 80);
        Field("", 80);
        foreach (EdfSignal s in signals) Field(((int)(s.RateHz * RecordS)).ToString(inv), 8);
        Field(annotationSamples.ToString(inv), 8);
        for (int i = 0; i < ns; i++) Field("", 32);

        for (int r = 0; r < records; r++)
        {
            for (int k = 0; k < signals.Count; k++)
            {
                EdfSignal s = signals[k];
                int per = (int)(s.RateHz * RecordS);
                for (int i = 0; i < per; i++)
                {
                    int index = r * per + i;
                    double v = index < s.Samples.Length ? s.Samples[index] : double.NaN;
                    w.Write(double.IsFinite(v)
                        ? (short)Math.Clamp(Math.Round((v - scale[k].Min) / scale[k].Step) + DigitalMin, DigitalMin, DigitalMax)
                        : (short)DigitalMin);
                }
            }

            byte[] text = Encoding.UTF8.GetBytes(perRecord[r].ToString());
            byte[] padded = new byte[annotationSamples * 2];
            text.CopyTo(padded, 0);
            w.Write(padded);
        }
    }

    // Time-stamped annotation list entry: +onset[\x15duration]\x14text\x14\x00 (the record's first TAL has empty text).
    private static string Tal(double onsetS, double? durationS, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        string onset = (onsetS >= 0 ? "+" : "") + onsetS.ToString("0.###", inv);
        string duration = durationS is double d && d > 0 ? "\u0015" + d.ToString("0.###", inv) : "";
        if (text.Length == 0) return onset + "\u0014\u0014\0";   // the record's time-keeping annotation
        return onset + duration + "\u0014" + text.Replace('\u0014', ' ').Replace('\u0015', ' ') + "\u0014\0";
    }

    private static IEnumerable<EdfAnnotation> MissingRuns(EdfSignal s)
    {
        for (int i = 0; i < s.Samples.Length; i++)
        {
            if (double.IsFinite(s.Samples[i])) continue;
            int j = i;
            while (j < s.Samples.Length && !double.IsFinite(s.Samples[j])) j++;
            yield return new EdfAnnotation(i / (double)s.RateHz, (j - i) / (double)s.RateHz, $"gap: {s.Label} no data");
            i = j;
        }
    }

    private static (double Min, double Max, double Step) Scale(EdfSignal s)
    {
        double[] v = s.Samples.Where(double.IsFinite).ToArray();
        double min = v.Length > 0 ? v.Min() : 0, max = v.Length > 0 ? v.Max() : 1;
        if (max - min < 1e-9) max = min + 1;
        // Physical limits are written with at most 8 characters: round them outward so every sample stays inside.
        min = Round8(s.Label, min, down: true);
        max = Round8(s.Label, max, down: false);
        return (min, max, (max - min) / (DigitalMax - DigitalMin));
    }

    // The header field has 8 ASCII characters and a fixed-point number (EDF+ spec: no exponent), so whole numbers
    // from -9999999 to 99999999 fit; a limit rounded outward beyond them is refused rather than cut to 8 characters.
    private static double Round8(string label, double x, bool down)
    {
        for (int decimals = 6; decimals >= 0; decimals--)
        {
            double f = Math.Pow(10, decimals);
            double r = down ? Math.Floor(x * f) / f : Math.Ceiling(x * f) / f;
            if (Number(r).Length <= 8) return r;
        }

        string which = down ? "minimum" : "maximum";
        throw new InputException($"EDF signal {label}: physical {which} {x.ToString("R", CultureInfo.InvariantCulture)} "
            + "does not fit the header's 8 characters (-9999999 to 99999999); export it in a larger unit");
    }

    private static string Number(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Code(string subject) => new string(subject.Select(c => char.IsWhiteSpace(c) ? '_' : c).ToArray());

    private static string Ascii(string text) => new string(text.Select(c => c is >= ' ' and <= '~' ? c : '_').ToArray());
}
