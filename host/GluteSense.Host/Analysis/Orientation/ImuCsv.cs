using System;
using System.IO;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;

namespace GluteSense.Host.Analysis.Orientation;

/// <summary>IMU samples read from a CSV (columns found by header name; other columns ignored).</summary>
public sealed class ImuCsv
{
    /// <summary>Required columns: time (s), gyro (rad/s), accelerometer (m/s^2).</summary>
    public static readonly string[] RequiredColumns = ["time_s", "gyr_x", "gyr_y", "gyr_z", "acc_x", "acc_y", "acc_z"];

    /// <summary>Optional magnetometer columns (uT); all three or none.</summary>
    public static readonly string[] MagnetometerColumns = ["mag_x", "mag_y", "mag_z"];

    private ImuCsv(double[] timeS, Vec3[] gyro, Vec3[] acc, Vec3[]? mag)
    {
        TimeS = timeS;
        GyroRadPerS = gyro;
        AccMPerS2 = acc;
        MagUt = mag;
    }

    /// <summary>Sample times, seconds.</summary>
    public double[] TimeS { get; }

    /// <summary>Gyro, rad/s, sensor frame.</summary>
    public Vec3[] GyroRadPerS { get; }

    /// <summary>Accelerometer, m/s^2, sensor frame.</summary>
    public Vec3[] AccMPerS2 { get; }

    /// <summary>Magnetometer, uT, sensor frame, or null when the file has no mag columns.</summary>
    public Vec3[]? MagUt { get; }

    /// <summary>Reads <paramref name="path"/> with the recording format's table reader (columns by header name,
    /// other columns ignored). Throws <see cref="InputException"/> with a one-line message naming file and line.</summary>
    public static ImuCsv Read(string path)
    {
        if (!File.Exists(path)) throw new InputException("input file not found: " + path);
        return FromTable(RecordingFolder.ReadTable(path, RequiredColumns[1..]), Path.GetFileName(path));
    }

    /// <summary>The IMU samples of a table already read (an imu_NAME.csv of a recording); <paramref name="name"/> names it in errors.</summary>
    public static ImuCsv FromTable(SampleTable table, string name)
    {
        int magFound = MagnetometerColumns.Count(c => table.Columns.Contains(c));
        if (magFound is 1 or 2) throw new InputException(name + ": magnetometer needs all of mag_x, mag_y, mag_z");
        if (table.Count == 0) throw new InputException(name + ": no samples");
        Vec3[] Vectors(string x, string y, string z)
        {
            double[] cx = table.Column(x), cy = table.Column(y), cz = table.Column(z);
            return Enumerable.Range(0, table.Count).Select(i => new Vec3(cx[i], cy[i], cz[i])).ToArray();
        }

        return new ImuCsv(table.TimeS, Vectors("gyr_x", "gyr_y", "gyr_z"), Vectors("acc_x", "acc_y", "acc_z"),
            magFound == 3 ? Vectors("mag_x", "mag_y", "mag_z") : null);
    }

    /// <summary>Runs an AHRS over all samples and returns the sensor-to-earth quaternion after each sample.</summary>
    public QuaternionD[] EstimateOrientation(double sampleRateHz, AhrsSettings settings)
    {
        var ahrs = new Ahrs(sampleRateHz, settings);
        var q = new QuaternionD[TimeS.Length];
        bool mag = MagUt != null && settings.UseMagnetometer;
        for (int i = 0; i < q.Length; i++)
        {
            if (mag) ahrs.Update(GyroRadPerS[i], AccMPerS2[i], MagUt![i]);
            else ahrs.Update(GyroRadPerS[i], AccMPerS2[i]);
            q[i] = ahrs.Quaternion;
        }
        return q;
    }
}
