using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

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

    /// <summary>Reads <paramref name="path"/>. Throws <see cref="InvalidDataException"/> (one-line message naming the
    /// line and column) on a missing column or a non-numeric value, <see cref="FileNotFoundException"/> if absent.</summary>
    public static ImuCsv Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("file not found: " + path, path);
        using var reader = new StreamReader(path);
        string? headerLine = reader.ReadLine() ?? throw new InvalidDataException(path + ": empty file");
        string[] header = headerLine.Split(',');
        for (int i = 0; i < header.Length; i++) header[i] = header[i].Trim();
        int[] req = new int[RequiredColumns.Length];
        for (int i = 0; i < req.Length; i++)
        {
            req[i] = Array.IndexOf(header, RequiredColumns[i]);
            if (req[i] < 0) throw new InvalidDataException(path + ": missing column '" + RequiredColumns[i] + "'");
        }
        int[] mag = new int[3];
        int magFound = 0;
        for (int i = 0; i < 3; i++)
        {
            mag[i] = Array.IndexOf(header, MagnetometerColumns[i]);
            if (mag[i] >= 0) magFound++;
        }
        if (magFound is 1 or 2) throw new InvalidDataException(path + ": magnetometer needs all of mag_x, mag_y, mag_z");
        bool hasMag = magFound == 3;

        var t = new List<double>(); var g = new List<Vec3>(); var a = new List<Vec3>(); var m = new List<Vec3>();
        string? line;
        int lineNo = 1;
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            string[] p = line.Split(',');
            double V(int col, string name)
            {
                if (col >= p.Length) throw new InvalidDataException(path + ": line " + lineNo + ": missing value for '" + name + "'");
                if (!double.TryParse(p[col], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new InvalidDataException(path + ": line " + lineNo + ": '" + name + "' is not a finite number: '" + p[col].Trim() + "'");
                return v;
            }
            t.Add(V(req[0], "time_s"));
            g.Add(new Vec3(V(req[1], "gyr_x"), V(req[2], "gyr_y"), V(req[3], "gyr_z")));
            a.Add(new Vec3(V(req[4], "acc_x"), V(req[5], "acc_y"), V(req[6], "acc_z")));
            if (hasMag) m.Add(new Vec3(V(mag[0], "mag_x"), V(mag[1], "mag_y"), V(mag[2], "mag_z")));
        }
        if (t.Count == 0) throw new InvalidDataException(path + ": no samples");
        return new ImuCsv(t.ToArray(), g.ToArray(), a.ToArray(), hasMag ? m.ToArray() : null);
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
