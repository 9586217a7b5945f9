using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>
/// Every per-phase and per-repetition number of the analysis: first on a hand-made envelope whose answers are worked
/// out by hand, then on a simulated recording where each reported number is recomputed from envelope.csv by the
/// definitions in docs/analysis.md (independently of the analysis code path).
/// </summary>
public class PhaseMetricsTests
{
    // 100 Hz envelope, t = 0.00 ... 0.09 s.
    private static readonly double[] TimeS = Enumerable.Range(0, 10).Select(i => i / 100.0).ToArray();
    private static readonly double[] Uv = { 1, 2, 3, 8, 5, 4, 3, 2, 1, 0 };
    private static readonly ChannelSignals Channel = new("gmax_l", "gluteus maximus", Side.Left, TimeS, Uv, TimeS, Uv, 100);

    [Fact]
    public void PhaseMeanPeakIntegralAndTimeToPeakByHand()
    {
        // [0.02, 0.07) holds samples 2..6: 3, 8, 5, 4, 3 (sum 23).
        MuscleMetrics m = PhaseMetrics.Of(Channel, Normalisation.None, 0.02, 0.07, onsetS: null, firstPhase: true)!;
        Assert.Equal(23 / 5.0, m.Mean, 1e-12);
        Assert.Equal(8, m.Peak);
        Assert.Equal(23 * 0.01, m.Integrated, 1e-12);   // uV x s: sum x sample interval
        Assert.Equal(0.01, m.TimeToPeakS, 1e-12);       // peak at 0.03 s, phase from 0.02 s
        Assert.Null(m.OnsetS);
        Assert.Null(m.OnsetRelS);
        Assert.Null(PhaseMetrics.Of(Channel, Normalisation.None, 0.025, 0.03, null, true));   // no sample inside

        // %MVC with a 200 uV reference halves every value, the integral included (%MVC x s).
        var mvc = new Normalisation(NormalisationMethod.Mvc, new Dictionary<string, double> { ["gmax_l"] = 200 }, Normalisation.DefaultWindowMs, "hand");
        MuscleMetrics n = PhaseMetrics.Of(Channel, mvc, 0.02, 0.07, null, true)!;
        Assert.Equal(100 * 4.6 / 200, n.Mean, 1e-12);
        Assert.Equal(100 * 8 / 200.0, n.Peak, 1e-12);
        Assert.Equal(100 * 0.23 / 200, n.Integrated, 1e-12);
    }

    [Fact]
    public void OnsetBelongsToThePhaseItFallsIn_OrToTheFirstPhaseWhenEarlier()
    {
        MuscleMetrics inside = PhaseMetrics.Of(Channel, Normalisation.None, 0.02, 0.07, onsetS: 0.05, firstPhase: false)!;
        Assert.Equal(0.05, inside.OnsetS!.Value, 1e-12);
        Assert.Equal(0.03, inside.OnsetRelS!.Value, 1e-12);
        MuscleMetrics early = PhaseMetrics.Of(Channel, Normalisation.None, 0.02, 0.07, onsetS: 0.01, firstPhase: true)!;
        Assert.Equal(-0.01, early.OnsetRelS!.Value, 1e-12);   // pre-activation: before the movement started
        Assert.Null(PhaseMetrics.Of(Channel, Normalisation.None, 0.02, 0.07, onsetS: 0.01, firstPhase: false)!.OnsetS);
        Assert.Null(PhaseMetrics.Of(Channel, Normalisation.None, 0.02, 0.07, onsetS: 0.07, firstPhase: true)!.OnsetS);
    }

    [Fact]
    public void SymmetryIsLeftMinusRightOverTheirMean_AndCoactivationIsTheCommonArea()
    {
        Assert.Equal(100.0, PhaseMetrics.SymmetryPct(30, 10)!.Value, 1e-12);    // 100 x 20 / 20
        Assert.Equal(-100.0, PhaseMetrics.SymmetryPct(10, 30)!.Value, 1e-12);
        Assert.Equal(100 * (12 - 8) / 10.0, PhaseMetrics.SymmetryPct(12, 8)!.Value, 1e-12);
        Assert.Null(PhaseMetrics.SymmetryPct(null, 8));
        Assert.Null(PhaseMetrics.SymmetryPct(0, 0));
        // min: 1, 2, 1 (4); total 12; 200 x 4 / 12.
        Assert.Equal(200 * 4 / 12.0, PhaseMetrics.GmaxEsOverlapPct(new double[] { 1, 2, 3 }, new double[] { 3, 2, 1 })!.Value, 1e-12);
        Assert.Equal(100.0, PhaseMetrics.GmaxEsOverlapPct(new double[] { 2, 5 }, new double[] { 2, 5 })!.Value, 1e-12);
        Assert.Equal(0.0, PhaseMetrics.GmaxEsOverlapPct(new double[] { 0, 5 }, new double[] { 4, 0 })!.Value, 1e-12);
        Assert.Null(PhaseMetrics.GmaxEsOverlapPct(new double[] { 0 }, new double[] { 0 }));
    }

