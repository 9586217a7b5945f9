using System;
using System.Linq;
using GluteSense.Firmware.Core.Drivers.Ads1298;
using GluteSense.Firmware.Core.Drivers.Icm42688;
using GluteSense.Firmware.Simulators;

namespace GluteSense.Firmware.Core.Tests;

/// <summary>
/// Driver fixes from the issue-18 review, each against the register simulators: the ADS1298 identifies itself before
/// it may stream, bad status words are not taken for samples, the rate changes only with conversions stopped, the
/// internal reference settles, RLD and lead-off are configured; the ICM-42688-P's INT1 is push-pull with
/// INT_ASYNC_RESET cleared, its reset is confirmed, its sensors get their start-up time, FIFO overflows are counted;
/// both chips power down.
/// </summary>
public class DriverReviewTests
{
    private static (Ads1298 Afe, Ads1298Simulator Sim) Afe(byte id = Ads1298.ExpectedId)
    {
        var sim = new Ads1298Simulator { Id = id };
        var afe = new Ads1298(sim, sim, sim, Ads1298Simulator.StartPin, Ads1298Simulator.ResetPin, Ads1298Simulator.PwdnPin, Ads1298Simulator.DrdyPin);
        return (afe, sim);
    }

    [Theory]
    [InlineData(0x00)]   // MISO stuck low / no chip
    [InlineData(0xFF)]   // MISO floating high
    [InlineData(0x90)]   // an ADS1294 (4 channels)
    public void AWrongIdRefusesToStream(byte id)
    {
        var (afe, _) = Afe(id);
        Assert.Equal(id, afe.PowerUpAndReset());
        Assert.False(afe.IdVerified);
        Assert.Throws<InvalidOperationException>(() => afe.StartContinuous((s, c) => { }));
        Assert.False(afe.IsContinuous);
    }

    [Fact]
    public void FramesWithABadStatusPreambleAreCountedNotDelivered()
    {
        var (afe, sim) = Afe();
        afe.PowerUpAndReset();
        Assert.True(afe.IdVerified);
        afe.ConfigureDefault(6, 1000);
        int delivered = 0;
        afe.StartContinuous((status, counts) => delivered++);
        sim.ConvertOnce();
        sim.CorruptFrames = 2;
        sim.ConvertOnce();
        sim.ConvertOnce();
        sim.ConvertOnce();
        Assert.Equal(2, delivered);
        Assert.Equal(2, afe.InvalidFrames);
    }

    [Fact]
    public void TheSampleRateChangesOnlyWithConversionsStopped()
    {
        var (afe, sim) = Afe();
        afe.PowerUpAndReset();
        afe.ConfigureDefault(6, 2000);
        afe.StartContinuous((s, c) => { });
        Assert.Throws<InvalidOperationException>(() => afe.SetSampleRate(1000));
        Assert.Equal(0x84, sim.Reg(0x01));   // unchanged: HR | DR 100 (2 kSPS)
        afe.StopContinuous();
        afe.SetSampleRate(1000);
        Assert.Equal(0x85, sim.Reg(0x01));   // HR | DR 101 (1 kSPS), SBAS459 Table 15
    }

    [Fact]
    public void TheInternalReferenceSettlesBeforeTheChannelsAreSet()
    {
        var (afe, sim) = Afe();
        afe.PowerUpAndReset();
        sim.Events.Clear();
        afe.ConfigureDefault(6, 1000);
        int config3 = sim.Events.IndexOf("W03");
        int firstChannel = sim.Events.IndexOf("W05");
        Assert.True(config3 >= 0 && firstChannel > config3);
        // The datasheet's figure, not the driver's constant: SBAS459K 7.5 Electrical Characteristics, voltage
        // reference, internal reference start-up time 150 ms (Drivers/Ads1298/README.md, "Datasheet check", says how
        // far that was re-read).
        const string datasheetStartUpWait = "D150000";
        Assert.Contains(datasheetStartUpWait, sim.Events.GetRange(config3, firstChannel - config3));
        Assert.Equal(0x80, sim.Reg(0x03) & 0x80);   // PD_REFBUF: internal reference on
    }

