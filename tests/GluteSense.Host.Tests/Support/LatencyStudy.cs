using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Statistics;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Link;

/// <summary>Latency figures (ms): medians and 95th percentiles over the activations measured.</summary>
/// <param name="DspMedianMs">Onset to the device time of the first envelope value at half the active level (the RMS window filling).</param>
/// <param name="TransportMedianMs">From that value's device time to its arrival at the host (framing, radio, host polling).</param>
/// <param name="TotalMedianMs">Onset to arrival.</param>
public sealed record LatencyFigures(int Activations, double DspMedianMs, double TransportMedianMs, double TotalMedianMs, double TotalP95Ms,
    int RmsWindowMs, long ConnectionIntervalUs, long PumpStepUs);

/// <summary>
/// Measures, on the virtual board, how long a muscle activation takes to reach the host: a step from quiet to active
/// EMG at known instants spread over the block and frame cycle, through the board's chain and framing, a simulated BLE
/// link with a connection interval, and the host's polling (docs/live-link.md, "Latency budget").
/// </summary>
public static class LatencyStudy
{
    /// <summary>EMG of the step: quiet (noise) before each onset, a 100 Hz tone of this amplitude after.</summary>
    public const double ActiveAmplitudeUv = 200, QuietUv = 2;

    private sealed class StepSource(double[] onsetsS, double activeS) : IVirtualSignalSource
    {
        public int ChannelCount => 4;
        public double DurationS => onsetsS[^1] + activeS + 1;

        public void ReadEmg(long firstSample, int count, int sampleRateHz, double[] microvolts)
        {
            for (int i = 0; i < count; i++)
            {
                double t = (firstSample + i) / (double)sampleRateHz;
                bool active = onsetsS.Any(o => t >= o && t < o + activeS);
                double v = active ? ActiveAmplitudeUv * Math.Sin(2 * Math.PI * 100 * t) : QuietUv * Math.Sin(2 * Math.PI * 173 * t);
                for (int c = 0; c < 4; c++) microvolts[i * 4 + c] = v;
            }
        }

        public void ReadImu(long firstSample, int count, int sampleRateHz, double[] gyroAccel)
        {
            for (int i = 0; i < count; i++)
            {
                for (int a = 0; a < 6; a++) gyroAccel[i * 6 + a] = a == 5 ? 9.80665 : 0;
            }
        }
    }

    /// <summary>Runs <paramref name="activations"/> steps, 1.3 s apart plus a varying offset, over <paramref name="link"/>.</summary>
    public static LatencyFigures Measure(SimulatedLinkSettings link, int activations = 40)
    {
        const double activeS = 0.6, periodS = 1.3;
        double[] onsets = Enumerable.Range(0, activations).Select(k => 1.0 + k * periodS + (k * 0.0073) % 0.1).ToArray();
        var board = new VirtualBoard(new StepSource(onsets, activeS), link);
        using BoardSession client = VirtualTransport.Session(board);
        client.Start();
        double half = ActiveAmplitudeUv / Math.Sqrt(2) / 2;
        var dsp = new List<double>();
        var total = new List<double>();
        int next = 0;
        double? valueTimeS = null;
        long end = (long)((onsets[^1] + activeS + 0.5) * 1e6);
        long stepUs = BoardSession.PumpStep.Ticks / TimeSpan.TicksPerMicrosecond;
        for (long now = stepUs; now <= end && next < onsets.Length; now += stepUs)
        {
            client.PumpUntil(TimeSpan.FromTicks(now * TimeSpan.TicksPerMicrosecond));
            foreach (EnvelopeBlock b in client.TakeEnvelope())
            {
                for (int i = 0; i < b.SampleCount && next < onsets.Length; i++)
                {
                    double sampleS = b.FirstTimeUs / 1e6 + i / (double)b.SampleRateHz;
                    if (sampleS < onsets[next] || b.Microvolts[i * b.Channels] < half) continue;
                    valueTimeS = sampleS;
                    dsp.Add((sampleS - onsets[next]) * 1000);
                    total.Add((now / 1e6 - onsets[next]) * 1000);
                    next++;
                }
            }
        }

        client.Stop();
        if (total.Count < activations) throw new InvalidOperationException($"only {total.Count} of {activations} activations arrived");
        double[] transport = total.Zip(dsp, (t, d) => t - d).ToArray();
        return new LatencyFigures(activations, Descriptive.Median(dsp), Descriptive.Median(transport), Descriptive.Median(total), Descriptive.Percentile(total, 95),
            board.Runtime.Pipeline.Settings.RmsWindowMs, link.ConnectionIntervalUs, stepUs);
    }
}
