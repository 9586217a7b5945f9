using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Streaming;

namespace GluteSense.Host.Live;

/// <summary>What the clinician sees at one instant (the dashboard's event and the console view).</summary>
/// <param name="Envelope">Latest envelope per channel, in <paramref name="Units"/>.</param>
/// <param name="Trace">Envelope values since the previous snapshot: per channel, oldest first (for the traces).</param>
/// <param name="Phase">"still", "outward", "return" (or the exercise's phase names when known).</param>
public sealed record LiveSnapshot(double TimeS, string Units, IReadOnlyDictionary<string, double> Envelope, IReadOnlyDictionary<string, double[]> Trace,
    double? GmaxEsRatio, string Phase, int Reps, int FramesDelivered, long SamplesMissing, IReadOnlyList<string> Warnings, int Markers);

/// <summary>
/// Live view state from the streamed blocks: latest envelope per muscle (%MVC when MVC references are given), the
/// GMax:ES ratio, an online movement phase from the lumbar gyro (the rate about the dominant rotation axis learnt as the
/// trial goes; moving above 30 % of the recent peak rate, one way "outward", the other "return", else "still"; a return
/// of at least 0.3 s that ends counts a repetition), link quality, electrode warnings, and markers confirmed by the board.
/// </summary>
public sealed class LiveMonitor
{
    /// <summary>Moving when the rate about the movement axis exceeds this fraction of the recent peak rate (and
    /// <see cref="MinMovingRadPerS"/>); still again below half of it (hysteresis).</summary>
    public const double EnterFraction = 0.3, MinMovingRadPerS = 0.1;

    /// <summary>A return movement must last this long (s) to complete a repetition (rejects wobbles).</summary>
    public const double MinReturnS = 0.3;

    /// <summary>Forgetting factor of the peak rate per IMU sample (about 20 s at 100 Hz).</summary>
    private const double PeakDecay = 0.9995;

    private readonly string[] _channels;
    private readonly IReadOnlyDictionary<string, double>? _mvcUv;
    private readonly Dictionary<string, double> _latest = new();
    private readonly Dictionary<string, List<double>> _trace = new();
    private readonly double[] _cov = new double[6];
    private double[] _axis = { 1, 0, 0 };
    private int _sign;
    private string _phase = "still";
    private double _peak;
    private int _returnSamples;
    private double _imuRateHz = 100;

    /// <summary>Follows <paramref name="channels"/>; with <paramref name="mvcUv"/> (MVC per channel, uV) amplitudes are in %MVC.</summary>
    public LiveMonitor(IReadOnlyList<string> channels, IReadOnlyDictionary<string, double>? mvcUv = null)
    {
        _channels = channels.ToArray();
        _mvcUv = mvcUv;
        foreach (string c in _channels) _trace[c] = new List<double>();
    }

    /// <summary>Unit of the amplitudes: "uV", or "%MVC" with MVC references.</summary>
    public string Units => _mvcUv == null ? "uV" : "%MVC";

    /// <summary>Repetitions counted so far.</summary>
    public int Reps { get; private set; }

    /// <summary>Markers confirmed by the board so far.</summary>
    public int Markers { get; private set; }

    /// <summary>Board time of the newest sample (s since streaming started).</summary>
    public double TimeS { get; private set; }

    /// <summary>Feeds what the session collected since the last call.</summary>
    public void Add(IEnumerable<EnvelopeBlock> envelope, IEnumerable<ImuBlock> imu, IEnumerable<BoardEvent> events)
    {
        foreach (EnvelopeBlock b in envelope)
        {
            for (int i = 0; i < b.SampleCount; i++)
            {
                for (int c = 0; c < Math.Min(b.Channels, _channels.Length); c++)
                {
                    double v = b.Microvolts[i * b.Channels + c];
                    if (_mvcUv != null && _mvcUv.TryGetValue(_channels[c], out double r) && r > 0) v = 100 * v / r;
                    _latest[_channels[c]] = v;
                    _trace[_channels[c]].Add(v);
                }
            }

            TimeS = Math.Max(TimeS, b.FirstTimeUs / 1e6 + b.SampleCount / (double)b.SampleRateHz);
        }

        foreach (ImuBlock b in imu)
        {
            _imuRateHz = b.SampleRateHz;
            for (int i = 0; i + 6 <= b.Values.Length; i += 6) Step(b.Values[i], b.Values[i + 1], b.Values[i + 2]);
        }

        Markers += events.Count(e => e.Kind == ProtocolSpec.EventHostMarker);
    }

    /// <summary>The current view; the traces restart after each snapshot.</summary>
    public LiveSnapshot Snapshot(int framesDelivered, long samplesMissing, IReadOnlyList<string> warnings)
    {
        double? gmax = Mean("gmax"), es = Mean("es");
        var trace = _trace.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        foreach (List<double> t in _trace.Values) t.Clear();
        return new LiveSnapshot(TimeS, Units, new Dictionary<string, double>(_latest), trace, gmax is double g && es is double e && e > 0 ? g / e : null,
            _phase, Reps, framesDelivered, samplesMissing, warnings, Markers);
    }

    private double? Mean(string prefix)
    {
        double[] v = _latest.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => kv.Value).ToArray();
        return v.Length == 0 ? null : v.Average();
    }

    // Online dominant axis (slowly forgetting covariance, power iteration) and phase from the rate about it.
    private void Step(double gx, double gy, double gz)
    {
        const double forget = 0.999;
        double[] g = { gx, gy, gz };
        int k = 0;
        for (int a = 0; a < 3; a++)
        {
            for (int b = a; b < 3; b++)
            {
                _cov[k] = forget * _cov[k] + g[a] * g[b];
                k++;
            }
        }

        double[] next =
        {
            _cov[0] * _axis[0] + _cov[1] * _axis[1] + _cov[2] * _axis[2],
            _cov[1] * _axis[0] + _cov[3] * _axis[1] + _cov[4] * _axis[2],
            _cov[2] * _axis[0] + _cov[4] * _axis[1] + _cov[5] * _axis[2],
        };
        double norm = Math.Sqrt(next.Sum(x => x * x));
        if (norm > 0)
        {
            double dot = next[0] * _axis[0] + next[1] * _axis[1] + next[2] * _axis[2];
            _axis = next.Select(x => x / norm * (dot < 0 ? -1 : 1)).ToArray();
        }

        double rate = gx * _axis[0] + gy * _axis[1] + gz * _axis[2];
        _peak = Math.Max(Math.Abs(rate), _peak * PeakDecay);
        double enter = Math.Max(MinMovingRadPerS, EnterFraction * _peak);
        double threshold = _phase == "still" ? enter : enter / 2;
        if (Math.Abs(rate) < threshold)
        {
            if (_phase == "return" && _returnSamples >= MinReturnS * _imuRateHz) Reps++;   // a return that ends completes a rep
            _phase = "still";
            _returnSamples = 0;
            return;
        }

        if (_sign == 0) _sign = Math.Sign(rate);   // the first movement defines "outward"
        _phase = Math.Sign(rate) == _sign ? "outward" : "return";
        _returnSamples = _phase == "return" ? _returnSamples + 1 : 0;
    }
}
