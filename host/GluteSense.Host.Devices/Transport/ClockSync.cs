using System;
using System.Collections.Generic;
using System.Linq;

namespace GluteSense.Host.Transport;

/// <summary>
/// Maps a board's 32-bit microsecond clock to host time: each time_sync exchange gives the device time at receipt and
/// the host's send and receive times; the device instant is taken at the round trip's midpoint. Device times are
/// unwrapped across the 2^32 us (71.6 min) wrap, and a least-squares line host = offset + (1 + drift) x device is fitted
/// to the recent exchanges whose round trip is within <see cref="RttToleranceUs"/> of the best one (slow round trips
/// are the asymmetric ones). The fit survives reconnects: the board's clock keeps running, so new exchanges simply
/// extend the same line.
/// </summary>
public sealed class ClockSync
{
    /// <summary>Exchanges kept for the fit (about 2 minutes at one per second).</summary>
    public const int Window = 120;

    /// <summary>Exchanges slower than the fastest kept one by more than this (us) are left out of the fit.</summary>
    public const long RttToleranceUs = 10_000;

    private const double Wrap = 4294967296.0;
    private readonly List<(double Device, double HostMid, long Rtt)> _samples = new();
    private double _lastDevice = double.NaN;
    private double _slope = 1, _intercept;

    /// <summary>Exchanges so far.</summary>
    public int Count => _samples.Count;

    /// <summary>Fitted drift of the board's clock against the host's, ppm (positive = board runs fast).</summary>
    public double DriftPpm => (1 / _slope - 1) * 1e6;

    /// <summary>Adds one exchange: host send and receive times (us, host clock) and the device time it reported.</summary>
    public void Add(long hostSendUs, long hostReceiveUs, uint deviceUs)
    {
        if (hostReceiveUs < hostSendUs) throw new ArgumentException("the response cannot arrive before the request was sent");
        double device = Unwrap(deviceUs);
        _samples.Add((device, (hostSendUs + hostReceiveUs) / 2.0, hostReceiveUs - hostSendUs));
        if (_samples.Count > Window) _samples.RemoveAt(0);
        Fit();
    }

    /// <summary>Host time (us) of device time <paramref name="deviceUs"/> (near the exchanges seen so far).</summary>
    public double HostUs(uint deviceUs)
    {
        if (_samples.Count == 0) throw new InvalidOperationException("no time_sync exchange yet");
        double device = Nearest(deviceUs, _lastDevice);
        return _intercept + _slope * device;
    }

    private double Unwrap(uint deviceUs)
    {
        _lastDevice = double.IsNaN(_lastDevice) ? deviceUs : Nearest(deviceUs, _lastDevice);
        return _lastDevice;
    }

    // The unwrapped value of a 32-bit time closest to a reference (within half a wrap).
    private static double Nearest(uint deviceUs, double reference)
    {
        if (double.IsNaN(reference)) return deviceUs;
        double k = Math.Round((reference - deviceUs) / Wrap);
        return deviceUs + k * Wrap;
    }

    private void Fit()
    {
        long best = _samples.Min(s => s.Rtt);
        var used = _samples.Where(s => s.Rtt <= best + RttToleranceUs).ToArray();
        double d0 = used[0].Device, h0 = used[0].HostMid;
        if (used.Length == 1)
        {
            _slope = 1;
            _intercept = h0 - d0;
            return;
        }

        double md = used.Average(s => s.Device - d0), mh = used.Average(s => s.HostMid - h0);
        double sdd = used.Sum(s => (s.Device - d0 - md) * (s.Device - d0 - md));
        double sdh = used.Sum(s => (s.Device - d0 - md) * (s.HostMid - h0 - mh));
        // Over a few seconds the slope is poorly determined: keep 1 until the exchanges span 10 s.
        _slope = sdd > 0 && used[^1].Device - used[0].Device >= 10e6 ? sdh / sdd : 1;
        _intercept = h0 + mh - _slope * (d0 + md);
    }
}
