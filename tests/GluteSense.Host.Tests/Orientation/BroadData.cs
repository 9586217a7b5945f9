using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using GluteSense.Host.Analysis.Orientation;
using GluteSense.Tests.Common;

namespace GluteSense.Host.Tests.Orientation;

/// <summary>One BROAD trial excerpt (tests/data/broad-imu-omc, see its README).</summary>
internal sealed class BroadTrial
{
    public const double SampleRateHz = 2000.0 / 7.0; // 285.714 Hz (3.5 ms steps)

    public required string Name { get; init; }
    public required Vec3[] Gyro { get; init; }
    public required Vec3[] Acc { get; init; }
    public required Vec3[] Mag { get; init; }
    public required QuaternionD[] Truth { get; init; }
    public required bool[] Movement { get; init; }

    public static readonly string[] Trials =
    [
        "02_undisturbed_slow_rotation_B", "07_undisturbed_fast_rotation_B",
        "10_undisturbed_slow_translation_A", "24_disturbed_tapping_A",
    ];

    public static BroadTrial Load(string name)
    {
        using var gz = new GZipStream(File.OpenRead(RepoPaths.Data("broad-imu-omc", name + ".csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        string[] header = reader.ReadLine()!.Split(',');
        int C(string col) => Array.IndexOf(header, col) is var i and >= 0 ? i : throw new InvalidDataException(col);
        int gx = C("gyr_x"), ax = C("acc_x"), mx = C("mag_x"), qw = C("opt_qw"), mv = C("movement");
        var gyro = new List<Vec3>(); var acc = new List<Vec3>(); var mag = new List<Vec3>();
        var truth = new List<QuaternionD>(); var movement = new List<bool>();
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            string[] p = line.Split(',');
            double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
            gyro.Add(new Vec3(D(gx), D(gx + 1), D(gx + 2)));
            acc.Add(new Vec3(D(ax), D(ax + 1), D(ax + 2)));
            mag.Add(new Vec3(D(mx), D(mx + 1), D(mx + 2)));
            truth.Add(new QuaternionD(D(qw), D(qw + 1), D(qw + 2), D(qw + 3)));
            movement.Add(D(mv) == 1);
        }
        return new BroadTrial
        {
            Name = name, Gyro = gyro.ToArray(), Acc = acc.ToArray(), Mag = mag.ToArray(),
            Truth = truth.ToArray(), Movement = movement.ToArray(),
        };
    }

    /// <summary>Runs the AHRS over the trial (9-axis unless <paramref name="useMag"/> is false).</summary>
    public QuaternionD[] Estimate(AhrsSettings settings, bool useMag = true)
    {
        var ahrs = new Ahrs(SampleRateHz, settings);
        var q = new QuaternionD[Gyro.Length];
        for (int i = 0; i < q.Length; i++)
        {
            if (useMag) ahrs.Update(Gyro[i], Acc[i], Mag[i]);
            else ahrs.Update(Gyro[i], Acc[i]);
            q[i] = ahrs.Quaternion;
        }
        return q;
    }
}
