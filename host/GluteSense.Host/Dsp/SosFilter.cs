namespace GluteSense.Host.Dsp;

/// <summary>
/// Second-order sections [b0, b1, b2, 1, a1, a2] run in double precision on the host (DF2T, zero initial state):
/// for simulation and offline analysis, never for what the board computes (that is the firmware core's float code).
/// </summary>
public static class SosFilter
{
    /// <summary>Filters <paramref name="signal"/> in place, causally, section by section.</summary>
    public static void Apply(double[] signal, double[][] sections)
    {
        foreach (double[] s in sections)
        {
            double z1 = 0, z2 = 0;
            for (int i = 0; i < signal.Length; i++)
            {
                double x = signal[i];
                double y = s[0] * x + z1;
                z1 = s[1] * x - s[4] * y + z2;
                z2 = s[2] * x - s[5] * y;
                signal[i] = y;
            }
        }
    }

    /// <summary>Forward then backward pass (scipy filtfilt without padding): no delay, squared magnitude response.</summary>
    public static double[] ZeroPhase(double[] signal, double[][] sections)
    {
        double[] y = (double[])signal.Clone();
        ZeroPhaseInPlace(y, sections);
        return y;
    }

    /// <summary><see cref="ZeroPhase"/> on <paramref name="signal"/> itself (no copy of a long signal).</summary>
    public static void ZeroPhaseInPlace(double[] signal, double[][] sections)
    {
        Apply(signal, sections);
        System.Array.Reverse(signal);
        Apply(signal, sections);
        System.Array.Reverse(signal);
    }
}