    [Fact]
    public void TheBoardSetupDrivesTheRightLegAndDetectsLeadOffOnTheUsedChannels()
    {
        var (afe, sim) = Afe();
        afe.PowerUpAndReset();
        afe.ConfigureEmg(6, 2000, 0x0F);
        Assert.Equal(0x0F, sim.Reg(0x0D));   // RLD_SENSP
        Assert.Equal(0x0F, sim.Reg(0x0E));   // RLD_SENSN
        Assert.Equal(0x04, sim.Reg(0x03) & 0x04);   // CONFIG3.PD_RLD: RLD buffer on
        Assert.Equal(0x0F, sim.Reg(0x0F));   // LOFF_SENSP
        Assert.Equal(0x0F, sim.Reg(0x10));   // LOFF_SENSN
        Assert.Equal(0x03, sim.Reg(0x04) & 0x03);   // LOFF: DC lead-off
        Assert.Equal(0x02, sim.Reg(0x17) & 0x02);   // CONFIG4.PD_LOFF_COMP: comparators on
        for (int ch = 4; ch < 8; ch++) Assert.Equal(0x81, sim.Reg(0x05 + ch) & 0x87);   // unused: powered down, shorted
        for (int ch = 0; ch < 4; ch++) Assert.Equal(0x00, sim.Reg(0x05 + ch) & 0x87);   // used: on, electrode input
    }

    [Fact]
    public void PowerDownStopsConversionsAndPullsPwdnLow()
    {
        var (afe, sim) = Afe();
        afe.PowerUpAndReset();
        afe.ConfigureDefault(6, 1000);
        afe.StartContinuous((s, c) => { });
        afe.PowerDown();
        Assert.False(afe.IsContinuous);
        Assert.False(sim.Read(Ads1298Simulator.StartPin));
        Assert.False(sim.Read(Ads1298Simulator.PwdnPin));
    }

    private static (Icm42688 Imu, Icm42688Simulator Sim) Imu()
    {
        var sim = new Icm42688Simulator();
        return (new Icm42688(sim, sim), sim);
    }

    [Fact]
    public void Int1IsPushPullWithAsyncResetClearedAndTheSensorsGetTheirStartupTime()
    {
        var (imu, sim) = Imu();
        imu.Configure(16, 2000, 7, 4);
        Assert.Equal(0x02, sim.Reg(0x14));   // INT_CONFIG: INT1 push-pull, active low, pulsed
        Assert.Equal(0x00, sim.Reg(0x64) & 0x10);   // INT_CONFIG1.INT_ASYNC_RESET cleared
        int powerOn = sim.Events.LastIndexOf("W4E");
        Assert.True(powerOn >= 0);
        Assert.Equal("D" + Icm42688.SensorStartupWaitUs, sim.Events[powerOn + 1]);
        Assert.True(Icm42688.SensorStartupWaitUs >= 30000);   // DS-000347 Table 1: gyro start-up 30 ms
    }

    [Fact]
    public void AResetThatNeverCompletesIsAnError()
    {
        var (imu, sim) = Imu();
        sim.ResetNeverCompletes = true;
        Assert.Throws<InvalidOperationException>(() => imu.Configure(16, 2000, 7, 4));
    }

    [Fact]
    public void FifoOverflowsAreCounted()
    {
        var (imu, sim) = Imu();
        imu.Configure(16, 2000, 7, 4);
        int packets = Icm42688Simulator.FifoBytes / Icm42688.PacketBytes;
        for (int i = 0; i < packets + 3; i++) sim.PushSample(1, 2, 3, 4, 5, 6, 0, (ushort)i);
        var raw = new short[Icm42688.MaxBurstPackets * Icm42688.RawValuesPerSample];
        Assert.Equal(Icm42688.MaxBurstPackets, imu.ReadFifoRaw(raw, 0, Icm42688.MaxBurstPackets));
        Assert.Equal(1, imu.FifoOverflows);
        imu.ReadFifoRaw(raw, 0, Icm42688.MaxBurstPackets);
        Assert.Equal(1, imu.FifoOverflows);   // INT_STATUS cleared on read: one overflow, counted once
    }

    [Fact]
    public void ImuPowerDownTurnsBothSensorsOff()
    {
        var (imu, sim) = Imu();
        imu.Configure(16, 2000, 7, 4);
        imu.PowerDown();
        Assert.Equal(0x00, sim.Reg(0x4E));
        Assert.Equal("W4E", sim.Events.Last());
    }
}
