using System.Linq;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Demo;
using GluteSense.Host.Simulation;
using GluteSense.Host.Store;

namespace GluteSense.Host.Tests.Simulation;

/// <summary>One MVC estimator: what the demo (and calibrate mvc) store for a subject is exactly the reference that
/// `analyze --mvc` computes from the same trial, whether it is read from the store or from its exported folder.</summary>
public sealed class DemoMvcTests : System.IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("glutesense-mvc-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    [Fact]
    public void StoredMvcEqualsTheAnalysisMvcOfTheSameTrial()
    {
        using RecordingStore store = RecordingStore.Open(System.IO.Path.Combine(_dir, "mvc.db"));
        var script = new[] { new DemoTrial("MVC calibration", new SimulationSettings { Exercise = Exercise.Mvc, Reps = 1, Seed = 4 }) };
        DemoTrialSummary summary = ClinicDemo.Run(store, script, null, "p-mvc").Single();

        var stored = store.Mvc("p-mvc");
        Normalisation fromStore = FolderAnalysis.Reference(SessionExport.ReadTrial(store, summary.TrialId), NormalisationMethod.Mvc, "trial", new AnalysisSettings());
        Assert.Equal(4, stored.Count);
        foreach ((string channel, double value) in fromStore.ReferenceUv) Assert.Equal(value, stored[channel]);

        // Through the exported folder the CSV rounds the envelope to 0.001 uV: equal to that precision.
        string folder = SessionExport.ExportTrial(store, summary.TrialId, System.IO.Path.Combine(_dir, "mvc"));
        Normalisation fromFolder = FolderAnalysis.Reference(folder, NormalisationMethod.Mvc, new AnalysisSettings());
        foreach ((string channel, double value) in fromFolder.ReferenceUv) Assert.Equal(stored[channel], value, 0.001);
        Assert.Contains("mean of the RMS envelope", fromStore.CedeDescription);
    }
}
