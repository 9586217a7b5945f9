using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Comparison;
using GluteSense.Host.Recording;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Live;

/// <summary>A set the live views wrote: its folder and the protocol facts in its meta.json.</summary>
public sealed record RecordedSet(string Folder, SetProtocol Protocol, int EnvelopeSamples);

/// <summary>
/// Records the sets of a live session (dashboard or console) as recording folders, one per set, named
/// <c>NN-condition-index</c> under one directory. Each meta.json carries the set's protocol fields (condition, set
/// index and label, started_at, the signal check run before it, and the measured tempo: mean phase durations of the
/// set's repetitions from the same analysis the audit runs). Envelope and lumbar IMU as the board streamed them; samples
/// the link lost are listed as gaps, nothing is interpolated.
/// </summary>
public sealed class SetRecorder
{
    private readonly object _gate = new();
    private readonly string _directory;
    private readonly string[] _channels;
    private readonly List<(double TimeS, float[] Values)> _envelope = new();
    private readonly List<(double TimeS, float[] Values)> _imu = new();
    private readonly List<GapMeta> _gaps = new();
    private SetProtocol? _protocol;
    private long _nextEnvelopeIndex = -1, _nextImuIndex = -1;
    private int _envelopeRateHz, _imuRateHz;
    private double? _originS;
    private readonly Dsp.SignalChainDescription? _chain;

    /// <summary>Sets go into <paramref name="directory"/> (created); <paramref name="subject"/> is pseudonymous;
    /// <paramref name="envelopeChain"/> is the board's chain (the analysis of the set needs its window);
    /// <paramref name="firstPhase"/> is written as meta.json's firstPhase when the sets do not start with the exercise's
    /// usual phase (a dead-start pull-through: concentric).</summary>
    /// <exception cref="ArgumentException">A first phase the exercise cannot start with.</exception>
    public SetRecorder(string directory, string subject, Exercise exercise, IReadOnlyList<string> channels, string source,
        Dsp.SignalChainDescription? envelopeChain, PhaseKind? firstPhase = null)
    {
        Analysis.Motion.MovementModel.For(new RecordingMeta { Exercise = exercise, FirstPhase = firstPhase });
        FirstPhase = firstPhase;
        _chain = envelopeChain;
        _directory = directory;
        Subject = subject;
        Exercise = exercise;
        Source = source;
        _channels = channels.ToArray();
    }

    /// <summary>Pseudonymous subject id written into every set.</summary>
    public string Subject { get; }

    /// <summary>Exercise of the recorded sets.</summary>
    public Exercise Exercise { get; }

    /// <summary>The sets' first moving phase when it is not the exercise's usual one (null: the usual order).</summary>
    public PhaseKind? FirstPhase { get; }

    /// <summary>Where the data comes from (the live source's description).</summary>
    public string Source { get; }

    /// <summary>True between <see cref="Begin"/> and <see cref="End"/>.</summary>
    public bool Recording { get { lock (_gate) return _protocol != null; } }

    /// <summary>Sets written so far, oldest first.</summary>
    public List<RecordedSet> Sets { get; } = new();

    /// <summary>Starts a set with these protocol facts (validated first; started_at is stamped now).</summary>
    public void Begin(SetProtocol protocol)
    {
        protocol.Validate();
        lock (_gate)
        {
            if (_protocol != null)
                throw new InvalidOperationException($"a set is already being recorded ({_protocol.Set?.Label}); end it first");
            _protocol = protocol with { StartedAt = protocol.StartedAt ?? DateTimeOffset.UtcNow };
            _envelope.Clear();
            _imu.Clear();
            _gaps.Clear();
            _nextEnvelopeIndex = _nextImuIndex = -1;
            _originS = null;
        }
    }

