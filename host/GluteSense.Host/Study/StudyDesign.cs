using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;

namespace GluteSense.Host.Study;

/// <summary>
/// One planned or recorded set of a study: who, which session, the set label (unique within the subject, for example
/// <c>bridge-1</c>), exercise, condition (empty when the design has none), the recording folder (empty until recorded)
/// and the subject's MVC folder (one per subject: the normalisation reference).
/// </summary>
public sealed record DesignRow(string Subject, string Session, string Set, string Exercise, string Condition, string Folder, string Mvc);

/// <summary>
/// design.csv: <c>subject,session,set,exercise,condition,folder</c> and optional <c>mvc</c> (paths absolute or relative to
/// the CSV). <see cref="Plan"/> writes a counterbalanced order; <see cref="Read"/> validates a filled-in design fully
/// before anything is analysed.
/// </summary>
public static class StudyDesign
{
    /// <summary>Required columns, in the order <see cref="Write"/> puts them.</summary>
    public static readonly string[] Columns = { "subject", "session", "set", "exercise", "condition", "folder" };

    /// <summary>
    /// The two conditions of the eccentric-first design whose recordings must agree with meta.json's first phase:
    /// eccentric-first (a pull-through from the top) and concentric-first (a dead start, <c>"firstPhase": "concentric"</c>).
    /// </summary>
    public const string EccentricFirst = "eccentric-first", ConcentricFirst = "concentric-first";

    /// <summary>Optional column: the subject's MVC recording folder.</summary>
    public const string MvcColumn = "mvc";

    /// <summary>Largest study <see cref="Plan"/> writes (subjects), a guard against a typo such as 1200 for 12.</summary>
    public const int MaxSubjects = 1000;

