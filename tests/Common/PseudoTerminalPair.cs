using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace GluteSense.Tests.Common;

/// <summary>
/// Two connected pseudo-terminals made by socat (installed by scripts/setup.sh): what is written to one is read from
/// the other, as over a USB serial line. <see cref="BoardPath"/> is for the board's side, <see cref="HostPath"/> for
/// the host's; both live in a temporary folder that goes with the pair.
/// </summary>
internal sealed class PseudoTerminalPair : IDisposable
{
    private readonly Process _socat;

    public PseudoTerminalPair()
    {
        Assert.True(File.Exists("/usr/bin/socat"), "socat is missing: run scripts/setup.sh");
        Folder = Directory.CreateTempSubdirectory("glutesense-pty-").FullName;
        BoardPath = Path.Combine(Folder, "board");
        HostPath = Path.Combine(Folder, "host");
        _socat = Process.Start(new ProcessStartInfo("/usr/bin/socat", $"pty,raw,echo=0,link={BoardPath} pty,raw,echo=0,link={HostPath}")
        {
            UseShellExecute = false, RedirectStandardError = true,
        })!;
        var wait = Stopwatch.StartNew();
        while (!(File.Exists(BoardPath) && File.Exists(HostPath)) && wait.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(20);
        Assert.True(File.Exists(HostPath), "socat did not make the pseudo-terminal pair");
    }

    /// <summary>The temporary folder holding the two links.</summary>
    public string Folder { get; }

    /// <summary>The board's end.</summary>
    public string BoardPath { get; }

    /// <summary>The host's end.</summary>
    public string HostPath { get; }

    public void Dispose()
    {
        _socat.Kill();
        _socat.WaitForExit();
        _socat.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
