using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GluteSense.Host;
using GluteSense.Host.IO;
using GluteSense.Host.Streaming;
using GluteSense.Host.Transport;

namespace GluteSense.Cli.Commands;

/// <summary>
/// Runs a command body and turns an expected failure into the CLI's contract: one line on stderr
/// ("glutesense NAME: message"), exit code 1, never a stack trace. Expected failures are bad input, files that cannot
/// be read or written, and boards that do not answer, refuse a command or speak another protocol major version.
/// Anything else is a bug and keeps System.CommandLine's report with the stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Exit code after Ctrl+C (128 + SIGINT), the same System.CommandLine returns when a command does not stop in time.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Runs <paramref name="body"/> on a worker thread so that System.CommandLine's Ctrl+C / SIGTERM handler is in place
    /// while it runs: the handler cancels <paramref name="cancellation"/> (bodies that loop watch it and end cleanly) and
    /// ends the process with 130 if the body has not returned within its termination timeout.
    /// </summary>
    public static Task<int> Run(ParseResult parseResult, string commandName, CancellationToken cancellation, Func<TextWriter, int> body)
        => Task.Run(() => RunBody(parseResult, commandName, cancellation, body), CancellationToken.None);

    private static int RunBody(ParseResult parseResult, string commandName, CancellationToken cancellation, Func<TextWriter, int> body)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        try
        {
            return body(parseResult.InvocationConfiguration.Output);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            error.WriteLine("glutesense " + commandName + ": cancelled");
            return Cancelled;
        }
        catch (Exception e) when (IsExpected(e))
        {
            error.WriteLine("glutesense " + commandName + ": " + e.Message.ReplaceLineEndings(" "));
            return ExitCodes.Error;
        }
    }

    /// <summary>Failures a user can cause or fix (input, files, the board, the link); <see cref="BoardRefusedException"/>
    /// is a <see cref="BoardException"/>.</summary>
    internal static bool IsExpected(Exception e) => e is InputException or ArgumentException or IOException or UnauthorizedAccessException
        or FormatException or BoardException or ProtocolVersionException;

    /// <summary>The vocabulary member an option names; a one-line error listing the names otherwise.</summary>
    public static T ParseName<T>(string option, string text) where T : struct, Enum =>
        Vocabulary.TryParse(text, out T value)
            ? value
            : throw new InputException($"{option} '{text}' must be one of {string.Join(", ", Vocabulary.AllNames<T>())}");
}
