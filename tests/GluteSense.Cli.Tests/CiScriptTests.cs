using System;
using System.Diagnostics;
using System.IO;
using GluteSense.Tests.Common;

namespace GluteSense.Cli.Tests;

/// <summary>
/// The CI verdict itself (scripts/trx_summary.sh, called by scripts/test.sh and so by .ci/run) on crafted TRX files:
/// a skipped test fails a CI=true run, a project that finds no tests (or fewer than its committed minimum) fails,
/// and the summary line counts skipped tests. The counters mirror what xunit's TRX logger writes (a skipped test is
/// in total but not in executed).
/// </summary>
public sealed class CiScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-ci-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Results => Path.Combine(_dir, "results");

    private string _lastOutput = "";

    private void Trx(string project, int total, int executed, int passed, int failed, string results = "")
    {
        Directory.CreateDirectory(Results);
        File.WriteAllText(Path.Combine(Results, project + ".trx"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n" +
            "  <ResultSummary outcome=\"Completed\">\n" +
            $"    <Counters total=\"{total}\" executed=\"{executed}\" passed=\"{passed}\" failed=\"{failed}\" error=\"0\" timeout=\"0\" " +
            "aborted=\"0\" inconclusive=\"0\" passedButRunAborted=\"0\" notRunnable=\"0\" notExecuted=\"0\" disconnected=\"0\" "
                + "warning=\"0\" " +
            "completed=\"0\" inProgress=\"0\" pending=\"0\" />\n  </ResultSummary>\n" + results + "</TestRun>\n");
    }

    private string MinCounts(string text)
    {
        string path = Path.Combine(_dir, "min-test-counts.txt");
        File.WriteAllText(path, text);
        return path;
    }

    private (int Code, string Summary, string Errors) Summarise(string minCounts, bool ci)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "trx_summary.sh"));
        info.ArgumentList.Add(Results);
        info.ArgumentList.Add(minCounts);
        info.Environment["CI"] = ci ? "true" : "";
        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _lastOutput = output;
        string[] lines = output.TrimEnd().Split('\n');
        return (process.ExitCode, lines[^1], errors);
    }

    [Fact]
    public void AllPassingProjectsAboveTheirMinimumPass()
    {
        Trx("A.Tests", total: 12, executed: 12, passed: 12, failed: 0);
        Trx("B.Tests", total: 3, executed: 3, passed: 3, failed: 0);
        (int code, string summary, string errors) = Summarise(MinCounts("# project minimum\nA.Tests 10\nB.Tests 3\n"), ci: true);
        Assert.Equal("15 passed, 0 failed, 0 skipped", summary);
        Assert.True(code == 0, errors);
    }

    [Fact]
    public void SkippedTestFailsUnderCiAndIsCountedLocally()
    {
        Trx("A.Tests", total: 12, executed: 11, passed: 11, failed: 0);
        string min = MinCounts("A.Tests 10\n");
        (int ciCode, string ciSummary, string ciErrors) = Summarise(min, ci: true);
        Assert.Equal("11 passed, 0 failed, 1 skipped", ciSummary);
        Assert.Equal(1, ciCode);
        Assert.Contains("skipped", ciErrors);
        (int localCode, string localSummary, _) = Summarise(min, ci: false);
        Assert.Equal("11 passed, 0 failed, 1 skipped", localSummary);
        Assert.Equal(0, localCode);
    }

    [Fact]
    public void ProjectThatFindsNoTestsFails()
    {
        Trx("A.Tests", total: 12, executed: 12, passed: 12, failed: 0);
        Trx("Empty.Tests", total: 0, executed: 0, passed: 0, failed: 0);
        (int code, string summary, string errors) = Summarise(MinCounts("A.Tests 12\nEmpty.Tests 5\n"), ci: false);
        Assert.Equal("12 passed, 0 failed, 0 skipped", summary);
        Assert.Equal(1, code);
        Assert.Contains("Empty.Tests: found 0 tests, fewer than its minimum 5", errors);
    }

    [Fact]
    public void ProjectBelowItsMinimumOrWithoutResultsOrWithoutMinimumFails()
    {
        Trx("A.Tests", total: 9, executed: 9, passed: 9, failed: 0);
        (int below, _, string belowErrors) = Summarise(MinCounts("A.Tests 10\n"), ci: false);
        Assert.Equal(1, below);
        Assert.Contains("A.Tests: found 9 tests, fewer than its minimum 10", belowErrors);

        (int missing, _, string missingErrors) = Summarise(MinCounts("A.Tests 9\nGone.Tests 4\n"), ci: false);
        Assert.Equal(1, missing);
        Assert.Contains("Gone.Tests: no test results", missingErrors);

        (int unlisted, _, string unlistedErrors) = Summarise(MinCounts("# none\n"), ci: false);
        Assert.Equal(1, unlisted);
        Assert.Contains("A.Tests: no minimum test count", unlistedErrors);

        (int zero, _, string zeroErrors) = Summarise(MinCounts("A.Tests 0\n"), ci: false);
        Assert.Equal(1, zero);
        Assert.Contains("must be a positive integer", zeroErrors);
    }

    [Fact]
    public void FailedTestOrNoPassingTestFails()
    {
        Trx("A.Tests", total: 5, executed: 5, passed: 4, failed: 1);
        (int code, string summary, _) = Summarise(MinCounts("A.Tests 5\n"), ci: false);
        Assert.Equal("4 passed, 1 failed, 0 skipped", summary);
        Assert.Equal(1, code);

        Directory.Delete(Results, recursive: true);
        Directory.CreateDirectory(Results);
        (int none, string noneSummary, _) = Summarise(MinCounts("# none\n"), ci: false);
        Assert.Equal("0 passed, 0 failed, 0 skipped", noneSummary);
        Assert.Equal(1, none);
    }

    [Fact]
    public void AFailedTestsMessageIsPrintedBeforeTheSummary()
    {
        // The shape of a real xunit TRX result (trimmed): the CI log keeps only the end of the output, so the reason
        // must be there, not only the test's name.
        const string failedResult = "  <Results>\n    <UnitTestResult testName=\"A.Tests.ReportTest\" outcome=\"Failed\" "
            + "duration=\"00:00:01.5\">\n" +
            "      <Output><ErrorInfo><Message>disconnected: not connected to DevTools</Message>" +
            "<StackTrace>   at A.Tests.ReportTest() in ReportTest.cs:line 12</StackTrace></ErrorInfo></Output>\n" +
            "    </UnitTestResult>\n    <UnitTestResult testName=\"A.Tests.Fine\" outcome=\"Passed\" />\n  </Results>\n";
        Trx("A.Tests", total: 2, executed: 2, passed: 1, failed: 1, failedResult);
        (int code, string summary, _) = Summarise(MinCounts("A.Tests 2\n"), ci: true);
        Assert.Equal(1, code);
        Assert.Equal("1 passed, 1 failed, 0 skipped", summary);
        string[] lines = _lastOutput.TrimEnd().Split('\n');
        Assert.Equal(new[]
        {
            "FAILED A.Tests.ReportTest (00:00:01.5)", "    disconnected: not connected to DevTools",
            "    at A.Tests.ReportTest() in ReportTest.cs:line 12", "1 passed, 1 failed, 0 skipped",
        }, lines);
    }

    [Fact]
    public void EveryTestProjectHasACommittedMinimum()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "min-test-counts.txt"));
        foreach (string project in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests"), "*.Tests.csproj", SearchOption.AllDirectories))
        {
            string name = Path.GetFileNameWithoutExtension(project);
            Assert.Contains(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        }
    }
}
