using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace GluteSense.Tests.Common;

/// <summary>Runs an independent-reference script of tests/fixtures/scripts with Debian's /usr/bin/python3 (which has
/// scipy, statsmodels and MNE; scripts/setup.sh installs them) and parses the JSON it prints.</summary>
internal static class FixtureScripts
{
    public const string Python = "/usr/bin/python3";

    public static JsonElement RunJson(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "fixtures", "scripts", script));
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{script} failed (are python3-scipy, python3-statsmodels and python3-mne installed? scripts/setup.sh): {stderr.Result}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
