using System.Diagnostics;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Statistics;

/// <summary>
/// The independent references (scipy, statsmodels, MNE; R lme4, lmerTest, psych) must be rerun by their own tools in CI,
/// not left out: under CI=true (.ci/run, after scripts/setup.sh) every interpreter and package that tests/fixtures/scripts
/// load is there, or this test fails. Elsewhere a missing package only leaves the reruns to the committed fixtures.
/// </summary>
public class FixtureScriptToolsTests
{
    [Theory]
    [InlineData("any.py", "-c", "import scipy, statsmodels, mne, numpy")]
    [InlineData("any.R", "-e", "suppressPackageStartupMessages({library(lme4); library(lmerTest); library(psych); library(jsonlite)})")]
    public void EveryReferencePackageLoadsUnderCi(string script, string flag, string code)
    {
        if (!FixtureScripts.Available(script)) return;   // fails instead under CI=true
        var start = new ProcessStartInfo(FixtureScripts.Interpreter(script)) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(flag);
        start.ArgumentList.Add(code);
        using Process p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 && !FixtureScripts.InCi) return;   // a bare dev machine: the committed fixtures stand
        Assert.True(p.ExitCode == 0, $"{start.FileName} cannot load a reference package (scripts/setup.sh installs them): {error}");
    }
}
