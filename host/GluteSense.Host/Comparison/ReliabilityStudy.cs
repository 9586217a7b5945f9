using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;
using GluteSense.Host.Statistics;

namespace GluteSense.Host.Comparison;

/// <summary>One outcome's test-retest reliability from repeated sets without intervention (glutesense reliability).</summary>
/// <param name="Normalisation">Units of the amplitudes it was measured in ("%MVC", "%RVC") or "not applicable".</param>
/// <param name="N">Subjects with a value in both sets.</param>
/// <param name="IccCi95">95 % confidence interval of ICC(A,1).</param>
/// <param name="Sem">SEM = sqrt(MS_error) in <paramref name="Units"/>.</param>
/// <param name="Mdc95">1.96 sqrt(2) SEM: smallest change between two single sets that exceeds measurement error.</param>
public sealed record ReliabilityEstimate(string Name, string Units, string Normalisation, int N, double IccA1, double[] IccCi95,
    double Sem, double Mdc95, double GrandMean);

/// <summary>An outcome the study would not estimate, and why.</summary>
public sealed record RefusedOutcome(string Name, string Reason);

/// <summary>The reliability file (SEM.json) the audit reads: what was measured, on whom, and each outcome's SEM.</summary>
public sealed record ReliabilityFile(string Format, string Source, string Design, int Subjects, IReadOnlyList<ReliabilityEstimate> Outcomes,
    IReadOnlyList<RefusedOutcome> Refused)
{
    /// <summary>The file format this version writes and reads; any other value is refused by <see cref="Read"/>.</summary>
    public const string FormatV1 = "glutesense-reliability/1";

    /// <summary>The design sentence written into every file.</summary>
    public const string DesignText = "two sets per subject with no intervention between them; ICC(A,1) two-way random, absolute agreement, "
        + "single measure; SEM = sqrt(mean square error); MDC95 = 1.96 x sqrt(2) x SEM (Weir 2005; Hopkins 2000)";

    /// <summary>The estimate for <paramref name="o"/> measured under <paramref name="n"/>'s normalisation, or null.</summary>
    public ReliabilityEstimate? Find(SetOutcome o, Normalisation n) =>
        Outcomes.FirstOrDefault(e => e.Name == o.Name && e.Normalisation == o.NormalisationKey(n));

    /// <summary>The file as JSON, in the analysis output's JSON options.</summary>
    public string Serialize() => JsonSerializer.Serialize(this, AnalysisJson.Options);

    /// <summary>Reads and checks a reliability file; one-line errors.</summary>
    public static ReliabilityFile Read(string path)
    {
        if (!File.Exists(path)) throw new InputException("reliability file not found: " + path);
        ReliabilityFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ReliabilityFile>(File.ReadAllText(path), AnalysisJson.Options);
        }
        catch (JsonException e)
        {
            throw new InputException($"{Path.GetFileName(path)} line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split('.')[0]})", e);
        }

        if (file?.Format != FormatV1) throw new InputException($"{Path.GetFileName(path)}: format '{file?.Format}' is not {FormatV1}");
        foreach (ReliabilityEstimate e in file.Outcomes ?? Array.Empty<ReliabilityEstimate>())
        {
            if (!(e.Sem >= 0) || !double.IsFinite(e.Sem) || e.N < 2)
                throw new InputException($"{Path.GetFileName(path)}: outcome {e.Name} has SEM {e.Sem} from n = {e.N}");
        }

        return file with { Outcomes = file.Outcomes ?? Array.Empty<ReliabilityEstimate>(),
            Refused = file.Refused ?? Array.Empty<RefusedOutcome>() };
    }
}

/// <summary>One subject's two sets without intervention between them, analysed.</summary>
public sealed record ReliabilityPair(string Subject, AnalysisResult SetA, AnalysisResult SetB);

/// <summary>
/// Test-retest reliability of the bridge outcomes from a no-intervention study: per subject, the two sets' values
/// (mean over included repetitions), then ICC(A,1) with its 95 % CI, SEM and MDC95 per outcome. Amplitudes in
/// microvolts are never pooled across subjects: each subject's electrodes make their own scale.
/// </summary>
public static class ReliabilityStudy
{
    /// <summary>Fewest subjects with values for an estimate (a 2-subject ICC is meaningless).</summary>
    public const int MinSubjects = 3;

