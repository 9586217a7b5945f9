using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// set_filter's settings at their limits (docs/PROTOCOL.md section 6.2: RMS window 10..1000 ms, envelope 10..500 Hz,
/// notch 0/50/60, 1 &lt;= low &lt; high &lt; rate / 2, 1..8 host sections) and the host sections' stability check
/// against the stability triangle of a second-order denominator 1 + a1 z^-1 + a2 z^-2 (both poles inside the unit
/// circle iff |a2| &lt; 1 and |a1| &lt; 1 + a2; Jury's test, as in any DSP text).
/// </summary>
public class FilterCommandSettingsTests
{
    private static int Parametric(int windowMs = 50, int envelopeHz = 100, int low = 20, int high = 450, int notch = 50, int rate = 1000) =>
        new FilterCommandSettings { RmsWindowMs = windowMs, EnvelopeRateHz = envelopeHz, BandLowHz = low, BandHighHz = high, NotchHz = notch }
            .Validate(rate);

    private static int Section(float a1, float a2, float b0 = 1f)
    {
        var s = new FilterCommandSettings { Kind = ProtocolSpec.FilterKindBiquads, BiquadSectionCount = 2 };
        float[] identity = { 1f, 0f, 0f, 0f, 0f };
        identity.CopyTo(s.Biquads, 0);
        new[] { b0, 0f, 0f, a1, a2 }.CopyTo(s.Biquads, 5);   // the second section is the one under test
        return s.Validate(1000);
    }

    [Fact]
    public void ParametricLimitsAreInclusiveWhereDocumented()
    {
        const int ok = ProtocolSpec.ErrOk, bad = ProtocolSpec.ErrBadValue;
        Assert.Equal(ok, Parametric());
        Assert.Equal((ok, ok, bad, bad), (Parametric(windowMs: 10), Parametric(windowMs: 1000), Parametric(windowMs: 9), Parametric(windowMs: 1001)));
        Assert.Equal((ok, ok, bad, bad), (Parametric(envelopeHz: 10), Parametric(envelopeHz: 500), Parametric(envelopeHz: 9), Parametric(envelopeHz: 501)));
        Assert.Equal((ok, ok, ok, bad), (Parametric(notch: 0), Parametric(notch: 60), Parametric(notch: 50), Parametric(notch: 55)));
        Assert.Equal((ok, bad), (Parametric(low: 1), Parametric(low: 0)));
        Assert.Equal((ok, bad), (Parametric(low: 449), Parametric(low: 450)));
        Assert.Equal((ok, bad), (Parametric(high: 499), Parametric(high: 500)));
        Assert.Equal((ok, bad), (Parametric(high: 999, rate: 2000), Parametric(high: 1000, rate: 2000)));
        Assert.Equal(bad, new FilterCommandSettings { Kind = 2 }.Validate(1000));
    }

    [Fact]
    public void HostSectionsMustBeStableFiniteAndOneToEight()
    {
        const int ok = ProtocolSpec.ErrOk, bad = ProtocolSpec.ErrBadValue;
        // The stability triangle (closed form): inside, and exactly on each edge (binary fractions, so "on" is exact in float).
        Assert.Equal(ok, Section(0f, 0f));
        Assert.Equal(ok, Section(-1.98f, 0.99f));        // a resonant pair at radius 0.995: inside
        Assert.Equal(bad, Section(1.5f, 0.5f));          // z^2 + 1.5 z + 0.5 = (z + 1)(z + 0.5): a pole on the circle
        Assert.Equal(bad, Section(-1.5f, 0.5f));         // (z - 1)(z - 0.5)
        Assert.Equal(ok, Section(1.25f, 0.5f));
        Assert.Equal(bad, Section(0.5f, -0.5f));         // (z + 1)(z - 0.5)
        Assert.Equal(ok, Section(0.25f, -0.5f));
        Assert.Equal(bad, Section(0f, 1f));              // |a2| = 1: poles on the circle at +-j
        Assert.Equal(bad, Section(0f, -1f));
        Assert.Equal(ok, Section(0f, 0.75f));
        Assert.Equal(ok, Section(0f, -0.75f));
        Assert.Equal(bad, Section(0f, 0f, b0: float.NaN));
        Assert.Equal(bad, Section(0f, 0f, b0: 1e6f));
        Assert.Equal(bad, Section(0f, 0f, b0: -1e6f));
        Assert.Equal(ok, Section(0f, 0f, b0: 999_999f));
        Assert.Equal(bad, Section(0f, 0f, b0: float.PositiveInfinity));

        var s = new FilterCommandSettings { Kind = ProtocolSpec.FilterKindBiquads, BiquadSectionCount = 0 };
        Assert.Equal(bad, s.Validate(1000));
        s.BiquadSectionCount = ProtocolSpec.MaxBiquadSections;
        Assert.Equal(ok, s.Validate(1000));              // eight all-zero sections: finite and stable
        s.BiquadSectionCount = ProtocolSpec.MaxBiquadSections + 1;
        Assert.Equal(bad, s.Validate(1000));
        s.BiquadSectionCount = 1;
        s.RmsWindowMs = 5;
        Assert.Equal(bad, s.Validate(1000));             // the window and envelope limits apply to both kinds
    }

