namespace GluteSense.Cli;

internal static class Program
{
    private static int Main(string[] args) => GluteSenseCli.Run(args);
}
