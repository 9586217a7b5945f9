using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;

namespace GluteSense.Host.Comparison;

/// <summary>
/// A CSV of recording folders (cohort and reliability tables): a header naming the columns, one row per subject,
/// '#' comments and blank lines skipped, folder paths absolute or relative to the table. One-line errors.
/// </summary>
public static class FolderTable
{
    /// <summary>Rows as column -> cell; folder columns resolved to full paths, an empty optional cell stays "".</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path, string what, string[] required, string[] optional,
        string idColumn)
    {
        if (!File.Exists(path)) throw new InputException($"{what} table not found: " + path);
        string file = Path.GetFileName(path);
        string expected = string.Join(",", required) + string.Concat(optional.Select(o => $"[,{o}]"));
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')).ToArray();
        if (lines.Length == 0) throw new InputException($"{file}: empty (expected the header {expected})");
        string[] header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        string? missing = required.FirstOrDefault(r => !header.Contains(r));
        if (missing != null) throw new InputException($"{file} line 1: missing column '{missing}' (expected {expected})");
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length)
                throw new InputException($"{file} line {i + 1}: {cells.Length} cells, header has {header.Length}");
            var row = new Dictionary<string, string>();
            foreach (string column in required.Concat(optional))
            {
                int c = Array.IndexOf(header, column);
                string cell = c >= 0 ? cells[c] : "";
                row[column] = column == idColumn || cell.Length == 0 ? cell : Path.GetFullPath(Path.Combine(baseDir, cell));
            }

            rows.Add(row);
        }

        return rows;
    }
}
