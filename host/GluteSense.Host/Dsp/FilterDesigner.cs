using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace GluteSense.Host.Dsp;

/// <summary>
/// IIR design in double precision on the host, for the board (which never does trigonometry) and for describing
/// exactly what filtered a recording. Results equal scipy.signal (butter with output='sos', iirnotch) to 1e-9:
/// analog Butterworth prototype, frequency transformation, bilinear transform with pre-warping, and scipy's
/// "nearest" pole-zero pairing with the gain in the first section.
/// </summary>
public static class FilterDesigner
{
    /// <summary>
    /// Butterworth band-pass of prototype order <paramref name="order"/> (2 * order poles; order 2 is the 4-pole
    /// EMG band-pass), as second-order sections [b0, b1, b2, 1, a1, a2]. Equals
    /// <c>scipy.signal.butter(order, [lowHz, highHz], 'bandpass', fs=sampleRateHz, output='sos')</c>.
    /// </summary>
    public static double[][] ButterworthBandPass(int order, double lowHz, double highHz, double sampleRateHz)
    {
        CheckOrder(order);
        if (!(lowHz > 0) || !(highHz > lowHz) || !(highHz < sampleRateHz / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(highHz),
                $"band-pass edges must satisfy 0 < {lowHz} < {highHz} < {sampleRateHz / 2} Hz");
        }

        double w1 = Prewarp(lowHz, sampleRateHz), w2 = Prewarp(highHz, sampleRateHz);
        double bandwidth = w2 - w1, centre = Math.Sqrt(w1 * w2);
        Complex[] prototype = ButterworthPrototypePoles(order);
        var poles = new List<Complex>();
        foreach (Complex p in prototype)
        {
            Complex scaled = p * bandwidth / 2;
            Complex root = Complex.Sqrt(scaled * scaled - centre * centre);
            poles.Add(scaled + root);
            poles.Add(scaled - root);
        }

        var zeros = Enumerable.Repeat(Complex.Zero, order).ToList();
        double gain = Math.Pow(bandwidth, order);
        return Bilinear(zeros, poles, gain);
    }

    /// <summary>
    /// Butterworth low-pass of order <paramref name="order"/> as sections; equals
    /// <c>scipy.signal.butter(order, cutoffHz, 'lowpass', fs=sampleRateHz, output='sos')</c>.
    /// </summary>
    public static double[][] ButterworthLowPass(int order, double cutoffHz, double sampleRateHz)
    {
        CheckOrder(order);
        if (!(cutoffHz > 0) || !(cutoffHz < sampleRateHz / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffHz), $"cut-off must be between 0 and {sampleRateHz / 2} Hz");
        }

