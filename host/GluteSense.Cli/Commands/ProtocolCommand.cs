using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using GluteSense.Host.Streaming;

namespace GluteSense.Cli.Commands;

/// <summary><c>glutesense protocol decode|spec</c>: wire-protocol tools for developers (issue #4).</summary>
internal static class ProtocolCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("protocol", "Decode wire-protocol frames (protocol decode --hex ...) or print the specification "
            + "(protocol spec)");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreateSpec());
        return command;
    }

    private static Command CreateDecode()
    {
        var hex = new Option<string>("--hex") { Description = "One frame as hex (header + payload + CRC)" };
        var file = new Option<FileInfo>("--file")
        {
            Description = "A text file with one hex frame per line (blank lines and # comments skipped)",
        };
        var decode = new Command("decode", "Decode frame(s) and print them as JSON (one object for --hex, an array for --file)");
        decode.Options.Add(hex);
        decode.Options.Add(file);
        decode.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string? hexValue = parseResult.GetValue(hex);
            FileInfo? fileValue = parseResult.GetValue(file);
            if ((hexValue == null) == (fileValue == null))
            {
                error.WriteLine("glutesense protocol decode: give exactly one of --hex <hex> or --file <path>.");
                return ExitCodes.Error;
            }

            if (hexValue != null)
            {
                JsonObject? frame = FrameJson.DecodeHex(hexValue, out string? why);
                if (frame == null)
                {
                    error.WriteLine("glutesense protocol decode: " + why + ".");
                    return ExitCodes.Error;
                }

                output.WriteLine(frame.ToJsonString(Indented));
                return ExitCodes.Ok;
            }

            return DecodeFile(fileValue!, output, error);
        });
        return decode;
    }

    private static int DecodeFile(FileInfo file, TextWriter output, TextWriter error)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("glutesense protocol decode: cannot read " + file.Name + ": " + e.Message);
            return ExitCodes.Error;
        }

        var frames = new List<JsonNode?>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            JsonObject? frame = FrameJson.DecodeHex(line, out string? why);
            if (frame == null)
            {
                error.WriteLine("glutesense protocol decode: " + file.Name + " line " + (i + 1) + ": " + why + ".");
                return ExitCodes.Error;
            }

            frames.Add(frame);
        }

        if (frames.Count == 0)
        {
            error.WriteLine("glutesense protocol decode: " + file.Name + " contains no frames.");
            return ExitCodes.Error;
        }

        output.WriteLine(new JsonArray(frames.ToArray()).ToJsonString(Indented));
        return ExitCodes.Ok;
    }

    private static Command CreateSpec()
    {
        var spec = new Command("spec", "Print the protocol specification: UUIDs, frame types, sizes, commands, bandwidth budget");
        spec.SetAction(parseResult =>
        {
            foreach (string line in ProtocolSpecText.SummaryLines())
            {
                parseResult.InvocationConfiguration.Output.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
        return spec;
    }
}