    [Fact]
    public void PayloadReadsTheDocumentedLayoutAndRefusesWrongLengths()
    {
        // kind 0, window 125 ms, envelope 100 Hz, band 20..450 Hz, notch 60 (the golden set_filter example's payload)
        byte[] parametric = { 0x00, 0x7D, 0x00, 0x64, 0x00, 0x14, 0x00, 0xC2, 0x01, 0x3C };
        var s = new FilterCommandSettings { BiquadSectionCount = 3 };
        Assert.Equal(ProtocolSpec.ErrOk, s.ReadPayload(new byte[] { 0xEE }.Concat(parametric).ToArray(), 1, 10));
        Assert.Equal((0, 125, 100, 20, 450, 60, 0), (s.Kind, s.RmsWindowMs, s.EnvelopeRateHz, s.BandLowHz, s.BandHighHz, s.NotchHz, s.BiquadSectionCount));
        var back = new byte[12];
        Assert.Equal(10, s.WritePayload(back, 2));
        Assert.Equal(parametric, back[2..]);

        Assert.Equal(ProtocolSpec.ErrBadLength, new FilterCommandSettings().ReadPayload(parametric, 0, 9));
        Assert.Equal(ProtocolSpec.ErrBadLength, new FilterCommandSettings().ReadPayload(parametric.Append((byte)0).ToArray(), 0, 11));
        Assert.Equal(ProtocolSpec.ErrBadLength, new FilterCommandSettings().ReadPayload(parametric, 0, 5));
        Assert.Equal(ProtocolSpec.ErrBadValue, new FilterCommandSettings().ReadPayload(new byte[] { 2, 0, 0, 0, 0, 1 }, 0, 6));

        // kind 1, one section: 0.25, 0.5, 0.25, -0.5, 0.125 as little-endian f32 (the golden biquad example).
        byte[] biquads = Convert.FromHexString("0164003200010000803e0000003f0000803e000000bf0000003e");
        Assert.Equal(ProtocolSpec.ErrOk, s.ReadPayload(biquads, 0, biquads.Length));
        Assert.Equal((1, 100, 50, 1), (s.Kind, s.RmsWindowMs, s.EnvelopeRateHz, s.BiquadSectionCount));
        Assert.Equal(new[] { 0.25f, 0.5f, 0.25f, -0.5f, 0.125f }, s.Biquads[..5]);
        Assert.Equal(biquads.Length, s.WritePayload(back = new byte[40], 0));
        Assert.Equal(biquads, back[..biquads.Length]);
        Assert.Equal(ProtocolSpec.ErrBadLength, new FilterCommandSettings().ReadPayload(biquads, 0, biquads.Length - 1));
        byte[] zeroSections = (byte[])biquads.Clone();
        zeroSections[5] = 0;
        Assert.Equal(ProtocolSpec.ErrBadValue, new FilterCommandSettings().ReadPayload(zeroSections, 0, biquads.Length));
        zeroSections[5] = 9;
        Assert.Equal(ProtocolSpec.ErrBadValue, new FilterCommandSettings().ReadPayload(zeroSections, 0, biquads.Length));
    }

    [Fact]
    public void PayloadEdgesEightSectionsAShortPrefixAndAnOffset()
    {
        // Eight sections (the most, section 6.2): kind 1, window 100, envelope 50, s = 8, then 8 x 5 f32 of 0.5.
        byte[] prefix = { 1, 100, 0, 50, 0, 8 };
        byte[] half = { 0, 0, 0, 0x3F };                                   // 0.5f little-endian
        byte[] eight = prefix.Concat(Enumerable.Repeat(half, 40).SelectMany(b => b)).ToArray();
        Assert.Equal(6 + 160, eight.Length);
        var s = new FilterCommandSettings();
        Assert.Equal(ProtocolSpec.ErrOk, s.ReadPayload(eight, 0, eight.Length));
        Assert.Equal(8, s.BiquadSectionCount);
        Assert.All(s.Biquads, c => Assert.Equal(0.5f, c));

        // Written at an offset, the returned length is the payload's, not the end position.
        var back = new byte[3 + eight.Length];
        Assert.Equal(eight.Length, s.WritePayload(back, 3));
        Assert.Equal(eight, back[3..]);

        // Shorter than the 5-byte prefix plus one byte: bad length whatever the kind byte says.
        Assert.Equal(ProtocolSpec.ErrBadLength, new FilterCommandSettings().ReadPayload(new byte[] { 2, 0, 0, 0, 0, 0 }, 0, 5));
        Assert.Equal(ProtocolSpec.ErrBadLength, new FilterCommandSettings().ReadPayload(new byte[] { 2, 0, 0, 0, 0, 0 }, 0, 4));
    }

    [Fact]
    public void CopyFromCopiesEveryFieldAndEveryCoefficient()
    {
        var source = new FilterCommandSettings
        {
            Kind = 1, RmsWindowMs = 30, EnvelopeRateHz = 20, BandLowHz = 5, BandHighHz = 6, NotchHz = 0, BiquadSectionCount = 8,
        };
        for (int i = 0; i < source.Biquads.Length; i++) source.Biquads[i] = i + 0.5f;
        var copy = new FilterCommandSettings();
        copy.CopyFrom(source);
        Assert.Equal((1, 30, 20, 5, 6, 0, 8), (copy.Kind, copy.RmsWindowMs, copy.EnvelopeRateHz, copy.BandLowHz, copy.BandHighHz, copy.NotchHz, copy.BiquadSectionCount));
        Assert.Equal(source.Biquads, copy.Biquads);
    }
}
