using System;
using System.CommandLine;
using System.IO;
using System.Threading;

namespace GluteSense.Cli;

/// <summary>Entry point of <c>glutesense</c>, callable in-process by the tests with their own writers.</summary>
public static class GluteSenseCli
{
    /// <summary>How long a command may take to stop after Ctrl+C (a live view prints its summary, a server closes).</summary>
    public static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).
    /// Ctrl+C / SIGTERM cancel the command's token, as does <paramref name="cancellation"/> (tests use it to stop a
    /// command that runs until cancelled).
    /// </summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellation = default)
    {
        RootCommand root = CommandCatalog.CreateRoot();
        ParseResult parsed = root.Parse(args);
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl+C and SIGTERM cancel the command's token; a command that has not returned this long after is ended
            // with exit code 130 (143 for SIGTERM). A new InvocationConfiguration has no timeout, hence no handler.
            ProcessTerminationTimeout = TerminationTimeout,
        };
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            parsed.Invoke(config);
            return ExitCodes.Usage;
        }

        return parsed.InvokeAsync(config, cancellation).GetAwaiter().GetResult();
    }
}
