using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using GluteSense.Host.IO;
using GluteSense.Host.Recording;

namespace GluteSense.Cli.Commands;

/// <summary>
/// The set-up facts of a recorded set (<c>live --record</c>): load, body mass, knee angle, cue, pain and whether the
/// electrodes were re-applied, written into the set's meta.json so the audit can check that test and re-test bridges
/// were done the same way. Validated by <see cref="SetProtocol.Validate"/> before anything streams.
/// </summary>
internal sealed class SetUpOptions
{
    public Option<double?> LoadKg { get; } = new("--load-kg") { Description = "With --record: external load of the set (kg; 0 = body weight)" };

    public Option<double?> BodyMassKg { get; } = new("--body-mass-kg") { Description = "With --record: the subject's body mass (kg)" };

    public Option<double?> KneeAngleDeg { get; } = new("--knee-angle-deg")
    {
        Description = "With --record: knee angle of the bridge set-up (deg, 0-180)",
    };

    public Option<string?> Cue { get; } = new("--cue") { Description = "With --record: the verbal or tactile cue given" };

    public Option<int?> PainNrs { get; } = new("--pain-nrs") { Description = "With --record: pain during or right after the set (0-10)" };

    public Option<bool> ElectrodesReapplied { get; } = new("--electrodes-reapplied")
    {
        Description = "With --record: the electrodes were taken off and put on again before this set",
    };

    public IEnumerable<Option> All => new Option[] { LoadKg, BodyMassKg, KneeAngleDeg, Cue, PainNrs, ElectrodesReapplied };

    /// <summary>True when any set-up option was given.</summary>
    public bool AnyGiven(ParseResult parse) => parse.GetValue(LoadKg) != null || parse.GetValue(BodyMassKg) != null
        || parse.GetValue(KneeAngleDeg) != null || parse.GetValue(Cue) != null || parse.GetValue(PainNrs) != null
            || parse.GetValue(ElectrodesReapplied);

    /// <summary><paramref name="protocol"/> with the given set-up facts, validated; a bad value is a one-line error naming it.</summary>
    public SetProtocol Apply(ParseResult parse, SetProtocol protocol)
    {
        SetProtocol p = protocol with
        {
            LoadKg = parse.GetValue(LoadKg), BodyMassKg = parse.GetValue(BodyMassKg), KneeAngleDeg = parse.GetValue(KneeAngleDeg),
            Cue = parse.GetValue(Cue) is string c && c.Trim().Length > 0 ? c.Trim() : null, PainNrs = parse.GetValue(PainNrs),
            ElectrodesReapplied = parse.GetValue(ElectrodesReapplied),
        };
        try
        {
            p.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, e);
        }

        return p;
    }
}
