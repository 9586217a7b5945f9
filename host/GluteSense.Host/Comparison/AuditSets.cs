using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Comparison;

/// <summary>One set's protocol facts as the audit read them from its meta.json (null: not recorded).</summary>
/// <param name="Condition">The role the set was given: test, treat, control or retest.</param>
/// <param name="Set">The set's label from meta.json, else its source.</param>
/// <param name="SignalCheckPassed">The pre-set signal check's verdict; null when none was run.</param>
public sealed record AuditSetFacts(SetCondition Condition, string Set, DateTimeOffset? StartedAt, double? LoadKg, double? BodyMassKg,
    double? KneeAngleDeg, string? Cue, int? PainNrs, bool? ElectrodesReapplied, bool? SignalCheckPassed);

/// <summary>
/// What the audit reads from each set's meta.json beyond its values: the set-up (load, knee angle, body mass, cue) that
/// must match between test and re-test bridges for their difference to mean anything, the order the sets were
/// started in, and the pain ratings. Differences become caveats; nothing here changes a call.
/// </summary>
public static class AuditSets
{
    /// <summary>The bridge set-up fields compared between all test and re-test sets (a change in any of them changes
    /// the activation as well as the block could).</summary>
    public static readonly IReadOnlyList<(string Name, Func<AuditSetFacts, string?> Value)> SetUpFields =
        new (string, Func<AuditSetFacts, string?>)[]
    {
        ("load_kg", f => Number(f.LoadKg)), ("knee_angle_deg", f => Number(f.KneeAngleDeg)), ("body_mass_kg", f => Number(f.BodyMassKg)),
        ("cue", f => f.Cue),
    };

    private const string NotRecorded = "not recorded";

    private static string? Number(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Every set of the session in protocol order (test, block, re-test) with its meta.json facts.</summary>
    public static IReadOnlyList<AuditSetFacts> Facts(AuditInput input)
    {
        SetCondition block = input.Design == AuditDesign.Treat ? SetCondition.Treat : SetCondition.Control;
        return input.Test.Select(s => Of(SetCondition.Test, s)).Concat(input.Treat.Select(s => Of(block, s.Result)))
            .Concat(input.Retest.Select(s => Of(SetCondition.Retest, s))).ToList();
    }

    private static AuditSetFacts Of(SetCondition condition, AnalysisResult set)
    {
        SetProtocol p = set.Meta.Protocol ?? new SetProtocol();
        return new AuditSetFacts(condition, p.Set?.Label ?? set.Source, p.StartedAt, p.LoadKg, p.BodyMassKg, p.KneeAngleDeg, p.Cue, p.PainNrs,
            p.ElectrodesReapplied, p.SignalCheck?.Passed);
    }

    /// <summary>The worst (highest) pain rating of the sets in <paramref name="condition"/>, or null when none was rated.</summary>
    public static int? WorstPain(IEnumerable<AuditSetFacts> facts, SetCondition condition) =>
        facts.Where(f => f.Condition == condition).Select(f => f.PainNrs).Max();

    /// <summary>Caveats from the facts: a set-up that differed between the bridge sets (or was not recorded), and sets
    /// whose started_at contradicts the Test / block / Re-test order.</summary>
    public static IEnumerable<string> Caveats(IReadOnlyList<AuditSetFacts> facts)
    {
        var bridges = facts.Where(f => f.Condition is SetCondition.Test or SetCondition.Retest).ToList();
        if (bridges.All(b => SetUpFields.All(field => field.Value(b) == null)))
        {
            yield return "Set-up not recorded (" + string.Join(", ", SetUpFields.Select(f => f.Name))
                + " in meta.json): the audit cannot check that the "
                + "test and re-test bridges were done the same way.";
        }
        else
        {
            foreach ((string name, Func<AuditSetFacts, string?> value) in SetUpFields)
            {
                var groups = bridges.GroupBy(b => value(b) ?? NotRecorded).ToList();
                if (groups.Count < 2) continue;
                yield return $"Set-up differed between the bridge sets: {name} " + string.Join("; ", groups.Select(g =>
                    (g.Key == NotRecorded ? NotRecorded : $"\"{g.Key}\"") + " in " + string.Join(", ", g.Select(b => b.Set))))
                    + ". A change can come from the set-up rather than the block.";
            }
        }

        int Rank(AuditSetFacts f) => f.Condition switch { SetCondition.Test => 0, SetCondition.Retest => 2, _ => 1 };
        var dated = facts.Where(f => f.StartedAt != null).ToList();
        foreach (AuditSetFacts early in dated)
        {
            AuditSetFacts? late = dated.Where(f => Rank(f) < Rank(early) && f.StartedAt > early.StartedAt).OrderBy(f => f.StartedAt)
                .FirstOrDefault();
            if (late != null)
            {
                yield return $"Order: {early.Set} ({early.Condition.Name()}) started at {Stamp(early.StartedAt)}, "
                    + $"before {late.Set} ({late.Condition.Name()}) at "
                    + $"{Stamp(late.StartedAt)}; the sets were not recorded in Test / block / Re-test order (check which folder is which).";
            }
        }
    }

    private static string Stamp(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        ?? "-";

    /// <summary>The facts of one set in words (console and report), recorded fields only.</summary>
    public static string Describe(AuditSetFacts f)
    {
        var parts = new List<string>();
        if (f.StartedAt != null) parts.Add("started " + Stamp(f.StartedAt));
        if (f.LoadKg != null) parts.Add($"load {Number(f.LoadKg)} kg");
        if (f.KneeAngleDeg != null) parts.Add($"knee {Number(f.KneeAngleDeg)} deg");
        if (f.BodyMassKg != null) parts.Add($"body mass {Number(f.BodyMassKg)} kg");
        if (f.Cue != null) parts.Add($"cue \"{f.Cue}\"");
        if (f.PainNrs != null) parts.Add($"pain {f.PainNrs}/10");
        if (f.ElectrodesReapplied != null) parts.Add(f.ElectrodesReapplied.Value ? "electrodes re-applied" : "electrodes kept");
        if (f.SignalCheckPassed != null) parts.Add("signal check " + (f.SignalCheckPassed.Value ? "go" : "FAILED"));
        return $"{f.Set} ({f.Condition.Name()}): " + (parts.Count == 0 ? "no protocol fields in meta.json" : string.Join(", ", parts));
    }
}
