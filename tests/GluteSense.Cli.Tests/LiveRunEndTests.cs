using System;
using System.IO;
using System.Linq;
using GluteSense.Host.Recording;

namespace GluteSense.Cli.Tests;

/// <summary>How every live run ends (live, serve): when the board no longer answers stop, the set recording is saved
/// first, from the samples already on this machine, and then the failed stop is reported.</summary>
public sealed class LiveRunEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-live-end-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ABoardThatNoLongerAnswersStop_StillHasItsSetSaved_ThenTheStopFails()
    {
        const string error = "serial (memory): no response within 2000 ms to stop_streaming";
        var board = new ScriptedLiveSource(stop: () => throw new GluteSense.Host.Transport.BoardTimeoutException(error));
        var recorder = new GluteSense.Host.Live.SetRecorder(_dir, "p-001", GluteSense.Host.Exercise.Bridge, RecordingMeta.DefaultChannelNames,
            board.Description, null);
        recorder.Begin(new SetProtocol { Condition = SetCondition.Test, Set = new SetIndex(1, "Test set 1 of 2: bridge") });
        const int rateHz = 100, channels = 4, seconds = 3;
        recorder.Add(Enumerable.Range(0, seconds).Select(s => new GluteSense.Host.Streaming.EnvelopeBlock(
            s * rateHz, rateHz, channels, Enumerable.Repeat(5f, rateHz * channels).ToArray(), s * 1_000_000L)),
            Array.Empty<GluteSense.Host.Streaming.ImuBlock>());
        var stdout = new StringWriter();
        bool summarised = false;

        var e = Assert.Throws<GluteSense.Host.Transport.BoardTimeoutException>(() =>
            GluteSense.Cli.Commands.LiveCommands.StopThenSave(board, recorder, stdout, () => summarised = true, " (note)"));

        Assert.Equal(error, e.Message);
        Assert.True(summarised);
        Assert.StartsWith("Saved ", stdout.ToString());
        Assert.EndsWith(" (note)", stdout.ToString().TrimEnd());
        RecordingData saved = RecordingFolder.Read(Assert.Single(recorder.Sets).Folder);
        Assert.Equal(seconds * rateHz, saved.Envelope!.Count);
        Assert.Equal(SetCondition.Test, saved.Meta.Protocol!.Condition);
    }
}
