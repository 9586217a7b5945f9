using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace GluteSense.Cli.Tests;

public sealed class OrientationCommandTests : IDisposable
{
    private const double RateHz = 100;
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-orientation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    // Flat sensor turning about the vertical at 0.5 rad/s for 2 s, in a field pointing north and down:
    // truth at the end is a heading of 1 rad, i.e. q = (cos 0.5, 0, 0, sin 0.5) in ENU.
    private string TurningSensorCsv(bool withMag)
    {
        var sb = new StringBuilder("extra,time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z" + (withMag ? ",mag_x,mag_y,mag_z" : "") + "\n");
        const double rateRadPerS = 0.5, northUt = 20, downUt = 40;
        for (int i = 0; i <= 2 * (int)RateHz; i++)
        {
            double t = i / RateHz, yaw = rateRadPerS * t;
            // Earth field (0, north, -down) seen from a sensor yawed by `yaw`: rotate by -yaw about z.
            double mx = Math.Sin(yaw) * northUt, my = Math.Cos(yaw) * northUt;
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"7,{t},0,0,{rateRadPerS},0,0,9.80665"));
            if (withMag) sb.Append(string.Create(CultureInfo.InvariantCulture, $",{mx},{my},{-downUt}"));
            sb.Append('\n');
        }
        return Write("imu.csv", sb.ToString());
    }

    [Fact]
    public void TurningSensor_EndsAtTheTrueHeading_InEnu()
    {
        string outPath = Path.Combine(_dir, "q.csv");
        var (code, _, error) = CliTests.Run("orientation", "--input", TurningSensorCsv(true), "--rate", "100", "--out", outPath);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        string[] lines = File.ReadAllLines(outPath);
        Assert.Equal("time_s,qw,qx,qy,qz", lines[0]);
        Assert.Equal(202, lines.Length);
        double[] last = Array.ConvertAll(lines[^1].Split(','), s => double.Parse(s, CultureInfo.InvariantCulture));
        Assert.Equal(2.0, last[0], 9);
        Assert.Equal(Math.Cos(0.5), last[1], 3);
        Assert.Equal(0, last[2], 3);
        Assert.Equal(0, last[3], 3);
        Assert.Equal(Math.Sin(0.5), last[4], 3);
    }

    [Fact]
    public void NoMag_IgnoresMagColumns_AndStillIntegratesTheGyro()
    {
        string outPath = Path.Combine(_dir, "q.csv");
        var (code, _, _) = CliTests.Run("orientation", "--input", TurningSensorCsv(false), "--rate", "100", "--no-mag", "--out", outPath);
        Assert.Equal(ExitCodes.Ok, code);
        string[] first = File.ReadAllLines(outPath)[1].Split(',');
        string[] last = File.ReadAllLines(outPath)[^1].Split(',');
        // Heading without mag starts arbitrary (sensor x); the 2 s turn of 1 rad must still be there.
        double yaw0 = 2 * Math.Atan2(double.Parse(first[4], CultureInfo.InvariantCulture), double.Parse(first[1], CultureInfo.InvariantCulture));
        double yaw1 = 2 * Math.Atan2(double.Parse(last[4], CultureInfo.InvariantCulture), double.Parse(last[1], CultureInfo.InvariantCulture));
        Assert.Equal(1.0, yaw1 - yaw0, 3);
    }

    [Theory]
    [InlineData("time_s,gyr_x,gyr_y,acc_x,acc_y,acc_z\n0,0,0,0,0,9.8\n", "missing column(s) gyr_z")]
    [InlineData("time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z\n0,0,0,abc,0,0,9.8\n", "line 2: 'abc' is not a number")]
    [InlineData("time_s,gyr_x,gyr_y,gyr_z,acc_x,acc_y,acc_z,mag_x\n0,0,0,0,0,0,9.8,1\n", "all of mag_x, mag_y, mag_z")]
    public void BadInput_ExitsOne_WithOneLine(string csv, string expected)
    {
        var (code, _, error) = CliTests.Run("orientation", "--input", Write("bad.csv", csv), "--rate", "100", "--out", Path.Combine(_dir, "o.csv"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MissingFile_ExitsOne_WithOneLine()
    {
        var (code, _, error) = CliTests.Run("orientation", "--input", Path.Combine(_dir, "nope.csv"), "--rate", "100", "--out", Path.Combine(_dir, "o.csv"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("file not found", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1e9")]
    public void RateOutOfRange_ExitsOne(string rate)
    {
        var (code, _, error) = CliTests.Run("orientation", "--input", TurningSensorCsv(true), "--rate", rate, "--out", Path.Combine(_dir, "o.csv"));
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("--rate must be in", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
