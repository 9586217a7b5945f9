using System;
using System.Collections.Generic;
using System.CommandLine;

namespace GluteSense.Cli;

/// <summary>
/// The value name --help shows for every option that takes a value (<c>--mvc &lt;DIR&gt;</c>), one per option name.
/// Keeping them in one table is what gives an option name one meaning across all commands: <c>--serial</c> is always a
/// serial port, <c>--http-port</c> always a TCP port, <c>--out</c> always where the command writes. An option added
/// without an entry here fails CliHelpTests, which also checks that one name has one value type everywhere.
/// </summary>
internal static class OptionValueNames
{
    /// <summary>Option name -> value name (upper case, what the user types).</summary>
    public static readonly IReadOnlyDictionary<string, string> ByOption = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Files and folders.
        ["--input"] = "FILE",
        ["--file"] = "FILE",
        ["--out"] = "PATH",
        ["--json"] = "FILE",
        ["--markdown"] = "FILE",
        ["--table"] = "CSV",
        ["--db"] = "FILE",
        ["--mvc"] = "DIR",
        ["--reference"] = "DIR",
        ["--replay"] = "DIR",
        ["--report"] = "DIR",
        ["--reports"] = "DIR",
        ["--test"] = "DIR",
        ["--treat"] = "DIR",
        ["--retest"] = "DIR",
        ["--clr-image"] = "FILE",
        ["--design"] = "DESIGN",
        ["--reliability"] = "FILE",
        ["--tidy"] = "FILE",
        ["--record"] = "DIR",

        // Vocabulary (the description lists the choices).
        ["--exercise"] = "EXERCISE",
        ["--pattern"] = "PATTERN",
        ["--mode"] = "MODE",
        ["--metric"] = "METRIC",
        ["--format"] = "FORMAT",
        ["--column"] = "COLUMN",
        ["--subject"] = "CODE",
        ["--mvc-subject"] = "CODE",
        ["--target"] = "TARGET",
        ["--verify"] = "CHECK",
        ["--engine"] = "ENGINE",
        ["--board"] = "BOARD",
        ["--scenario"] = "SCENARIO",
        ["--exercises"] = "EXERCISE,EXERCISE",
        ["--conditions"] = "CONDITION,...",
        ["--condition"] = "CONDITION",
        ["--label"] = "TEXT",
        ["--cue"] = "TEXT",

        // Numbers, with their unit where they have one.
        ["--rate"] = "HZ",
        ["--envelope-rate"] = "HZ",
        ["--window-ms"] = "MS",
        ["--seconds"] = "S",
        ["--rest-s"] = "S",
        ["--speed"] = "FACTOR",
        ["--effect"] = "FRACTION",
        ["--seed"] = "N",
        ["--reps"] = "N",
        ["--treat-reps"] = "N",
        ["--efforts"] = "N",
        ["--recordings"] = "N",
        ["--session"] = "ID",
        ["--pain-before"] = "NRS",
        ["--pain-after"] = "NRS",
        ["--bandpass"] = "LOW,HIGH",
        ["--notch"] = "HZ",
        ["--hex"] = "HEX",
        ["--gmax-scale"] = "FACTOR",
        ["--set-cv"] = "FRACTION",
        ["--sim-effect"] = "FRACTION",
        ["--change"] = "FRACTION",
        ["--boundary-peak-fraction"] = "FRACTION",
        ["--sesoi"] = "UNITS",
        ["--sd-change"] = "UNITS",
        ["--alpha"] = "P",
        ["--power"] = "P",
        ["--patients"] = "N",
        ["--reliability-subjects"] = "N",
        ["--subjects"] = "N",
        ["--sets"] = "N",
        ["--set"] = "N",
        ["--check-s"] = "S",
        ["--load-kg"] = "KG",
        ["--body-mass-kg"] = "KG",
        ["--knee-angle-deg"] = "DEG",
        ["--pain-nrs"] = "NRS",
        ["--sim-reps"] = "N",
        ["--sim-sets"] = "N",
        ["--sim-design"] = "DESIGN",
        ["--simulate"] = "N",

        // Hardware.
        ["--serial"] = "PORT",
        ["--ble"] = "ADDRESS",
        ["--http-port"] = "PORT",
        ["--spi"] = "BUS.CS",
        ["--i2c"] = "BUS",
        ["--drdy"] = "GPIO",
        ["--passkey"] = "PASSKEY",
        ["--listen"] = "ADDRESS",
    };

    /// <summary>True for an option that takes a value (a flag such as --yes takes none).</summary>
    public static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;

    /// <summary>Sets the value name of every value-taking option under <paramref name="command"/> that has none yet.</summary>
    public static void Apply(Command command)
    {
        foreach (Option option in command.Options)
        {
            if (option.HelpName == null && TakesValue(option) && ByOption.TryGetValue(option.Name, out string? valueName))
            {
                option.HelpName = valueName;
            }
        }

        foreach (Command sub in command.Subcommands) Apply(sub);
    }
}
