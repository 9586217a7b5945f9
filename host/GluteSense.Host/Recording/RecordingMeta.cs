using System.Collections.Generic;
using GluteSense.Host.Dsp;

namespace GluteSense.Host.Recording;

/// <summary>An EMG channel: column name, muscle (anatomical name, <see cref="MuscleNames"/> for the montage's) and side.</summary>
public sealed record ChannelMeta(string Name, string Muscle, Side Side)
{
    /// <summary>The montage group of <see cref="Muscle"/>, or null for another muscle (derived: not in meta.json).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MuscleGroup? Group => MuscleNames.GroupOf(Muscle);
}

/// <summary>An IMU: name (file imu_NAME.csv) and site ("lumbar" at L3, "sacrum" at S1, "head").</summary>
public sealed record ImuMeta(string Name, string Site);

/// <summary>Samples that are missing or unusable: one channel (or "all") from StartS to EndS, and why.</summary>
public sealed record GapMeta(string Channel, double StartS, double EndS, string Reason);

/// <summary>Units of every column, stated in the file so no reader has to guess.</summary>
public sealed record UnitsMeta(
    string Time = "s",
    string Emg = "uV",
    string Envelope = "uV (RMS)",
    string Gyro = "rad/s",
    string Accel = "m/s^2",
    string Mag = "uT");

/// <summary>meta.json of a recording folder (format glutesense-recording/1, docs/recording-format.md).</summary>
public sealed record RecordingMeta
{
    /// <summary>The format identifier this version writes and reads.</summary>
    public const string FormatV1 = "glutesense-recording/1";

    /// <summary>Format identifier, <see cref="FormatV1"/>.</summary>
    public string Format { get; init; } = FormatV1;

    /// <summary>Exercise recorded.</summary>
    public Exercise Exercise { get; init; } = Exercise.Rest;

    /// <summary>Pseudonymous subject id (never a name).</summary>
    public string Subject { get; init; } = "anonymous";

    /// <summary>Side exercised, if one-sided.</summary>
    public Side Side { get; init; } = Side.Both;

    /// <summary>Raw EMG sample rate (Hz).</summary>
    public int EmgRateHz { get; init; }

    /// <summary>IMU sample rate (Hz).</summary>
    public int ImuRateHz { get; init; }

    /// <summary>Envelope rate (Hz), 0 when there is no envelope.csv.</summary>
    public int EnvelopeRateHz { get; init; }

    /// <summary>EMG channels in column order.</summary>
    public IReadOnlyList<ChannelMeta> Channels { get; init; } = new List<ChannelMeta>();

    /// <summary>IMUs (sites) in the recording.</summary>
    public IReadOnlyList<ImuMeta> Imus { get; init; } = new List<ImuMeta>();

    /// <summary>Units of the columns.</summary>
    public UnitsMeta Units { get; init; } = new();

    /// <summary>The EMG chain that made envelope.csv (null when absent).</summary>
    public SignalChainDescription? EnvelopeChain { get; init; }

    /// <summary>Missing or unusable data; analysis excludes what overlaps it and says so.</summary>
    public IReadOnlyList<GapMeta> Gaps { get; init; } = new List<GapMeta>();

    /// <summary>Where the data came from ("simulator seed 3", "virtual board GS-VIRTUAL-0001", a board serial).</summary>
    public string Source { get; init; } = "";

    /// <summary>The first moving phase of every repetition when it is not the exercise's usual one: "concentric" for a
    /// dead-start (concentric-first) pull-through, which rests hinged and pulls up first. Absent (null) = the
    /// exercise's usual order (bridge concentric first, pull-through eccentric first).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PhaseKind? FirstPhase { get; init; }

    /// <summary>Free-text notes.</summary>
    public string Notes { get; init; } = "";

    /// <summary>The set's place in a clinic protocol (condition, set, load, cue, ...); absent (and not written) for a
    /// recording made outside one. In meta.json as top-level fields, mapped by <see cref="SetProtocolJson"/> only.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public SetProtocol? Protocol { get; init; }

    /// <summary>Names of <see cref="DefaultChannels"/>, in AFE order.</summary>
    public static string[] DefaultChannelNames => System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(DefaultChannels, c => c.Name));

    /// <summary>The default channel set of the GluteSense board.</summary>
    public static IReadOnlyList<ChannelMeta> DefaultChannels { get; } = new[]
    {
        new ChannelMeta("gmax_l", MuscleNames.GluteusMaximus, Side.Left),
        new ChannelMeta("gmax_r", MuscleNames.GluteusMaximus, Side.Right),
        new ChannelMeta("es_l", MuscleNames.ErectorSpinae, Side.Left),
        new ChannelMeta("es_r", MuscleNames.ErectorSpinae, Side.Right),
    };
}
