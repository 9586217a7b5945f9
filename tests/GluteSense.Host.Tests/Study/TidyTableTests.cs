using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;
using GluteSense.Host.Study;

namespace GluteSense.Host.Tests.Study;

/// <summary>The tidy export of a repetition that overlaps a data gap (a gmax_l lead-off in the simulator's ground truth).</summary>
public class TidyTableTests
{
    [Fact]
    public void ARepOverlappingAGapIsExportedExcludedWithItsFlag_WithoutABilateralValue()
    {
        SimulatedRecording rec = Simulator.Run(new SimulationSettings
        {
            Exercise = Exercise.Bridge, Reps = 5, Seed = 2, Contamination = new Contamination { LiftOffRep = 2 },
        });
        AnalysisResult result = RecordingAnalyzer.Analyze(SimulationExport.ToRecording(rec, RecordingMode.Envelope), Normalisation.None);
        GapTruth gap = Assert.Single(rec.Truth.Gaps);
        int hit = result.Reps.Single(r => r.StartS < gap.EndS && r.EndS > gap.StartS).Index;
        TidyRow[] rows = TidyTable.Rows(new DesignRow("S01", "1", "bridge-1", "bridge", "", "folder", "mvc"), result).ToArray();

        TidyRow[] gapRows = rows.Where(r => r.Rep == hit).ToArray();
        Assert.NotEmpty(gapRows);   // present in the export...
        Assert.All(gapRows, r => Assert.True(r.Excluded));
        Assert.All(gapRows, r => Assert.Contains("data-gap", r.Flags.Split(';')));
        Assert.DoesNotContain(gapRows, r => r.Channel is "gmax_l" or "gmax" or "gmax:es");   // the lost side leaves no bilateral value
        Assert.Contains(gapRows, r => r.Channel == "gmax_r");
        Assert.All(rows.Where(r => r.Rep != hit), r => Assert.False(r.Excluded));
        Assert.Equal(5, rows.Select(r => r.Rep).Distinct().Count());
    }
}
