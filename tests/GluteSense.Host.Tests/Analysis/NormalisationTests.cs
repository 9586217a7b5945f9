using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Analysis.Emg;

namespace GluteSense.Host.Tests.Analysis;

public class NormalisationTests
{
    private static Normalisation Mvc(double gmax) => new(NormalisationMethod.Mvc, new Dictionary<string, double> { ["gmax_l"] = gmax }, 500, "mvc");

    [Fact]
    public void HighestMean_IsTheMeanEnvelopeOfTheLoudestWindow()
    {
        // 100 Hz envelope: 100 uV for 3 s, with 0.5 s at 300 uV and 0.5 s alternating 0 / 400 uV (mean 200 < 300).
        double[] t = Enumerable.Range(0, 300).Select(i => i / 100.0).ToArray();
        double[] env = Enumerable.Repeat(100.0, 300).ToArray();
        for (int i = 50; i < 100; i++) env[i] = 300;
        for (int i = 200; i < 250; i++) env[i] = i % 2 == 0 ? 0 : 400;
        Assert.Equal(300, Normalisation.HighestMean(t, env, 500), 9);
        // Only the alternating block, zeros elsewhere: any 50-sample window holds at most 25 values of 400.
        double[] alternating = env.Select((v, i) => i is >= 200 and < 250 ? v : 0).ToArray();
        Assert.Equal(25 * 400 / 50.0, Normalisation.HighestMean(t, alternating, 500), 9);
        // A ramp 0, 1, ..., 299: the best 50-sample window is the last, mean (250 + 299) / 2.
        double[] ramp = Enumerable.Range(0, 300).Select(i => (double)i).ToArray();
        Assert.Equal(274.5, Normalisation.HighestMean(t, ramp, 500), 9);
        Assert.Throws<ArgumentException>(() => Normalisation.HighestMean(t, env, 5000));
    }

    [Fact]
    public void Apply_GivesPercentOfTheReference()
    {
        Assert.Equal(25, Mvc(200).Apply("gmax_l", 50), 12);
        Assert.Equal(50, Normalisation.None.Apply("gmax_l", 50));
        Assert.Throws<ArgumentException>(() => Mvc(200).Apply("es_l", 50));
        Assert.Equal("%MVC", Mvc(1).Units);
    }

    [Fact]
    public void Comparisons_RefuseTaskPeakNormalisation_MixedMethods_AndDifferentReferences()
    {
        Normalisation.EnsureComparable(Mvc(200), Mvc(200));
        Normalisation.EnsureComparable(Normalisation.None, Normalisation.None);
        var peak = new Normalisation(NormalisationMethod.TaskPeak, new Dictionary<string, double> { ["gmax_l"] = 90 }, 0, "task");
        Assert.Contains("own peak", Assert.Throws<ArgumentException>(() => Normalisation.EnsureComparable(peak, peak)).Message);
        Assert.Contains("normalised differently", Assert.Throws<ArgumentException>(() => Normalisation.EnsureComparable(Mvc(200), Normalisation.None)).Message);
        Assert.Contains("different reference", Assert.Throws<ArgumentException>(() => Normalisation.EnsureComparable(Mvc(200), Mvc(210))).Message);
    }
}
