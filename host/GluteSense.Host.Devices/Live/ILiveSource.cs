namespace GluteSense.Host.Live;

/// <summary>What the live views drive: the virtual board, a replayed recording, or a real board over a transport.</summary>
public interface ILiveSource
{
    /// <summary>Where the data comes from, for the views ("virtual board", "serial /dev/ttyACM0", "replay DIR").</summary>
    string Description { get; }

    bool Streaming { get; }

    void Start();

    void Stop();

    /// <summary>Asks the board for a marker; returns its id (it comes back as a board event).</summary>
    int Marker();

    /// <summary>Moves new data into the view and returns it.</summary>
    LiveSnapshot Tick();
}
