using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using GluteSense.Host.Analysis;

namespace GluteSense.Host.Reports;

/// <summary>
/// A self-contained HTML page (figures embedded as PNG data URIs, no scripts, no external files) built section by
/// section. Every figure is an &lt;img data-figure="ID"&gt; so tests can check they all render.
/// </summary>
public sealed class HtmlReport
{
    private readonly StringBuilder _body = new();
    private readonly List<string> _figureIds = new();
    private readonly string _title;

    /// <summary>Starts a report titled <paramref name="title"/>.</summary>
    public HtmlReport(string title) => _title = title;

    /// <summary>Ids of the figures added so far.</summary>
    public IReadOnlyList<string> FigureIds => _figureIds;

    /// <summary>Adds a section heading.</summary>
    public HtmlReport Heading(string text)
    {
        _body.Append("<h2>").Append(Enc(text)).AppendLine("</h2>");
        return this;
    }

    /// <summary>Adds a paragraph (HTML-encoded), optionally with a CSS class.</summary>
    public HtmlReport Paragraph(string text, string cssClass = "")
    {
        _body.Append(cssClass.Length > 0 ? $"<p class=\"{cssClass}\">" : "<p>").Append(Enc(text)).AppendLine("</p>");
        return this;
    }

    /// <summary>Adds a bulleted list.</summary>
    public HtmlReport List(IEnumerable<string> items)
    {
        _body.AppendLine("<ul>");
        foreach (string item in items) _body.Append("<li>").Append(Enc(item)).AppendLine("</li>");
        _body.AppendLine("</ul>");
        return this;
    }

    /// <summary>Adds a table with a header row.</summary>
    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.AppendLine("<table><thead><tr>" + string.Concat(header.Select(h => "<th>" + Enc(h) + "</th>")) + "</tr></thead><tbody>");
        foreach (IReadOnlyList<string> row in rows)
            _body.AppendLine("<tr>" + string.Concat(row.Select(c => "<td>" + Enc(c) + "</td>")) + "</tr>");
        _body.AppendLine("</tbody></table>");
        return this;
    }

    /// <summary>Adds a figure (embedded as SVG).</summary>
    public HtmlReport Add(Figure figure)
    {
        _figureIds.Add(figure.Id);
        _body.Append("<figure><img data-figure=\"").Append(figure.Id).Append("\" alt=\"").Append(Enc(figure.Caption))
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(figure.Png)).Append("\"><figcaption>")
            .Append(Enc(figure.Caption)).AppendLine("</figcaption></figure>");
        return this;
    }

    /// <summary>The recording metadata ISEK asks studies to report (Merletti and Di Torino 1999; Besomi et al. 2020).</summary>
    public HtmlReport Metadata(IEnumerable<(string Label, AnalysisResult Result)> trials)
    {
        Heading("Recording details (ISEK reporting standards)");
        foreach ((string label, AnalysisResult r) in trials)
        {
            _body.Append("<h3>").Append(Enc(label)).AppendLine("</h3>");
            Table(new[] { "item", "value" }, IsekMetadata.Rows(r).Select(x => (IReadOnlyList<string>)new[] { x.Item, x.Value }));
        }

        return this;
    }

    /// <summary>The page. <paramref name="generatedUtc"/> is shown in the footer.</summary>
    public string Render(DateTime generatedUtc) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Enc(_title) + "</title><style>" + Style
            + "</style></head><body>\n<h1>"
        + Enc(_title) + "</h1>\n" + _body + "<footer>GluteSense " + Enc(ProductInfo.Version) + ", generated "
        + generatedUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + "</footer>\n</body></html>\n";

    /// <summary>Writes index.html into <paramref name="directory"/> (created) and returns its path.</summary>
    public string Write(string directory, DateTime generatedUtc)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "index.html");
        File.WriteAllText(path, Render(generatedUtc));
        return path;
    }

    /// <summary>A number for tables: invariant culture, "-" when missing.</summary>
    public static string N(double? value, string format = "0.0") =>
        value is double v && double.IsFinite(v) ? Statistics.NumberText.Format(v, format) : "-";

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;color:#222;line-height:1.45}" +
        "h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:1em 0;font-size:.92em}" +
        "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}figure{margin:1.2em 0}" +
        "img{max-width:100%}figcaption{font-size:.9em;color:#555}.verdict{font-size:1.15em;background:#eef7f3;padding:.8em;border-left:4px "
            + "solid #1b9e77}" +
        "footer{margin-top:3em;font-size:.8em;color:#777}";
}
