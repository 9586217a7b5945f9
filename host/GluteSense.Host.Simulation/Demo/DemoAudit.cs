using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using GluteSense.Host.Reports;
using GluteSense.Host.Store;

namespace GluteSense.Host.Demo;

/// <summary>
/// The end of the demo: exports the recorded session as recording folders, analyses them against its MVC trial and
/// writes the Test / Treat / Re-test audit report, exactly as <c>glutesense audit</c> would from those folders (the
/// sets are found by the condition in their meta.json), headed by the SIMULATED DATA banner and the scripted truth.
/// </summary>
public static class DemoAudit
{
    /// <summary>Writes recordings/ and index.html under <paramref name="directory"/>; returns the audit and the report path.</summary>
    public static (AuditResult Audit, string ReportPath) Write(RecordingStore store, long sessionId, string directory,
        DateTime generatedUtc, string banner)
    {
        string recordings = Path.Combine(directory, "recordings");
        if (Directory.Exists(recordings)) Directory.Delete(recordings, recursive: true);
        var folders = SessionExport.Export(store, sessionId, recordings).Select(f => (Folder: f, Meta: RecordingFolder.Read(f).Meta)).ToList();
        string mvc = folders.FirstOrDefault(f => f.Meta.Exercise == Exercise.Mvc).Folder
            ?? throw new ArgumentException($"session {sessionId} has no MVC trial for the audit");
        List<string> Sets(SetCondition c) =>
            folders.Where(f => f.Meta.Protocol?.Condition == c).OrderBy(f => f.Meta.Protocol!.Set?.Index ?? 0).Select(f => f.Folder)
            .ToList();
        List<string> test = Sets(SetCondition.Test), treat = Sets(SetCondition.Treat), retest = Sets(SetCondition.Retest);
        if (test.Count == 0 || retest.Count == 0 || treat.Count == 0)
            throw new ArgumentException($"session {sessionId} lacks test, treat or re-test sets (meta.json condition)");
        var input = new AuditInput(test.Select(f => FolderAnalysis.Analyze(f, mvc)).ToList(),
            retest.Select(f => FolderAnalysis.Analyze(f, mvc)).ToList())
        {
            Treat = treat.Select(f => (FolderAnalysis.Analyze(f, mvc), (RecordingData?)RecordingFolder.Read(f))).ToList(),
        };
        AuditResult audit = Audit.Run(input);
        audit = audit with { Caveats = new[] { banner }.Concat(audit.Caveats).ToList() };
        return (audit,
            ClinicReports.Audit(audit, input.Test, input.Treat.Select(t => t.Result).ToList(), input.Retest, banner)
            .Write(directory, generatedUtc));
    }
}