    /// <summary>Blocks the session delivered (called by <see cref="LiveMonitor"/>); ignored between sets.</summary>
    public void Add(IEnumerable<EnvelopeBlock> envelope, IEnumerable<ImuBlock> imu)
    {
        lock (_gate)
        {
            if (_protocol == null) return;
            foreach (EnvelopeBlock b in envelope)
            {
                _envelopeRateHz = b.SampleRateHz;
                double t0 = Relative(b.FirstTimeUs);
                Gap(ref _nextEnvelopeIndex, b.FirstSampleIndex, b.SampleCount, b.SampleRateHz, t0);
                for (int i = 0; i < b.SampleCount; i++)
                    _envelope.Add((t0 + i / (double)b.SampleRateHz, b.Microvolts.AsSpan(i * b.Channels, _channels.Length).ToArray()));
            }

            foreach (ImuBlock b in imu)
            {
                _imuRateHz = b.SampleRateHz;
                double t0 = Relative(b.FirstTimeUs);
                int count = b.Values.Length / RecordingFolder.ImuColumns.Length;
                Gap(ref _nextImuIndex, b.FirstSampleIndex, count, b.SampleRateHz, t0);
                for (int i = 0; i < count; i++)
                {
                    _imu.Add(
                        (t0 + i / (double)b.SampleRateHz,
                            b.Values.AsSpan(i * RecordingFolder.ImuColumns.Length, RecordingFolder.ImuColumns.Length).ToArray()));
                }
            }
        }
    }

    // Times from the set's first block; a jump in a stream's sample index is samples the link lost.
    private double Relative(long timeUs) => (timeUs / 1e6) - (_originS ??= timeUs / 1e6);

    private void Gap(ref long next, long first, int count, int rateHz, double t0)
    {
        if (next >= 0 && first > next) _gaps.Add(new GapMeta("all", t0 - (first - next) / (double)rateHz, t0, "link"));
        next = first + count;
    }

    /// <summary>Ends the set, measures its tempo, writes its folder and returns it. <paramref name="painNrs"/>: the pain
    /// rating asked right after the set (0-10), replacing one given at the start; out of range throws before anything ends.</summary>
    public RecordedSet End(int? painNrs = null)
    {
        RecordingData data;
        lock (_gate)
        {
            SetProtocol protocol = _protocol ?? throw new InvalidOperationException("no set is being recorded");
            if (painNrs != null)
            {
                protocol = protocol with { PainNrs = painNrs };
                protocol.Validate();
            }

            _protocol = null;
            if (_envelope.Count == 0) throw new InvalidOperationException("the set has no envelope samples: was the board streaming?");
            var meta = new RecordingMeta
            {
                Exercise = Exercise, FirstPhase = FirstPhase, Subject = Subject, EnvelopeRateHz = _envelopeRateHz, ImuRateHz = _imuRateHz,
                Channels = RecordingMeta.DefaultChannels.Where(c => _channels.Contains(c.Name)).ToList(),
                Imus = _imu.Count > 0 ? new[] { new ImuMeta("lumbar", "lumbar") } : Array.Empty<ImuMeta>(),
                Gaps = _gaps.ToList(), Source = Source, Protocol = protocol, EnvelopeChain = _chain,
            };
            var imus = new Dictionary<string, SampleTable>();
            if (_imu.Count > 0) imus["lumbar"] = Table(_imu, RecordingFolder.ImuColumns);
            data = new RecordingData(meta, null, Table(_envelope, _channels), imus, null);
        }

        PhaseDurations? tempo = null;
        try
        {
            tempo = Audit.MeasuredTempo(FolderAnalysis.Analyze(data));
        }
        catch (ArgumentException)
        {
            // Too short or without movement to segment: the set is written without a measured tempo.
        }

        data = data with { Meta = data.Meta with { Protocol = data.Meta.Protocol! with { MeasuredTempo = tempo } } };
        SetProtocol written = data.Meta.Protocol!;
        string name = string.Create(CultureInfo.InvariantCulture,
            $"{Sets.Count + 1:00}-{written.Condition?.Name() ?? "set"}-{written.Set?.Index ?? Sets.Count + 1}");
        string folder = Path.Combine(_directory, name);
        RecordingFolder.Write(folder, data);
        var set = new RecordedSet(folder, written, data.Envelope!.Count);
        Sets.Add(set);
        return set;
    }

    private static SampleTable Table(List<(double TimeS, float[] Values)> rows, string[] columns) => new(
        rows.Select(r => r.TimeS).ToArray(), columns, columns.Select((_, c) => rows.Select(r => (double)r.Values[c]).ToArray()).ToArray());
}
