using System;
using GluteSense.Firmware.Core.Dsp;

namespace GluteSense.Firmware.Core.Tests.Dsp;

public class FastMathTests
{
    [Fact]
    public void SqrtMatchesTheLibraryToFloatPrecisionOverTheEnvelopeRange()
    {
        var random = new Random(5);
        for (int i = 0; i < 20000; i++)
        {
            // log-uniform from 1e-6 to 1e12 (uV^2 mean squares span far less).
            float x = (float)Math.Pow(10, random.NextDouble() * 18 - 6);
            double exact = Math.Sqrt(x);
            Assert.True(Math.Abs(FastMath.Sqrt(x) - exact) <= 2e-7 * exact, $"sqrt({x}) = {FastMath.Sqrt(x)} vs {exact}");
        }
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(-1f, 0f)]
    [InlineData(float.NaN, 0f)]
    [InlineData(4f, 2f)]
    [InlineData(0.25f, 0.5f)]
    public void SqrtEdgeCases(float x, float expected) => Assert.Equal(expected, FastMath.Sqrt(x));
}