    [Fact]
    public void EveryReportedNumberOfASimulatedBridgeEqualsItsDefinitionOnEnvelopeCsv()
    {
        var settings = new SimulationSettings { Exercise = Exercise.Bridge, Reps = 4, Seed = 61, GmaxScale = 1.3 };
        RecordingData data = SimulationExport.ToRecording(Simulator.Run(settings), RecordingMode.Envelope);
        AnalysisResult r = RecordingAnalyzer.Analyze(data, Normalisation.None);
        Assert.Equal(4, r.Reps.Count);

        // envelope.csv times are each RMS window's last sample; the analysis places a value at the window's centre.
        double halfWindowS = data.Meta.EnvelopeChain!.RmsWindowMs / 2000.0;
        double[] t = data.Envelope!.TimeS.Select(x => x - halfWindowS).ToArray();
        double dtS = 1.0 / data.Meta.EnvelopeRateHz;
        double[] Cut(string ch, double from, double to) =>
            t.Select((x, i) => (x, i)).Where(p => p.x >= from && p.x < to && p.x >= t[0] + EmgSignals.SettleS).Select(p => data.Envelope.Column(ch)[p.i]).ToArray();

        foreach (RepResult rep in r.Reps)
        {
            foreach (PhaseResult phase in rep.Phases)
            {
                foreach (ChannelMeta ch in data.Meta.Channels)
                {
                    double[] v = Cut(ch.Name, phase.StartS, phase.EndS);
                    MuscleMetrics m = phase.Muscles[ch.Name]!;
                    int peakAt = Array.IndexOf(v, v.Max());
                    double firstS = t.First(x => x >= phase.StartS);
                    Assert.Equal(v.Average(), m.Mean, 1e-9 * v.Average());
                    Assert.Equal(v.Max(), m.Peak, 1e-12);
                    Assert.Equal(v.Sum() * dtS, m.Integrated, 1e-6 * m.Integrated);   // dt from the CSV's times: 1e-6 relative
                    Assert.Equal(firstS + peakAt * dtS - phase.StartS, m.TimeToPeakS, 1e-6);
                }
            }

            double[] gl = Cut("gmax_l", rep.StartS, rep.EndS), gr = Cut("gmax_r", rep.StartS, rep.EndS);
            double[] el = Cut("es_l", rep.StartS, rep.EndS), er = Cut("es_r", rep.StartS, rep.EndS);
            double gmax = (gl.Average() + gr.Average()) / 2, es = (el.Average() + er.Average()) / 2;
            Assert.Equal(gmax, rep.GmaxMean!.Value, 1e-9 * gmax);
            Assert.Equal(es, rep.EsMean!.Value, 1e-9 * es);
            Assert.Equal(gmax / es, rep.GmaxEsRatio!.Value, 1e-9 * gmax / es);
            Assert.Equal(100 * (gl.Average() - gr.Average()) / ((gl.Average() + gr.Average()) / 2), rep.GmaxSymmetryPct!.Value, 1e-9);
            Assert.Equal(100 * (el.Average() - er.Average()) / ((el.Average() + er.Average()) / 2), rep.EsSymmetryPct!.Value, 1e-9);
            double[] g = gl.Zip(gr, (a, b) => (a + b) / 2).ToArray(), e = el.Zip(er, (a, b) => (a + b) / 2).ToArray();
            double overlap = 200 * g.Zip(e, Math.Min).Sum() / g.Zip(e, (a, b) => a + b).Sum();
            Assert.Equal(overlap, rep.GmaxEsOverlapPct!.Value, 1e-9);
        }

    }
}