    /// <summary>
    /// Estimates each bridge outcome's reliability from <paramref name="pairs"/> (at least <see cref="MinSubjects"/> subjects,
    /// one row each, bridge sets without intervention); <paramref name="source"/> names the study in the file.
    /// </summary>
    public static ReliabilityFile Run(IReadOnlyList<ReliabilityPair> pairs, string source)
    {
        if (pairs.Count < MinSubjects)
            throw new ArgumentException($"a reliability study needs at least {MinSubjects} subjects, got {pairs.Count}");
        string? repeated = pairs.GroupBy(p => p.Subject).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated != null) throw new ArgumentException($"subject {repeated} appears twice: one row per subject (two sets each)");
        NormalisationMethod method = pairs[0].SetA.Normalisation.Method;
        foreach (ReliabilityPair p in pairs)
        {
            foreach (AnalysisResult set in new[] { p.SetA, p.SetB })
            {
                if (set.Exercise != Exercise.Bridge)
                {
                    throw new ArgumentException(
                        $"subject {p.Subject}: {set.Source} is a {set.Exercise.Name()}, the study measures bridge sets");
                }

                if (set.Meta.Protocol?.Condition is SetCondition.Treat)
                {
                    throw new ArgumentException($"subject {p.Subject}: {set.Source} is marked as a treat set; "
                        + $"reliability needs sets without intervention");
                }
            }

            if (p.SetA.Subject != p.SetB.Subject)
            {
                throw new ArgumentException(
                    $"row {p.Subject}: the two sets belong to different subjects ({p.SetA.Subject}, {p.SetB.Subject})");
            }

            Normalisation.EnsureComparable(p.SetA.Normalisation, p.SetB.Normalisation);
            if (p.SetA.Normalisation.Method != method)
                throw new ArgumentException($"subject {p.Subject} is in {p.SetA.Units}, the first subject in {pairs[0].SetA.Units}: "
                    + $"normalise every subject the same way");
        }

        Normalisation n = pairs[0].SetA.Normalisation;
        var estimates = new List<ReliabilityEstimate>();
        var refused = new List<RefusedOutcome>();
        foreach (SetOutcome o in SetOutcomes.All)
        {
            if (o.Scale != OutcomeScale.Physical && method == NormalisationMethod.None)
            {
                refused.Add(new RefusedOutcome(o.Name, "amplitudes are in microvolts, which depend on each subject's electrodes and skin "
                    + "and cannot be pooled across subjects; give an mvc column"));
                continue;
            }

            double[][] table = pairs.Select(p => (A: o.SetValue(p.SetA), B: o.SetValue(p.SetB)))
                .Where(v => v.A != null && v.B != null).Select(v => new[] { v.A!.Value, v.B!.Value }).ToArray();
            if (table.Length < MinSubjects)
            {
                refused.Add(new RefusedOutcome(o.Name, $"only {table.Length} subject(s) have a value in both sets"));
                continue;
            }

            try
            {
                AgreementIcc icc = Reliability.IccA1(table);
                estimates.Add(
                    new ReliabilityEstimate(o.Name, o.Units(n), o.NormalisationKey(n), table.Length, icc.Icc,
                        new[] { icc.CiLow, icc.CiHigh },
                    icc.SemUnits, icc.Mdc95Units, table.SelectMany(r => r).Average()));
            }
            catch (ArgumentException e)
            {
                refused.Add(new RefusedOutcome(o.Name, e.Message));
            }
        }

        return new ReliabilityFile(ReliabilityFile.FormatV1, source, ReliabilityFile.DesignText, pairs.Count, estimates, refused);
    }

    /// <summary>Reads <c>subject,set_a,set_b[,mvc]</c>; folder paths absolute or relative to the table.</summary>
    public static IReadOnlyList<(string Subject, string SetA, string SetB, string? Mvc)> ReadTable(string path)
    {
        var rows = FolderTable.Read(path, "reliability", new[] { "subject", "set_a", "set_b" }, new[] { "mvc" }, "subject");
        if (rows.Count == 0) throw new InputException($"{Path.GetFileName(path)}: no rows (one row per subject with two sets)");
        return rows.Select(r => (r["subject"], r["set_a"], r["set_b"], r["mvc"].Length > 0 ? r["mvc"] : null)).ToList();
    }
}
