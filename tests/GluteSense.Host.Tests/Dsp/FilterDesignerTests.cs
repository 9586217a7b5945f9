using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Dsp;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Dsp;

/// <summary>Host design against scipy (tests/fixtures/signal_chain_scipy.json), and the board's tables against the host design.</summary>
public class FilterDesignerTests
{
    private static readonly Lazy<JsonElement[]> Designs = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("signal_chain_scipy.json"))).RootElement
            .GetProperty("designs").EnumerateArray().ToArray());

    private static double[][] Sos(JsonElement e) =>
        e.GetProperty("sos").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    [Fact]
    public void EveryDesignEqualsScipyTo1e9()
    {
        Assert.True(Designs.Value.Length >= 40);
        foreach (JsonElement d in Designs.Value)
        {
            double fs = d.GetProperty("fs").GetDouble();
            double[][] ours = d.GetProperty("kind").GetString() switch
            {
                "bandpass" => FilterDesigner.ButterworthBandPass(d.GetProperty("order").GetInt32(), d.GetProperty("low").GetDouble(), d.GetProperty("high").GetDouble(), fs),
                "lowpass" => FilterDesigner.ButterworthLowPass(d.GetProperty("order").GetInt32(), d.GetProperty("cutoff").GetDouble(), fs),
                "notch" => new[] { FilterDesigner.Notch(d.GetProperty("f0").GetDouble(), d.GetProperty("q").GetDouble(), fs) },
                var k => throw new InvalidOperationException(k),
            };
            double[][] scipy = Sos(d);
            Assert.Equal(scipy.Length, ours.Length);
            for (int s = 0; s < scipy.Length; s++)
            {
                for (int k = 0; k < 6; k++)
                {
                    Assert.True(Math.Abs(scipy[s][k] - ours[s][k]) <= 1e-9,
                        $"{d}: section {s} coefficient {k}: scipy {scipy[s][k]:R}, ours {ours[s][k]:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2000)]
    public void BoardTablesAreTheHostDesignRoundedToFloat(int rate)
    {
        AssertTable(CoefficientTables.BandPass(rate), FilterDesigner.ButterworthBandPass(2, 20, 450, rate));
        AssertTable(CoefficientTables.LinearEnvelopeLowPass(rate), FilterDesigner.ButterworthLowPass(2, 6, rate));
        foreach (int mains in new[] { 50, 60 })
        {
            for (int h = 1; h <= CoefficientTables.MaxNotchHarmonic; h++)
            {
                AssertTable(CoefficientTables.Notch(rate, mains, h), new[] { FilterDesigner.Notch(mains * h, 30, rate) });
            }
        }

        Assert.Null(CoefficientTables.BandPass(1500));
    }

    [Fact]
    public void DefaultCascadeResponseMatchesScipy()
    {
        JsonElement response = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("signal_chain_scipy.json"))).RootElement
            .GetProperty("response")[0];
        double[] freqs = response.GetProperty("freqs").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] db = response.GetProperty("db").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var cascade = FilterDesigner.ButterworthBandPass(2, 20, 450, 1000).Append(FilterDesigner.Notch(50, 30, 1000)).ToArray();
        double[] ours = FilterDesigner.MagnitudeDb(cascade, freqs, 1000);
        for (int i = 0; i < freqs.Length; i++)
        {
            if (db[i] > -100)
            {
                Assert.Equal(db[i], ours[i], 1e-6);
            }
        }
    }

    [Fact]
    public void BadDesignRequestsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesigner.ButterworthBandPass(2, 450, 20, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesigner.ButterworthBandPass(2, 20, 600, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesigner.Notch(50, 0, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesigner.ButterworthLowPass(0, 6, 1000));
    }

    private static void AssertTable(float[] table, double[][] design)
    {
        float[] expected = FilterDesigner.ToBoardSections(design);
        Assert.Equal(expected.Length, table.Length);
        for (int i = 0; i < table.Length; i++)
        {
            Assert.Equal(expected[i], table[i]);
        }
    }
}
