using System;
using System.Threading;
using GluteSense.Host.Live;
using GluteSense.Host.Recording;

namespace GluteSense.Cli.Tests;

/// <summary>A live source for tests of what the CLI does around a board (its pump, how a run ends): a board on
/// "serial (memory)" whose <see cref="Stop"/> and <see cref="Tick"/> do what the test says. <paramref name="tick"/> gets
/// the tick's number (1, 2, ...) and the monitor; by default each tick is the monitor's snapshot.</summary>
internal sealed class ScriptedLiveSource(Action? stop = null, Func<int, LiveMonitor, LiveSnapshot>? tick = null) : ILiveSource
{
    private int _ticks;

    public string Description => "serial (memory)";

    public bool Streaming => true;

    public LiveMonitor Monitor { get; } = new(RecordingMeta.DefaultChannelNames);

    public GluteSense.Host.Dsp.SignalChainDescription? EnvelopeChain => null;

    public void Start()
    {
    }

    public void Stop() => stop?.Invoke();

    public int Marker() => 0;

    public LiveSnapshot Tick()
    {
        int n = Interlocked.Increment(ref _ticks);
        return tick == null ? Monitor.Snapshot(0, 0, Array.Empty<string>()) : tick(n, Monitor);
    }
}
