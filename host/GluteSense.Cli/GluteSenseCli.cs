using System;
using System.CommandLine;
using System.IO;

namespace GluteSense.Cli;

/// <summary>Entry point of <c>glutesense</c>, callable in-process by the tests with their own writers.</summary>
public static class GluteSenseCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        RootCommand root = CommandCatalog.CreateRoot();
        ParseResult parsed = root.Parse(args);
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            parsed.Invoke(config);
            return ExitCodes.Usage;
        }

        return parsed.Invoke(config);
    }
}
