using System;
using System.IO;
using GluteSense.Host.Recording;

namespace GluteSense.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-simulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("bridge", "lumbar-dominant", "both")]
    [InlineData("pull-through", "neck-hyperextension", "envelope")]
    [InlineData("mvc", "good", "raw")]
    public void WritesAFolderTheReaderAccepts(string exercise, string pattern, string mode)
    {
        string output = Path.Combine(_dir, exercise);
        (int code, string stdout, string error) = CliTests.Run("simulate", "--exercise", exercise, "--pattern", pattern, "--reps", "2",
            "--seed", "4", "--mode", mode, "--out", output);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains(output, stdout);
        RecordingData data = RecordingFolder.Read(output);
        Assert.Equal(exercise, GluteSense.Host.Vocabulary.Name(data.Meta.Exercise));
        Assert.Equal(mode != "envelope", data.Emg != null);
        Assert.Equal(mode != "raw", data.Envelope != null);
        Assert.NotNull(data.TruthJson);
    }

    [Theory]
    [InlineData("--exercise", "squat", "--exercise 'squat' must be")]
    [InlineData("--pattern", "sloppy", "--pattern 'sloppy' must be")]
    [InlineData("--mode", "video", "--mode 'video' must be")]
    [InlineData("--reps", "0", "--reps 0 is out of range")]
    [InlineData("--rate", "1500", "EMG rate must be 1000 or 2000 Hz")]
    public void BadArgumentsExitOneWithOneLine(string option, string value, string expected)
    {
        string[] args = { "simulate", "--exercise", "bridge", "--reps", "2", "--out", Path.Combine(_dir, "x"), option, value };
        int at = Array.IndexOf(args, option);
        if (at < args.Length - 2)
        {
            args[at + 1] = value;
            Array.Resize(ref args, args.Length - 2);
        }

        (int code, _, string error) = CliTests.Run(args);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
