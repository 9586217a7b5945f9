using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;
using GluteSense.Host.Store;
using GluteSense.Host.Transport;

namespace GluteSense.Host.Demo;

/// <summary>
/// Records what a <see cref="BoardSession"/> streams into one trial of the store, whichever board it is: the envelope
/// stream (the four default muscles), the lumbar IMU stream, and at the end the link's gaps at their exact samples.
/// </summary>
internal sealed class TrialRecorder
{
    private static readonly string[] ImuChannels = { "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z" };

    private readonly RecordingStore _store;
    private readonly BoardSession _session;
    private readonly StreamAppender _envelope, _imu;
    private readonly long _envelopeStream, _imuStream;

    /// <summary>Adds the two streams to <paramref name="trialId"/>, the envelope's with the EMG chain the board runs
    /// (from its configuration as the session read it).</summary>
    public TrialRecorder(RecordingStore store, long trialId, BoardSession session)
    {
        var chain = Dsp.SignalChainDescription.OfBoard(session.Configuration);
        int envelopeRateHz = chain.EnvelopeRateHz;
        string chainJson = System.Text.Json.JsonSerializer.Serialize(chain, Recording.RecordingFolder.Json);
        string[] muscles = Recording.RecordingMeta.DefaultChannelNames;
        if (session.Configuration.ChannelCount != muscles.Length)
        {
            throw new BoardException($"{session.Description}: the board has {session.Configuration.ChannelCount} EMG channels, "
                + $"expected {muscles.Length} ({string.Join(", ", muscles)})");
        }

        _store = store;
        _session = session;
        _envelopeStream = store.AddStream(trialId, "envelope", envelopeRateHz, muscles, "uV", chainJson);
        _imuStream = store.AddStream(trialId, "imu:lumbar", session.Configuration.ImuRateHz, ImuChannels, "rad/s,m/s^2");
        _envelope = store.Append(_envelopeStream, muscles.Length, envelopeRateHz);
        _imu = store.Append(_imuStream, ImuChannels.Length, session.Configuration.ImuRateHz);
    }

    /// <summary>Every envelope value recorded so far, interleaved by channel.</summary>
    public List<float> Envelope { get; } = new();

    /// <summary>Appends what the session received since the last call.</summary>
    public void Drain()
    {
        foreach (EnvelopeBlock block in _session.TakeEnvelope())
        {
            _envelope.Append(block.Microvolts, 0, block.SampleCount);
            Envelope.AddRange(block.Microvolts);
        }

        foreach (ImuBlock block in _session.TakeImu())
        {
            _imu.Append(block.Values, 0, block.Values.Length / ImuChannels.Length);
        }
    }

    /// <summary>After the session stopped: appends the rest, closes the streams and records the gaps; returns the
    /// samples missing.</summary>
    public long Finish()
    {
        Drain();
        _envelope.Dispose();
        _imu.Dispose();
        foreach (SampleGap gap in _session.Gaps)
        {
            _store.AddGap(gap.FrameType == ProtocolSpec.FrameTypeImu ? _imuStream : _envelopeStream, gap.FirstSampleIndex, gap.SampleCount,
                null, "link");
        }

        return _session.Gaps.Sum(g => g.SampleCount);
    }
}