    /// <summary>
    /// A counterbalanced design: the treatments (every exercise x condition) ordered by a balanced Latin square
    /// (Williams 1949: each treatment precedes every other equally often; for an odd number of treatments the square and
    /// its mirror image), sequences handed out to subjects in blocks shuffled with <paramref name="seed"/>, each
    /// subject doing the sequence <paramref name="sets"/> times, reversed every other round (ABBA), so order and fatigue
    /// fall evenly on every treatment. The folder column is left empty, to be filled in as recordings are made.
    /// </summary>
    public static IReadOnlyList<DesignRow> Plan(int subjects, IReadOnlyList<string> exercises, IReadOnlyList<string> conditions, int sets,
        int seed)
    {
        if (subjects < 2 || subjects > MaxSubjects) throw new ArgumentException($"--subjects {subjects} is out of range (2..{MaxSubjects})");
        if (sets < 1 || sets > 20) throw new ArgumentException($"--sets {sets} is out of range (1..20)");
        string[] ex = Clean(exercises, "exercise");
        string[] co = conditions.Count == 0 ? new[] { "" } : Clean(conditions, "condition");
        string[] treatments = ex.SelectMany(e => co.Select(c => e + "\t" + c)).ToArray();
        if (treatments.Length < 2) throw new ArgumentException("a study needs at least 2 exercises or conditions to compare");
        int[][] square = WilliamsSquare(treatments.Length);
        var random = new Random(seed);
        var rows = new List<DesignRow>();
        int[] blockOrder = Array.Empty<int>();
        for (int s = 0; s < subjects; s++)
        {
            if (s % square.Length == 0) blockOrder = Enumerable.Range(0, square.Length).OrderBy(_ => random.Next()).ToArray();
            int[] sequence = square[blockOrder[s % square.Length]];
            string subject = $"S{s + 1:D2}";
            for (int round = 0; round < sets; round++)
            {
                IEnumerable<int> order = round % 2 == 0 ? sequence : sequence.Reverse();
                foreach (int t in order)
                {
                    string[] parts = treatments[t].Split('\t');
                    string label = (parts[1].Length == 0 ? parts[0] : parts[0] + "-" + parts[1]) + "-" + (round + 1);
                    rows.Add(new DesignRow(subject, "1", label, parts[0], parts[1], "", ""));
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Null when <paramref name="subjects"/> fills whole squares of <paramref name="treatments"/> (every treatment in every
    /// position, and after every other treatment, equally often); else a sentence saying the order is only nearly balanced
    /// and which subject counts would balance it (a multiple of the square's sequences: k for even k, 2k for odd k).
    /// </summary>
    public static string? BalanceNote(int subjects, int treatments)
    {
        int sequences = WilliamsSquare(treatments).Length;
        if (subjects % sequences == 0) return null;
        return $"{subjects} subjects is not a multiple of the {sequences} sequences of the balanced Latin square for {treatments} "
            + $"treatments: position and carry-over are balanced only nearly (use {sequences}, {2 * sequences}, {3 * sequences}, ... subjects)";
    }

    /// <summary>Rows of a balanced Latin square for k treatments: 0, 1, k-1, 2, k-2, ... shifted by one per row; for
    /// odd k also every row reversed (2k sequences).</summary>
    public static int[][] WilliamsSquare(int k)
    {
        var first = new int[k];
        for (int i = 0, low = 1, high = k - 1; i < k; i++) first[i] = i == 0 ? 0 : i % 2 == 1 ? low++ : high--;
        var rows = Enumerable.Range(0, k).Select(r => first.Select(v => (v + r) % k).ToArray()).ToList();
        if (k % 2 == 1) rows.AddRange(rows.Select(r => r.Reverse().ToArray()).ToList());
        return rows.ToArray();
    }

    /// <summary>Writes the design as CSV (the mvc column only when a row has one).</summary>
    public static void Write(string path, IReadOnlyList<DesignRow> rows)
    {
        bool mvc = rows.Any(r => r.Mvc.Length > 0);
        var lines = new List<string> { string.Join(",", mvc ? Columns.Append(MvcColumn) : Columns) };
        foreach (DesignRow r in rows)
        {
            var cells = new[] { r.Subject, r.Session, r.Set, r.Exercise, r.Condition, r.Folder };
            lines.Add(string.Join(",", mvc ? cells.Append(r.Mvc) : cells));
        }

        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    /// <summary>
    /// Reads and validates a design: the required columns, no empty subject/set/exercise/folder, set labels unique
    /// within a subject, one MVC folder per subject, every folder present. Paths become absolute (relative ones are
    /// taken from the CSV's folder).
    /// </summary>
    public static IReadOnlyList<DesignRow> Read(string path)
    {
        string name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new InputException("design not found: " + path);
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToArray();
        if (lines.Length < 2) throw new InputException($"{name}: no rows below the header");
        string[] header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (string c in Columns)
        {
            if (!header.Contains(c))
                throw new InputException($"{name} line 1: missing column '{c}' (expected {string.Join(",", Columns)}[,{MvcColumn}])");
        }

        int Col(string c) => Array.IndexOf(header, c);
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rows = new List<DesignRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            string where = $"{name} line {i + 1}";
            if (cells.Length != header.Length) throw new InputException($"{where}: {cells.Length} cells, header has {header.Length}");
            string Cell(string c) => Col(c) >= 0 ? cells[Col(c)] : "";
            foreach (string c in new[] { "subject", "set", "exercise", "folder" })
            {
                if (Cell(c).Length == 0) throw new InputException($"{where}: empty {c}" + (c == "folder" ? " (record the set, then fill "
                    + "in its folder)" : ""));
            }

            string Resolve(string p) => p.Length == 0 ? "" : Path.GetFullPath(Path.Combine(baseDir, p));
            string folder = Resolve(Cell("folder")), mvc = Resolve(Cell(MvcColumn));
            if (!Directory.Exists(folder)) throw new InputException($"{where}: recording folder not found: {Cell("folder")}");
            if (mvc.Length > 0 && !Directory.Exists(mvc)) throw new InputException($"{where}: mvc folder not found: {Cell(MvcColumn)}");
            rows.Add(
                new DesignRow(Cell("subject"), Cell("session").Length == 0 ? "1" : Cell("session"), Cell("set"), Cell("exercise"),
                    Cell("condition"), folder, mvc));
        }

        foreach (var g in rows.GroupBy(r => r.Subject))
        {
            var dup = g.GroupBy(r => r.Set).FirstOrDefault(s => s.Count() > 1);
            if (dup != null)
            {
                throw new InputException($"{name}: subject {g.Key} has set '{dup.Key}' {dup.Count()} times (set labels are unique within a "
                    + $"subject)");
            }

            string[] mvcs = g.Select(r => r.Mvc).Distinct().ToArray();
            if (mvcs.Length > 1)
            {
                throw new InputException($"{name}: subject {g.Key} has {mvcs.Length} different mvc folders (one subject, "
                    + $"one normalisation reference)");
            }
        }

        return rows;
    }

    private static string[] Clean(IReadOnlyList<string> names, string what)
    {
        string[] clean = names.Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        string? bad = clean.FirstOrDefault(n => n.Contains(',') || n.Contains('\t'));
        if (bad != null) throw new ArgumentException($"{what} '{bad}' may not contain a comma or tab");
        if (clean.Distinct().Count() != clean.Length) throw new ArgumentException($"the {what}s repeat a name");
        return clean;
    }
}
