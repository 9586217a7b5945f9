using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GluteSense.Firmware.Core.Dsp;
using GluteSense.Host.Dsp;
using GluteSense.Host.IO;
using GluteSense.Host.Native;

namespace GluteSense.Cli.Commands;

/// <summary>
/// <c>glutesense envelope</c>: runs the board's EMG chain (band-pass, notch, RMS; the firmware core's own code) over a
/// recorded raw EMG file and writes the envelope as CSV.
/// </summary>
internal static class EnvelopeCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "Raw EMG: one value per line ('#' comments allowed) or a CSV with a header",
            Required = true,
        };
        var rate = new Option<int>("--rate") { Description = "Sample rate of the input (Hz)", Required = true };
        var column = new Option<string?>("--column")
        {
            Description = "Column name or 0-based index; without it a CSV with a time_s column runs every other column in one pass",
        };
        var bandpass = new Option<string>("--bandpass")
        {
            Description = "Band-pass edges LOW,HIGH in Hz",
            DefaultValueFactory = _ => "20,450",
        };
        var notch = new Option<string>("--notch") { Description = "Mains notch: 50, 60 or off", DefaultValueFactory = _ => "50" };
        var windowMs = new Option<int>("--window-ms")
        {
            Description = "RMS window (ms)",
            DefaultValueFactory = _ => EmgChainSettings.DefaultRmsWindowMs,
        };
        var envelopeRate = new Option<int>("--envelope-rate")
        {
            Description = "Envelope rate (Hz); must divide the sample rate",
            DefaultValueFactory = _ => EmgChainSettings.DefaultEnvelopeRateHz,
        };
        var engine = new Option<string>("--engine")
        {
            Description = "EMG chain implementation: managed (the firmware core's C#, the reference) or native (the board's C, bit-exact)",
            DefaultValueFactory = _ => "managed",
        };
        engine.AcceptOnlyFromAmong("managed", "native");
        var output = new Option<string>("--out")
        {
            Description = "Output CSV: time_s,<column or envelope>... (time of each window's last sample, input units)",
            Required = true,
        };

        var command = new Command("envelope", "Run the board's EMG chain (band-pass, notch, RMS) on a recorded raw EMG file");
        foreach (Option option in new Option[] { input, rate, column, bandpass, notch, windowMs, envelopeRate, engine, output })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancel) => CommandRunner.Run(parseResult, "envelope", cancel, stdout =>
        {
            int rateHz = parseResult.GetValue(rate);
            if (rateHz < 250 || rateHz > 16000)
            {
                throw new InputException($"--rate {rateHz} Hz is out of range (250..16000 Hz)");
            }

            int window = parseResult.GetValue(windowMs);
            if (window * rateHz < 1000)
            {
                throw new InputException($"--window-ms {window} is shorter than one sample at {rateHz} Hz");
            }

            EmgChainSettings settings = Settings(rateHz, parseResult.GetValue(bandpass)!, parseResult.GetValue(notch)!, window,
                parseResult.GetValue(envelopeRate));
            string outPath = parseResult.GetValue(output)!;
            using NumericTableReader reader = NumericTableReader.Open(parseResult.GetValue(input)!);
            int[] columns = Columns(reader, parseResult.GetValue(column));
            string[] names = columns
                .Select(c => reader.HasHeader && reader.Names[c] != NumericColumnReader.UnnamedColumn ? reader.Names[c] : "envelope").ToArray();
            (long envelopeRows, long samples) = EnvelopeCsv.Write(reader, columns, names, settings, outPath,
                parseResult.GetValue(engine) == "native" ? NativeEnvelopeChannel.Create : EnvelopeRunner.Managed);
            string per = columns.Length > 1 ? $" per channel x {columns.Length} channels" : string.Empty;
            string notchText = settings.NotchEnabled ? settings.MainsHz + " Hz" : "off";
            stdout.WriteLine($"{envelopeRows} envelope values{per} ({settings.EnvelopeRateHz} Hz, {settings.RmsWindowMs} ms RMS, "
                + $"notch {notchText}) "
                + $"from {samples} samples{(per.Length > 0 ? " per channel" : string.Empty)} -> {outPath}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static EmgChainSettings Settings(int rateHz, string bandpass, string notch, int windowMs, int envelopeRateHz)
    {
        string[] edges = bandpass.Split(',');
        if (edges.Length != 2 || !int.TryParse(edges[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            || !int.TryParse(edges[1], NumberStyles.None, CultureInfo.InvariantCulture, out int high))
        {
            throw new InputException($"--bandpass '{bandpass}' must be two whole numbers of Hz, LOW,HIGH");
        }

        var settings = new EmgChainSettings
        {
            SampleRateHz = rateHz,
            BandPassLowHz = low,
            BandPassHighHz = high,
            RmsWindowMs = windowMs,
            EnvelopeRateHz = envelopeRateHz,
        };
        switch (notch.ToLowerInvariant())
        {
            case "off": settings.NotchEnabled = false; break;
            case "50": settings.MainsHz = 50; break;
            case "60": settings.MainsHz = 60; break;
            default: throw new InputException($"--notch '{notch}' must be 50, 60 or off");
        }

        string? error = settings.Validate();
        if (error != null)
        {
            throw new InputException(error);
        }

        return settings;
    }

    /// <summary>
    /// The columns to run: the one named by --column; else the only column; else, in a table with a time_s column,
    /// every other column in one pass.
    /// </summary>
    private static int[] Columns(NumericTableReader reader, string? column)
    {
        if (column != null || reader.Names.Count == 1 || !reader.HasHeader || !reader.Names.Contains(EnvelopeCsv.TimeColumn))
        {
            return new[] { reader.ColumnIndex(column) };
        }

        int[] channels = Enumerable.Range(0, reader.Names.Count).Where(i => reader.Names[i] != EnvelopeCsv.TimeColumn).ToArray();
        return channels.Length > 0 ? channels : new[] { reader.ColumnIndex(column) };
    }
}
