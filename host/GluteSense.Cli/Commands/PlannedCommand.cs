using System.CommandLine;

namespace GluteSense.Cli.Commands;

/// <summary>
/// A command that is part of the plan but not built yet. It shows in --help with its description so users see the
/// whole tool, and says plainly which issue tracks it when run.
/// </summary>
internal static class PlannedCommand
{
    public static Command Create(string name, string description, int issue)
    {
        var command = new Command(name, description + " [planned, issue #" + issue + "]");
        // Accept whatever the finished command will take, so the message below is what the user sees.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine(
                "glutesense " + name + ": not yet implemented (tracked in issue #" + issue + ").");
            return ExitCodes.NotImplemented;
        });
        return command;
    }
}
