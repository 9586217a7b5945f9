using System;
using System.IO;
using GluteSense.Host.Analysis;
using GluteSense.Host.Analysis.Emg;
using GluteSense.Host.Analysis.Onsets;
using GluteSense.Host.Recording;
using GluteSense.Host.Simulation;

namespace GluteSense.Host.Tests.Analysis;

/// <summary>
/// The folder analysis turns the raw EMG it read into the onset functions in place (one full-rate array per channel
/// instead of two); the result must be the one the copying path gives.
/// </summary>
public sealed class FolderAnalysisMemoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-folder-analysis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(RecordingMode.Raw)]
    [InlineData(RecordingMode.Both)]
    public void InPlaceOnsetFunctionsGiveTheSameAnalysisAsCopies(RecordingMode mode)
    {
        SimulatedRecording rec = Simulator.Run(new SimulationSettings { Exercise = Exercise.Bridge, Reps = 3, Seed = 7, EmgRateHz = 2000 });
        RecordingFolder.Write(_dir, SimulationExport.ToRecording(rec, mode));

        string copying = AnalysisJson.Serialize(RecordingAnalyzer.Analyze(RecordingFolder.Read(_dir), Normalisation.None));
        string inPlace = AnalysisJson.Serialize(FolderAnalysis.Analyze(_dir));
        Assert.Equal(copying, inPlace);
    }

    [Fact]
    public void TheInPlaceDetectionFunctionEqualsTheCopyingOne()
    {
        var random = new Random(2);
        double[] raw = new double[5000];
        for (int i = 0; i < raw.Length; i++) raw[i] = 30000 + (i > 2500 ? 300 : 20) * (random.NextDouble() - 0.5);
        foreach (OnsetMethod method in Enum.GetValues<OnsetMethod>())
        {
            var settings = new OnsetSettings { Method = method };
            double[] expected = OnsetDetector.DetectionFunction(raw, 2000, settings);
            double[] x = (double[])raw.Clone();
            OnsetDetector.DetectionFunctionInPlace(x, 2000, settings);
            Assert.Equal(expected, x);
        }
    }
}
