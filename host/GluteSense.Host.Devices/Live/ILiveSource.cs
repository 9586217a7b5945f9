namespace GluteSense.Host.Live;

/// <summary>What the live views drive: the virtual board, a replayed recording, or a real board over a transport.</summary>
public interface ILiveSource
{
    /// <summary>Where the data comes from, for the views ("virtual board", "serial /dev/ttyACM0", "replay DIR").</summary>
    string Description { get; }

    /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    bool Streaming { get; }

    /// <summary>Starts streaming (start_streaming on a board).</summary>
    void Start();

    /// <summary>Stops streaming (stop_streaming on a board).</summary>
    void Stop();

    /// <summary>Asks the board for a marker; returns its id (it comes back as a board event).</summary>
    int Marker();

    /// <summary>The envelope chain the board runs (meta.json <c>envelopeChain</c> of recorded sets); null when unknown.</summary>
    GluteSense.Host.Dsp.SignalChainDescription? EnvelopeChain { get; }

    /// <summary>The live view state (signal check, set recorder) this source feeds.</summary>
    LiveMonitor Monitor { get; }

    /// <summary>Moves new data into the view and returns it.</summary>
    LiveSnapshot Tick();
}
