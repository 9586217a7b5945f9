using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using GluteSense.Host.Analysis.Orientation;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense orientation --input IMU.csv --rate HZ [--no-mag] --out OUT.csv</c>.</summary>
internal static class OrientationCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "IMU CSV: time_s,gyr_x..z (rad/s),acc_x..z (m/s^2)[,mag_x..z (uT)]",
            Required = true,
        };
        var rate = new Option<double>("--rate")
        {
            Description = "Sample rate, Hz (0 < HZ <= " + Ahrs.MaxSampleRateHz + ")",
            Required = true,
        };
        var noMag = new Option<bool>("--no-mag") { Description = "Ignore the magnetometer (6-axis; heading is arbitrary and drifts)" };
        var output = new Option<string>("--out")
        {
            Description = "Output CSV: time_s,qw,qx,qy,qz (sensor-to-earth, z up; ENU with mag)",
            Required = true,
        };
        var command = new Command("orientation", "Estimate sensor orientation (quaternions) from an IMU CSV");
        command.Options.Add(input);
        command.Options.Add(rate);
        command.Options.Add(noMag);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            TextWriter err = parseResult.InvocationConfiguration.Error;
            double rateHz = parseResult.GetValue(rate);
            if (!(rateHz > 0 && rateHz <= Ahrs.MaxSampleRateHz))
            {
                err.WriteLine("glutesense orientation: --rate must be in (0, " + Ahrs.MaxSampleRateHz + "] Hz, got "
                    + rateHz.ToString(CultureInfo.InvariantCulture));
                return ExitCodes.Error;
            }
            try
            {
                ImuCsv imu = ImuCsv.Read(parseResult.GetValue(input)!);
                var settings = AhrsSettings.Default with { UseMagnetometer = !parseResult.GetValue(noMag) };
                QuaternionD[] q = imu.EstimateOrientation(rateHz, settings);
                using var writer = new StreamWriter(parseResult.GetValue(output)!);
                writer.WriteLine("time_s,qw,qx,qy,qz");
                for (int i = 0; i < q.Length; i++)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{imu.TimeS[i]:R},{q[i].W:F7},{q[i].X:F7},{q[i].Y:F7},{q[i].Z:F7}"));
                }
                parseResult.InvocationConfiguration.Output.WriteLine("wrote " + q.Length + " quaternions to " + parseResult.GetValue(output));
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException
                or GluteSense.Host.IO.InputException)
            {
                err.WriteLine("glutesense orientation: " + e.Message.Replace('\n', ' '));
                return ExitCodes.Error;
            }
        });
        return command;
    }
}
