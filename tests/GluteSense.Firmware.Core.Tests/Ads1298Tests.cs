using System;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Simulators;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>The ADS1298 driver against the register-level simulator and SBAS459's worked values.</summary>
public class Ads1298Tests
{
    private static (Ads1298 Afe, Ads1298Simulator Sim) Make()
    {
        var sim = new Ads1298Simulator();
        var afe = new Ads1298(sim, sim, sim, Ads1298Simulator.StartPin, Ads1298Simulator.ResetPin, Ads1298Simulator.PwdnPin, Ads1298Simulator.DrdyPin);
        return (afe, sim);
    }

    [Fact]
    public void ResetSequenceReadsIdAndDefaults()
    {
        var (afe, sim) = Make();
        Assert.Equal(Ads1298.ExpectedId, afe.PowerUpAndReset());
        Assert.Equal(1, sim.ResetCount);
        Assert.True(sim.TotalWaitUs >= Ads1298.PowerOnResetWaitUs);
        Assert.False(sim.Continuous);
        // SBAS459 Table 14 reset values
        Assert.Equal(0x06, afe.ReadRegister(0x01));
        Assert.Equal(0x40, afe.ReadRegister(0x02));
        Assert.Equal(0x40, afe.ReadRegister(0x03));
        Assert.Equal(0x0F, afe.ReadRegister(0x14));
    }

    [Theory]
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF }, 8388607)]
    [InlineData(new byte[] { 0x00, 0x00, 0x01 }, 1)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00 }, 0)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF }, -1)]
    [InlineData(new byte[] { 0x80, 0x00, 0x00 }, -8388608)]
    public void UnpacksTwosComplementPerDatasheetTable(byte[] bytes, int expected)
    {
        Assert.Equal(expected, Ads1298.UnpackCounts(bytes, 0));
    }

    [Fact]
    public void LsbFormulaMatchesDatasheet()
    {
        // Full scale is ±VREF/gain: 2.4 V / 6 = 400 mV at 0x7FFFFF; 1 LSB = 2.4/6/(2^23-1) = 47.68 nV
        Assert.Equal(400000f, Ads1298.CountsToMicrovolts(8388607, 6, 2.4f), 1f);
        Assert.Equal(0.0476837, Ads1298.CountsToMicrovolts(1, 6, 2.4f), 5);
    }

    [Fact]
    public void GainSettingWritesChnsetCodes()
    {
        var (afe, sim) = Make();
        afe.PowerUpAndReset();
        afe.SetGain(0, 12);
        afe.SetGain(1, 1);
        afe.PowerDownChannel(7);
        Assert.Equal(0x60, sim.Reg(0x05));
        Assert.Equal(0x10, sim.Reg(0x06));
        Assert.Equal(0x81, sim.Reg(0x0C));
        Assert.Throws<ArgumentException>(() => afe.SetGain(0, 5));
    }

    [Fact]
    public void DrdyDrivenFramesGiveInputMicrovolts()
    {
        var (afe, sim) = Make();
        afe.PowerUpAndReset();
        afe.ConfigureDefault(gain: 12, sampleRateHz: 1000);
        sim.InputMicrovolts[0] = 250.0;
        sim.InputMicrovolts[3] = -1234.5;
        var got = new float[8];
        int frames = 0, lastStatus = 0;
        afe.StartContinuous((status, counts) =>
        {
            frames++; lastStatus = status;
            for (int ch = 0; ch < 8; ch++) got[ch] = afe.ChannelCountsToMicrovolts(ch, counts[ch]);
        });
        sim.ConvertOnce();
        sim.ConvertOnce();
        Assert.Equal(2, frames);
        Assert.True(Ads1298.IsValidStatus(lastStatus));
        Assert.Equal(250.0, got[0], 0.01);
        Assert.Equal(-1234.5, got[3], 0.01);
        Assert.Equal(0.0, got[1], 0.01);
        afe.StopContinuous();
        Assert.False(sim.Continuous);
    }

    [Fact]
    public void ReadFrameAllocatesNothing()
    {
        var (afe, sim) = Make();
        afe.PowerUpAndReset();
        afe.ConfigureDefault(6, 1000);
        afe.StartContinuous(null!);
        var counts = new int[80];
        afe.ReadFrame(counts, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) afe.ReadFrame(counts, i * 8);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void LeadOffStatusDecodedFromStatusWordAndRegisters()
    {
        var (afe, sim) = Make();
        afe.PowerUpAndReset();
        // LOFF = COMP_TH[7:5] | VLEAD_OFF_EN[4] | ILEAD_OFF[3:2] | FLEAD_OFF[1:0]; 11 = DC lead-off (SBAS459 LOFF register):
        // threshold code 3 (87.5 % / 12.5 %) and 18 nA (code 2) give 011 0 10 11 = 0x6B.
        afe.ConfigureLeadOff(comparatorThresholdCode: 3, currentCode: 2, channelMask: 0x0F);
        Assert.Equal(0x6B, sim.Reg(0x04));
        afe.ConfigureLeadOff(comparatorThresholdCode: 0, currentCode: 0, channelMask: 0x0F);
        Assert.Equal(0x03, sim.Reg(0x04));
        Assert.Equal(0x0F, sim.Reg(0x0F));
        Assert.Equal(0x02, sim.Reg(0x17));
        sim.LeadOffP = 0x05; // channels 1 and 3 positive electrode off
        sim.LeadOffN = 0x02;
        afe.StartContinuous(null!);
        var counts = new int[8];
        int status = afe.ReadFrame(counts, 0);
        // 1100 | 0000 0101 | 0000 0010 | 1111 (GPIO reset bits 7:4 = 0000 -> low nibble 0)
        Assert.Equal(0xC05020, status);
        Assert.Equal(0x05, Ads1298.LeadOffPositive(status));
        Assert.Equal(0x02, Ads1298.LeadOffNegative(status));
        afe.StopContinuous();
        Assert.Equal(0x0502, afe.ReadLeadOffStatus());
    }

    [Fact]
    public void InternalTestSignalIsVrefOver2Point4Millivolts()
    {
        var (afe, _) = Make();
        afe.PowerUpAndReset();
        afe.ConfigureDefault(6, 1000);
        afe.EnableTestSignal();
        afe.StartContinuous(null!);
        var counts = new int[8];
        afe.ReadFrame(counts, 0);
        // SBAS459: test signal amplitude 1 x (VREFP - VREFN) / 2.4 mV = 1 mV with the 2.4 V reference
        Assert.Equal(1000f, afe.ChannelCountsToMicrovolts(2, counts[2]), 0.5f);
    }

    [Fact]
    public void RegisterAccessInRdatacIsRejectedBySimulator()
    {
        var (afe, _) = Make();
        afe.PowerUpAndReset();
        afe.StartContinuous(null!);
        Assert.Throws<InvalidOperationException>(() => afe.ReadRegister((byte)0x00));
    }
}