        double w = Prewarp(cutoffHz, sampleRateHz);
        var poles = ButterworthPrototypePoles(order).Select(p => p * w).ToList();
        return Bilinear(new List<Complex>(), poles, Math.Pow(w, order));
    }

    /// <summary>
    /// Second-order IIR notch at <paramref name="notchHz"/> with quality factor <paramref name="q"/> as one section
    /// [b0, b1, b2, 1, a1, a2]; equals <c>scipy.signal.iirnotch(notchHz, q, fs=sampleRateHz)</c>.
    /// </summary>
    public static double[] Notch(double notchHz, double q, double sampleRateHz)
    {
        if (!(notchHz > 0) || !(notchHz < sampleRateHz / 2) || !(q > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(notchHz), $"notch must lie between 0 and {sampleRateHz / 2} Hz with Q > 0");
        }

        double w0 = 2 * Math.PI * notchHz / sampleRateHz;
        double bandwidth = w0 / q;
        double gain = 1.0 / (1.0 + Math.Tan(bandwidth / 2));
        double cos = Math.Cos(w0);
        return new[] { gain, -2 * gain * cos, gain, 1.0, -2 * gain * cos, 2 * gain - 1 };
    }

    /// <summary>Magnitude response in dB of a cascade of sections at each frequency (Hz).</summary>
    public static double[] MagnitudeDb(IReadOnlyList<double[]> sections, IReadOnlyList<double> frequenciesHz, double sampleRateHz)
    {
        var result = new double[frequenciesHz.Count];
        for (int i = 0; i < result.Length; i++)
        {
            Complex zInv = Complex.Exp(new Complex(0, -2 * Math.PI * frequenciesHz[i] / sampleRateHz));
            Complex h = Complex.One;
            foreach (double[] s in sections)
            {
                Complex num = s[0] + (s[1] + s[2] * zInv) * zInv;
                Complex den = s[3] + (s[4] + s[5] * zInv) * zInv;
                h *= num / den;
            }

            result[i] = 20 * Math.Log10(h.Magnitude);
        }

        return result;
    }

    /// <summary>
    /// Converts sections [b0, b1, b2, a0, a1, a2] to the board's flat float layout (b0, b1, b2, a1, a2 per section,
    /// divided by a0), ready for the explicit-biquad command or <c>EmgPipeline.ConfigureSections</c>.
    /// </summary>
    public static float[] ToBoardSections(IEnumerable<double[]> sections)
    {
        var flat = new List<float>();
        foreach (double[] s in sections)
        {
            double a0 = s[3];
            flat.AddRange(new[] { (float)(s[0] / a0), (float)(s[1] / a0), (float)(s[2] / a0), (float)(s[4] / a0), (float)(s[5] / a0) });
        }

        return flat.ToArray();
    }

    private static void CheckOrder(int order)
    {
        if (order < 1 || order > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(order), "order must be 1..8");
        }
    }

    // scipy designs on a normalised frequency axis with fs = 2; pre-warping there gives the same result as with
    // the real rate and keeps the intermediate numbers where scipy has them.
    private const double NormalisedRate = 2.0;

    private static double Prewarp(double hz, double sampleRateHz) =>
        2 * NormalisedRate * Math.Tan(Math.PI * (hz / (sampleRateHz / 2)) / NormalisedRate);

    private static Complex[] ButterworthPrototypePoles(int order)
    {
        var poles = new Complex[order];
        for (int i = 0; i < order; i++)
        {
            int m = -order + 1 + 2 * i;
            poles[i] = -Complex.Exp(new Complex(0, Math.PI * m / (2.0 * order)));
        }

        return poles;
    }

    private static double[][] Bilinear(List<Complex> zeros, List<Complex> poles, double gain)
    {
        double fs2 = 2 * NormalisedRate;
        Complex num = Complex.One, den = Complex.One;
        foreach (Complex z in zeros)
        {
            num *= fs2 - z;
        }

        foreach (Complex p in poles)
        {
            den *= fs2 - p;
        }

        var zz = zeros.Select(z => (fs2 + z) / (fs2 - z)).ToList();
        var pz = poles.Select(p => (fs2 + p) / (fs2 - p)).ToList();
        while (zz.Count < pz.Count)
        {
            zz.Add(new Complex(-1, 0));
        }

        return ToSections(zz, pz, gain * (num / den).Real);
    }

    // scipy.signal.zpk2sos with pairing='nearest' for even pole counts: the pole closest to the unit circle goes to
    // the LAST section with the zeros nearest to it; the overall gain multiplies the first section's numerator.
    private static double[][] ToSections(List<Complex> zeros, List<Complex> poles, double gain)
    {
        const double realTolerance = 1e-12;
        if (poles.Count % 2 != 0 || zeros.Count != poles.Count)
        {
            throw new NotSupportedException("only even-order designs with as many zeros as poles are supported");
        }

        // One of each conjugate pair (positive imaginary part); real poles must pair up.
        var p = poles.Where(x => x.Imaginary > realTolerance).ToList();
        var realPoles = poles.Where(x => Math.Abs(x.Imaginary) <= realTolerance).Select(x => x.Real).OrderBy(x => x).ToList();
        if (realPoles.Count % 2 != 0)
        {
            throw new NotSupportedException("odd number of real poles");
        }

        var z = zeros.ToList();
        int sectionCount = poles.Count / 2;
        var sections = new double[sectionCount][];
        var pending = p.Select(x => (Pole: x, Conjugate: Complex.Conjugate(x))).ToList();
        for (int i = 0; i + 1 < realPoles.Count; i += 2)
        {
            pending.Add((new Complex(realPoles[i], 0), new Complex(realPoles[i + 1], 0)));
        }

        for (int si = sectionCount - 1; si >= 0; si--)
        {
            int worst = 0;
            for (int i = 1; i < pending.Count; i++)
            {
                if (Math.Abs(1 - pending[i].Pole.Magnitude) < Math.Abs(1 - pending[worst].Pole.Magnitude))
                {
                    worst = i;
                }
            }

            (Complex p1, Complex p2) = pending[worst];
            pending.RemoveAt(worst);
            Complex z1 = TakeNearest(z, p1);
            Complex z2 = Math.Abs(z1.Imaginary) > realTolerance ? TakeConjugate(z, z1) : TakeNearest(z, p1);
            sections[si] = new[]
            {
                1.0, -(z1 + z2).Real, (z1 * z2).Real,
                1.0, -(p1 + p2).Real, (p1 * p2).Real,
            };
        }

        for (int k = 0; k < 3; k++)
        {
            sections[0][k] *= gain;
        }

        return sections;
    }

    private static Complex TakeNearest(List<Complex> zeros, Complex pole)
    {
        int best = 0;
        for (int i = 1; i < zeros.Count; i++)
        {
            if ((zeros[i] - pole).Magnitude < (zeros[best] - pole).Magnitude)
            {
                best = i;
            }
        }

        Complex result = zeros[best];
        zeros.RemoveAt(best);
        return result;
    }

    private static Complex TakeConjugate(List<Complex> zeros, Complex zero)
    {
        Complex conjugate = Complex.Conjugate(zero);
        int index = zeros.FindIndex(x => (x - conjugate).Magnitude < 1e-9);
        if (index < 0)
        {
            throw new InvalidOperationException("complex zero without its conjugate");
        }

        zeros.RemoveAt(index);
        return conjugate;
    }
}
