using System;
using System.CommandLine;
using System.IO;
using GluteSense.Host;
using GluteSense.Host.IO;

namespace GluteSense.Cli.Commands;

/// <summary>
/// Runs a command body and turns bad input into the CLI's contract: one line on stderr
/// ("glutesense NAME: message"), exit code 1, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    public static int Run(ParseResult parseResult, string commandName, Func<TextWriter, int> body)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        try
        {
            return body(parseResult.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is InputException or ArgumentException or IOException or UnauthorizedAccessException or FormatException
                                   or GluteSense.Host.Transport.TransportException)
        {
            error.WriteLine("glutesense " + commandName + ": " + e.Message.ReplaceLineEndings(" "));
            return ExitCodes.Error;
        }
    }

    /// <summary>The vocabulary member an option names; a one-line error listing the names otherwise.</summary>
    public static T ParseName<T>(string option, string text) where T : struct, Enum =>
        Vocabulary.TryParse(text, out T value)
            ? value
            : throw new InputException($"{option} '{text}' must be one of {string.Join(", ", Vocabulary.AllNames<T>())}");
}
