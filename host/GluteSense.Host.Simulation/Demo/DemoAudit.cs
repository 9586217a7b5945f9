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
/// writes the Test / Treat / Re-test audit report, exactly as <c>glutesense audit</c> would from those folders.
/// </summary>
public static class DemoAudit
{
    /// <summary>Writes recordings/ and index.html under <paramref name="directory"/>; returns the audit and the report path.</summary>
    public static (AuditResult Audit, string ReportPath) Write(RecordingStore store, long sessionId, string directory, DateTime generatedUtc)
    {
        string recordings = Path.Combine(directory, "recordings");
        if (Directory.Exists(recordings)) Directory.Delete(recordings, recursive: true);
        IReadOnlyList<string> folders = SessionExport.Export(store, sessionId, recordings);
        string Folder(Exercise exercise, int nth) => folders.Where(f => RecordingFolder.Read(f).Meta.Exercise == exercise).ElementAtOrDefault(nth)
            ?? throw new ArgumentException($"session {sessionId} has no {(nth == 1 ? "second " : "")}{exercise.Name()} trial for the audit");
        string mvc = Folder(Exercise.Mvc, 0);
        AnalysisResult test = FolderAnalysis.Analyze(Folder(Exercise.Bridge, 0), mvc);
        string treatFolder = Folder(Exercise.PullThrough, 0);
        AnalysisResult treat = FolderAnalysis.Analyze(treatFolder, mvc);
        AnalysisResult retest = FolderAnalysis.Analyze(Folder(Exercise.Bridge, 1), mvc);
        AuditResult audit = Audit.Run(test, treat, retest, RecordingFolder.Read(treatFolder));
        return (audit, ClinicReports.Audit(audit, test, treat, retest).Write(directory, generatedUtc));
    }
}
