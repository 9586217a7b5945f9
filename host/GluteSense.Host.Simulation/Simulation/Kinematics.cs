using System;
using System.Linq;
using GluteSense.Host.Analysis.Orientation;

namespace GluteSense.Host.Simulation;

/// <summary>
/// Sagittal joint angles of the simulated movement (deg; positive = flexion, i.e. bending forward / anterior tilt)
/// and the segment orientations they imply. Pelvis angle = hip motion; lumbar angle = trunk minus pelvis; cervical
/// angle = head minus trunk (negative = extension).
/// </summary>
internal sealed class Kinematics
{
    private readonly SimulationSettings _s;
    private readonly Schedule _schedule;
    private readonly QuaternionD _base;
    private readonly double[] _swayPhase;

    public Kinematics(SimulationSettings s, Schedule schedule, Random random)
    {
        _s = s;
        _schedule = schedule;
        double headingRad = random.NextDouble() * 2 * Math.PI;

        // Earth frame: x east, y north, z up. Body frame: x anterior, y left, z cranial. Standing = aligned (then a
        // random heading); supine (bridge) = body x pointing up.
        QuaternionD heading = QuaternionD.FromAxisAngle(0, 0, 1, headingRad);
        _base = s.Exercise == Exercise.Bridge ? heading * QuaternionD.FromAxisAngle(0, 1, 0, -Math.PI / 2) : heading;
        _swayPhase = new[] { random.NextDouble() * 6.3, random.NextDouble() * 6.3, random.NextDouble() * 6.3 };
        _sagittalSway = SagittalSway(s);
    }

    /// <summary>Sines of the sagittal sway (frequency Hz, amplitude deg, phase rad): their own random numbers, so a
    /// recording without sway draws exactly what it drew before the setting existed.</summary>
    private readonly (double Hz, double Deg, double Rad)[] _sagittalSway;

    private const int SwaySines = 8;
    private const double SwayLowHz = 0.1, SwayHighHz = 1.5;

    private static (double Hz, double Deg, double Rad)[] SagittalSway(SimulationSettings s)
    {
        if (!(s.SagittalSwayDeg > 0)) return Array.Empty<(double, double, double)>();
        var r = new Random(unchecked(s.Seed * 7919 + 104729));
        double amplitude = s.SagittalSwayDeg * Math.Sqrt(2.0 / SwaySines);   // RMS of N sines of amplitude a: a sqrt(N / 2)
        return Enumerable.Range(0, SwaySines)
            .Select(_ => (SwayLowHz + (SwayHighHz - SwayLowHz) * r.NextDouble(), amplitude, r.NextDouble() * 2 * Math.PI)).ToArray();
    }

    /// <summary>Sagittal sway at time t (deg): the same for every segment (the body sways as a whole).</summary>
    private double SwayDeg(double t)
    {
        double sum = 0;
        foreach ((double hz, double deg, double rad) in _sagittalSway) sum += deg * Math.Sin(2 * Math.PI * hz * t + rad);
        return sum;
    }

    /// <summary>Hip (pelvis) excursion at full range (deg, signed).</summary>
    public double PelvisRangeDeg => _s.Exercise switch
    {
        Exercise.Bridge => -(_s.RangeDeg > 0 ? _s.RangeDeg : 30),      // hip extension lifts the pelvis
        Exercise.PullThrough => _s.RangeDeg > 0 ? _s.RangeDeg : 60,     // hip hinge forward
        _ => 0,
    };

    /// <summary>Lumbar angle at full range (deg): small in good form, large in the faulty patterns.</summary>
    public double LumbarRangeDeg => (_s.Exercise, _s.Pattern) switch
    {
        (Exercise.Bridge, MovementPattern.LumbarDominant) => -18,
        (Exercise.Bridge, _) => -3,
        (Exercise.PullThrough, MovementPattern.LumbarFlexion) => 25,
        (Exercise.PullThrough, _) => 5,
        _ => 0,
    };

    /// <summary>Cervical angle at full range (deg): extension when the head is tipped back.</summary>
    public double CervicalRangeDeg => _s.Exercise == Exercise.PullThrough && _s.Pattern == MovementPattern.NeckHyperextension ? -25 : -2;

    public double PelvisDeg(double t) => PelvisRangeDeg * _schedule.Progress(t) + Settling(t) + SwayDeg(t);

    /// <summary>Settling movement at an unsettled start (deg): 8 deg up and back, zero rate at both ends.</summary>
    private double Settling(double t) => t < 0 || t >= _s.UnsettledStartS ? 0
        : Math.Sign(PelvisRangeDeg) * SettlingDeg * (1 - Math.Cos(2 * Math.PI * t / _s.UnsettledStartS)) / 2;

    /// <summary>Amplitude of the settling movement (deg).</summary>
    private const double SettlingDeg = 8;

    public double LumbarDeg(double t) => LumbarRangeDeg * _schedule.Progress(t);

    public double CervicalDeg(double t) => CervicalRangeDeg * _schedule.Progress(t);

    public double TrunkDeg(double t) => PelvisDeg(t) + LumbarDeg(t);

    /// <summary>Segment-to-earth rotation of a site ("lumbar" = trunk at L3, "sacrum" = pelvis, "head") at time t.</summary>
    public QuaternionD Segment(string site, double t)
    {
        double sagittalDeg = site switch
        {
            "sacrum" => PelvisDeg(t),
            "head" => TrunkDeg(t) + CervicalDeg(t),
            _ => TrunkDeg(t),
        };

        // Small frontal and transverse sway (1-2 deg) so no axis is perfectly still.
        double swayFrontal = 1.5 * Math.Sin(2 * Math.PI * 0.23 * t + _swayPhase[0]);
        double swayTransverse = 2.0 * Math.Sin(2 * Math.PI * 0.17 * t + _swayPhase[1]);
        return _base
            * QuaternionD.FromAxisAngle(0, 1, 0, sagittalDeg * Math.PI / 180)
            * QuaternionD.FromAxisAngle(1, 0, 0, swayFrontal * Math.PI / 180)
            * QuaternionD.FromAxisAngle(0, 0, 1, swayTransverse * Math.PI / 180);
    }

    /// <summary>Position of a site's sensor relative to the hip joint, in the segment frame (m).</summary>
    public static (double X, double Y, double Z) Lever(string site) => site switch
    {
        "sacrum" => (-0.10, 0, 0.05),
        "head" => (0.05, 0, 0.65),
        _ => (-0.10, 0, 0.25),
    };
}
