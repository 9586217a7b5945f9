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
/// <param name="Checking">True while a signal check runs.</param>
/// <param name="Check">The last finished signal check (null before the first).</param>
/// <param name="RecordingSet">True while a set is being recorded.</param>
public sealed record LiveSnapshot(double TimeS, string Units, IReadOnlyDictionary<string, double> Envelope,
    IReadOnlyDictionary<string, double[]> Trace,
    double? GmaxEsRatio, string Phase, int Reps, int FramesDelivered, long SamplesMissing, IReadOnlyList<string> Warnings, int Markers,
    bool Checking = false, SignalCheckResult? Check = null, bool RecordingSet = false);

/// <summary>
/// Live view state from the streamed blocks: latest envelope per muscle (%MVC when MVC references are given), the
/// GMax:ES ratio, an online movement phase from the lumbar gyro (the rate about the dominant rotation axis learnt as the
/// trial goes; moving above 30 % of the recent peak rate, one way "outward", the other "return", else "still"; a return
/// of at least 0.3 s that ends counts a repetition), link quality, electrode warnings, and markers confirmed by the board.
/// It also runs the pre-set <see cref="SignalCheck"/> and feeds the <see cref="Recorder"/> (uV, as streamed).
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
    private readonly bool[] _leadOff;
    private SignalCheck? _check;
    private bool _checkTaken;
    private readonly object _gate = new();   // the views' threads (check, record) and the source's tick share the state

    /// <summary>Follows <paramref name="channels"/>; with <paramref name="mvcUv"/> (MVC per channel, uV) amplitudes are in %MVC.</summary>
    public LiveMonitor(IReadOnlyList<string> channels, IReadOnlyDictionary<string, double>? mvcUv = null)
    {
        _channels = channels.ToArray();
        _mvcUv = mvcUv;
        foreach (string c in _channels) _trace[c] = new List<double>();
        _leadOff = new bool[_channels.Length];
    }

    /// <summary>Records sets when set (the live views' <c>--record DIR</c>); null = nothing is written.</summary>
    public SetRecorder? Recorder { get; set; }

    /// <summary>The last finished signal check, null before the first (a new check clears it).</summary>
    public SignalCheckResult? LastCheck { get; private set; }

    /// <summary>True while a signal check runs.</summary>
    public bool Checking => _check != null;

    /// <summary>Starts a signal check over the next <paramref name="durationS"/> of board time (patient at rest).</summary>
    public void BeginCheck(double durationS = SignalCheck.DefaultDurationS)
    {
        lock (_gate)
        {
            _check = new SignalCheck(_channels, TimeS, durationS);
            LastCheck = null;
            _checkTaken = false;
        }
    }

    /// <summary>The last finished check for the set about to be recorded; null when none ran since the previous set
    /// took one (a check vouches for one set).</summary>
    public SignalCheckResult? TakeCheck()
    {
        lock (_gate)
        {
            if (_checkTaken || LastCheck == null) return null;
            _checkTaken = true;
            return LastCheck;
        }
    }

    /// <summary>A status frame from the board: lead-off per channel (PROTOCOL.md 3.2: bits 2k and 2k+1 are channel k's
    /// electrodes), saturated samples, mains ratio and flat-line bit, for the warnings and a running signal check.</summary>
    public void AddStatus(Frame status)
    {
        lock (_gate) AddStatusLocked(status);
    }

    private void AddStatusLocked(Frame status)
    {
        var saturated = new int[_channels.Length];
        var mains = new double?[_channels.Length];
        var flat = new bool[_channels.Length];
        for (int c = 0; c < _channels.Length; c++)
        {
            bool sent = c < status.ChannelsOrSensors;
            _leadOff[c] = sent && ((status.LeadOffMask >> (2 * c)) & 0b11) != 0;
            saturated[c] = sent ? status.SaturationCounts[c] : 0;
            mains[c] = sent ? SignalCheck.MainsRatioOfCode(status.PowerlineRatioCodes[c]) : null;
            flat[c] = sent && ((status.FlatLineMask >> c) & 1) != 0;
        }

        _check?.AddStatus(_leadOff, saturated, mains, flat);
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
        lock (_gate) AddLocked(envelope, imu, events);
    }

    private void AddLocked(IEnumerable<EnvelopeBlock> envelope, IEnumerable<ImuBlock> imu, IEnumerable<BoardEvent> events)
    {
        var envelopeBlocks = envelope as IReadOnlyCollection<EnvelopeBlock> ?? envelope.ToList();
        var imuBlocks = imu as IReadOnlyCollection<ImuBlock> ?? imu.ToList();
        Recorder?.Add(envelopeBlocks, imuBlocks);
        foreach (EnvelopeBlock b in envelopeBlocks)
        {
            for (int i = 0; i < b.SampleCount; i++)
            {
                _check?.AddEnvelope(b.Microvolts.AsSpan(i * b.Channels, Math.Min(b.Channels, _channels.Length)));
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

        if (_check != null && _check.Done(TimeS))
        {
            LastCheck = _check.Result();
            _check = null;
        }

        foreach (ImuBlock b in imuBlocks)
        {
            _imuRateHz = b.SampleRateHz;
            for (int i = 0; i + 6 <= b.Values.Length; i += 6) Step(b.Values[i], b.Values[i + 1], b.Values[i + 2]);
        }

        Markers += events.Count(e => e.Kind == ProtocolSpec.EventHostMarker);
    }

    /// <summary>The current view; the traces restart after each snapshot.</summary>
    public LiveSnapshot Snapshot(int framesDelivered, long samplesMissing, IReadOnlyList<string> warnings)
    {
        lock (_gate) return SnapshotLocked(framesDelivered, samplesMissing, warnings);
    }

    private LiveSnapshot SnapshotLocked(int framesDelivered, long samplesMissing, IReadOnlyList<string> warnings)
    {
        double? gmax = Mean("gmax"), es = Mean("es");
        var trace = _trace.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        foreach (List<double> t in _trace.Values) t.Clear();
        string[] leadOff = _channels.Where((_, c) => _leadOff[c]).ToArray();
        IReadOnlyList<string> all = leadOff.Length == 0 ? warnings
            : warnings.Append($"electrode contact lost (lead-off): {string.Join(", ", leadOff)}").ToArray();
        return new LiveSnapshot(TimeS, Units, new Dictionary<string, double>(_latest), trace,
            gmax is double g && es is double e && e > 0 ? g / e : null,
            _phase, Reps, framesDelivered, samplesMissing, all, Markers, Checking, LastCheck, Recorder?.Recording == true);
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
