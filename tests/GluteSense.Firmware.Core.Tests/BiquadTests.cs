using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Tests.Common;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// The float DF2T section against scipy.signal.sosfilt in double (fixture: tests/fixtures/biquad_scipy.json, made by
/// tests/fixtures/scripts/make_biquad_fixture.py; the exact command is stored in the fixture).
/// </summary>
public class BiquadTests
{
    private sealed record Case(string Name, double[] Sos, double[] Output);

    private static readonly Lazy<(float[] Input, Case[] Cases)> Fixture = new(LoadFixture);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (Case c in Fixture.Value.Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void SampleBySampleMatchesScipyWithinFloatPrecision(string name)
    {
        (float[] input, Case[] cases) = Fixture.Value;
        Case c = cases.Single(x => x.Name == name);
        Biquad biquad = Create(c.Sos);

        double rms = Rms(c.Output);
        double maxError = 0;
        for (int i = 0; i < input.Length; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(biquad.Process(input[i]) - c.Output[i]));
        }

        // float has a 24-bit mantissa; after rounding coefficients and input to float, the error of a stable
        // second-order section stays around 1e-6 of the signal level. 1e-4 leaves room without hiding a wrong formula.
        Assert.True(maxError <= 1e-4 * rms, $"{name}: max |float - scipy| = {maxError:G4}, rms = {rms:G4}");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BlockProcessingEqualsSampleProcessingAcrossBlockBoundaries(string name)
    {
        (float[] input, Case[] cases) = Fixture.Value;
        Case c = cases.Single(x => x.Name == name);
        Biquad sampleWise = Create(c.Sos);
        Biquad blockWise = Create(c.Sos);

        float[] expected = input.Select(sampleWise.Process).ToArray();

        // Uneven block sizes, written at an offset into a larger caller buffer, as the pipeline does.
        const int outputOffset = 7;
        float[] output = new float[input.Length + outputOffset];
        int position = 0;
        int[] blockSizes = { 1, 13, 64, 5, 250 };
        for (int k = 0; position < input.Length; k++)
        {
            int count = Math.Min(blockSizes[k % blockSizes.Length], input.Length - position);
            blockWise.Process(input, position, output, outputOffset + position, count);
            position += count;
        }

        Assert.Equal(expected, output.Skip(outputOffset).ToArray());
    }

    [Fact]
    public void InPlaceBlockProcessingGivesTheSameResult()
    {
        (float[] input, Case[] cases) = Fixture.Value;
        Case c = cases[0];
        float[] expected = input.Select(Create(c.Sos).Process).ToArray();
        float[] buffer = (float[])input.Clone();
        Create(c.Sos).Process(buffer, 0, buffer, 0, buffer.Length);
        Assert.Equal(expected, buffer);
    }

    [Fact]
    public void ResetReturnsTheSectionToRest()
    {
        (float[] input, Case[] cases) = Fixture.Value;
        Case c = cases[0];
        Biquad biquad = Create(c.Sos);
        float first = biquad.Process(input[0]);
        for (int i = 1; i < 100; i++)
        {
            biquad.Process(input[i]);
        }

        biquad.Reset();
        Assert.Equal(first, biquad.Process(input[0]));
    }

    [Fact]
    public void CoefficientsAreNormalisedByA0()
    {
        var biquad = new Biquad();
        biquad.SetCoefficients(2f, 4f, 6f, 2f, -1f, 0.5f);
        Assert.Equal(new[] { 1f, 2f, 3f, -0.5f, 0.25f }, new[] { biquad.B0, biquad.B1, biquad.B2, biquad.A1, biquad.A2 });
        Assert.Throws<ArgumentException>(() => biquad.SetCoefficients(1f, 0f, 0f, 0f, 0f, 0f));
    }

    [Fact]
    public void DefaultSectionPassesInputUnchanged()
    {
        var biquad = new Biquad();
        Assert.Equal(3.25f, biquad.Process(3.25f));
        Assert.Equal(-1.5f, biquad.Process(-1.5f));
    }

    [Fact]
    public void BlockMethodRejectsRangesOutsideTheBuffers()
    {
        var biquad = new Biquad();
        float[] small = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => biquad.Process(small, 2, small, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => biquad.Process(small, 0, small, -1, 1));
        Assert.Throws<ArgumentNullException>(() => biquad.Process(null!, 0, small, 0, 1));
    }

    [Fact]
    public void FiveCoefficientSectionFollowsItsDifferenceEquationAndEveryBufferBound()
    {
        var b = new Biquad(0.5f, 0.25f, 0.125f, -0.5f, 0.25f);
        Assert.Equal(new[] { 0.5f, 0.25f, 0.125f, -0.5f, 0.25f }, new[] { b.B0, b.B1, b.B2, b.A1, b.A2 });
        // Impulse response by hand from y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]:
        // y0 = 0.5, y1 = 0.25 + 0.5 x 0.5 = 0.5, y2 = 0.125 + 0.5 x 0.5 - 0.25 x 0.5 = 0.25, y3 = 0.5 x 0.25 - 0.25 x 0.5 = 0.
        Assert.Equal(new[] { 0.5f, 0.5f, 0.25f, 0f }, new[] { b.Process(1f), b.Process(0f), b.Process(0f), b.Process(0f) });

        float[] input = { 1f, 0f, 0f, 0f };
        float[] output = new float[5];
        new Biquad(0.5f, 0.25f, 0.125f, -0.5f, 0.25f).Process(input, 0, output, 1, 4);   // exactly fills the output
        Assert.Equal(new[] { 0f, 0.5f, 0.5f, 0.25f, 0f }, output);
        new Biquad(0.5f, 0.25f, 0.125f, -0.5f, 0.25f).Process(input, 1, output, 0, 3);   // exactly reaches the input's end
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Process(input, 0, output, 2, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Process(input, 1, output, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Process(input, -1, output, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Process(input, 0, output, 0, -1));
        Assert.Throws<ArgumentNullException>(() => b.Process(input, 0, null!, 0, 1));
    }

    [Fact]
    public void BlockProcessingAllocatesNothing()
    {
        (float[] input, Case[] cases) = Fixture.Value;
        Biquad biquad = Create(cases[0].Sos);
        float[] output = new float[input.Length];
        biquad.Process(input, 0, output, 0, input.Length); // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            biquad.Process(input, 0, output, 0, input.Length);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Biquad Create(double[] sos)
    {
        var biquad = new Biquad();
        biquad.SetCoefficients((float)sos[0], (float)sos[1], (float)sos[2], (float)sos[3], (float)sos[4], (float)sos[5]);
        return biquad;
    }

    private static double Rms(double[] values) => Math.Sqrt(values.Sum(v => v * v) / values.Length);

    private static (float[] Input, Case[] Cases) LoadFixture()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("biquad_scipy.json")));
        JsonElement root = doc.RootElement;
        float[] input = root.GetProperty("input").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        Case[] cases = root.GetProperty("cases").EnumerateArray()
            .Select(e => new Case(
                e.GetProperty("name").GetString()!,
                e.GetProperty("sos").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                e.GetProperty("output").EnumerateArray().Select(v => v.GetDouble()).ToArray()))
            .ToArray();
        Assert.Equal(4, cases.Length);
        return (input, cases);
    }
}
