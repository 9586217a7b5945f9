using System;
using System.Linq;
using GluteSense.Firmware.Core.Protocol;
using GluteSense.Host.Calibration;
using GluteSense.Host.Link;
using GluteSense.Host.Transport;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Calibration;

/// <summary>The board calibration recovers the bench source's true errors through the wire protocol alone.</summary>
public class BoardCalibratorTests
{
    private static (BoardSession Session, VirtualBoard Board, BenchTopSource Bench) Board(int seed)
    {
        var bench = new BenchTopSource(seed);
        var board = new VirtualBoard(bench, new SimulatedLinkSettings { AttMtu = ProtocolSpec.AttMtu247 });
        return (VirtualTransport.Session(board), board, bench);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RecoversOffsetsBiasAndScale_AndTheBoardAppliesThem(int seed)
    {
        (BoardSession client, VirtualBoard board, BenchTopSource bench) = Board(seed);
        int steps = 0;
        BoardCalibrationResult r = BoardCalibrator.Run(client, (step, _) =>
        {
            steps++;
            if (step >= 1) bench.Position = (step - 1) % 6;
        });
        Assert.Equal(13, steps);   // leads shorted, six positions, six checks
        for (int c = 0; c < 4; c++) Assert.Equal(bench.AfeOffsetUv[c], r.AfeOffsetUv[c], 0.5);   // 2 uV noise over 2000 samples
        for (int a = 0; a < 3; a++)
        {
            Assert.Equal(bench.GyroBias[a], r.GyroBiasRadPerS[a], 0.002);                    // one gyro LSB at 2000 dps is 1.1 mrad/s
            Assert.Equal(bench.AccelOffset[a], r.AccelOffsetMps2[a], 0.01);
            Assert.Equal(1 / bench.AccelScaleError[a], r.AccelScale[a], 0.002);
        }

        Assert.True(r.GravityErrorBeforeMps2 > 0.1, $"the bench errors should be visible before: {r.GravityErrorBeforeMps2}");
        Assert.True(r.GravityErrorAfterMps2 < 0.02, $"gravity still off by {r.GravityErrorAfterMps2} m/s^2 after calibration");
        Assert.Equal(ProtocolSpec.ModeEnvelope, board.Configuration.Mode);
        Assert.Equal("GS-VIRTUAL-0001", r.Serial);
    }

    [Fact]
    public void AMovedBoardOrAWrongPositionFailsWithAClearMessage()
    {
        (BoardSession client, _, BenchTopSource bench) = Board(4);
        var moved = Assert.Throws<ArgumentException>(() => BoardCalibrator.Run(client, (step, _) =>
        {
            if (step >= 1) bench.Position = step - 1;
            bench.Shaking = step == 3;
        }));
        Assert.Contains("moved during the capture", moved.Message);

        (client, _, bench) = Board(5);
        var wrong = Assert.Throws<ArgumentException>(() => BoardCalibrator.Run(client, (step, _) => bench.Position = 4));
        Assert.Contains("position 1: gravity is not along +X", wrong.Message);
    }
}
