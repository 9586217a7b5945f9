using System.CommandLine;
using GluteSense.Cli.Commands;

namespace GluteSense.Cli;

/// <summary>Every command of <c>glutesense</c>, in the order --help lists them.</summary>
internal static class CommandCatalog
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "GluteSense: surface EMG of gluteus maximus and erector spinae plus lumbar motion, rebuilt into " +
            "eccentric / concentric / hold phases per repetition, to tell whether an exercise really works the glutes.");

        // Main job and data creation.
        root.Add(DemoCommand.Create());
        root.Add(SimulateCommand.Create());
        root.Add(ExportCommand.Create());

        // Signal processing and analysis.
        root.Add(ProtocolCommand.Create());
        root.Add(EnvelopeCommand.Create());
        root.Add(OrientationCommand.Create());
        root.Add(AnalyzeCommand.Create());
        root.Add(AccuracyCommand.Create());
        root.Add(CompareCommands.Compare());
        root.Add(CompareCommands.Audit());
        root.Add(CohortCommand.Create());

        // Boards.
        root.Add(BoardCommands.Flash());
        root.Add(BoardCommands.Calibrate());
        root.Add(PairCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(LiveCommands.Live());
        root.Add(LiveCommands.Serve());
        return root;
    }
}
