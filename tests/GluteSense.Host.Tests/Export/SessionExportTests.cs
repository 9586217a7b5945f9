using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using GluteSense.Host;
using GluteSense.Host.Dsp;
using GluteSense.Host.Recording;
using GluteSense.Host.Store;

namespace GluteSense.Host.Tests.Export;

/// <summary>
/// A stored session exported as recording folders keeps its gaps: each stored gap appears in meta.json at the time
/// worked out by hand from its stream's rate and first-sample time, and the samples inside it are absent, not zeros.
/// </summary>
public sealed class SessionExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("glutesense-sessionexport-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void StoredGapsAreInTheExportedMetaAtTheirTimes_AndTheirSamplesAreDropped()
    {
        string[] channels = RecordingMeta.DefaultChannelNames;
        // Board envelope: 1000 Hz EMG, 50 ms RMS window, 100 Hz envelope. Its first value belongs to the window's last
        // sample: (50 - 1) / 1000 = 0.049 s.
        var chain = new SignalChainDescription(1000, 20, 450, "butterworth", "50", 50, "rectangular", 100, false, "table", Array.Empty<float[]>());
        string db = Path.Combine(_dir, "g.db");
        long trial, session;
        using (RecordingStore store = RecordingStore.Open(db))
        {
            session = store.AddSession(store.Subject("p-020"), null);
            trial = store.AddTrial(session, Exercise.Bridge, "test bridge");
            long envelope = store.AddStream(trial, "envelope", 100, channels, "uV", JsonSerializer.Serialize(chain, RecordingFolder.Json));
            using (StreamAppender a = store.Append(envelope, channels.Length, 100))
            {
                a.Append(Enumerable.Range(0, 30 * 4).Select(i => (float)i).ToArray(), 0, 30);
                a.AppendGap(5, null, "link");
                a.Append(Enumerable.Range(0, 10 * 4).Select(i => 1000f + i).ToArray(), 0, 10);
            }

            long raw = store.AddStream(trial, "emg_raw", 1000, channels, "uV");
            using (StreamAppender a = store.Append(raw, channels.Length, 1000))
            {
                a.Append(new float[600 * 4], 0, 600);
            }

            store.AddGap(raw, 200, 100, "gmax_l", "electrode");
        }

        string[] folders;
        using (RecordingStore store = RecordingStore.Open(db))
        {
            folders = SessionExport.Export(store, session, Path.Combine(_dir, "out")).ToArray();
        }

        Assert.Equal(new[] { Path.Combine(_dir, "out", $"{trial:D3}-bridge-test-bridge") }, folders);
        RecordingData data = RecordingFolder.Read(folders[0]);
        GapMeta[] gaps = data.Meta.Gaps.OrderBy(g => g.StartS).ToArray();
        Assert.Equal(2, gaps.Length);
        // Raw EMG at 1000 Hz from 0 s: samples 200..299 -> 0.2 s to 0.3 s on gmax_l.
        Assert.Equal(("gmax_l", "electrode"), (gaps[0].Channel, gaps[0].Reason));
        Assert.Equal(0.2, gaps[0].StartS, 1e-12);
        Assert.Equal(0.3, gaps[0].EndS, 1e-12);
        // Envelope at 100 Hz from 0.049 s: samples 30..34 -> 0.349 s to 0.399 s on every channel.
        Assert.Equal(("all", "link"), (gaps[1].Channel, gaps[1].Reason));
        Assert.Equal(0.349, gaps[1].StartS, 1e-12);
        Assert.Equal(0.399, gaps[1].EndS, 1e-12);

        SampleTable env = data.Envelope!;
        Assert.Equal(40, env.Count);
        Assert.Equal(0.049, env.TimeS[0], 1e-9);
        Assert.Equal(0.339, env.TimeS[29], 1e-9);
        Assert.Equal(0.399, env.TimeS[30], 1e-9);   // the first sample after the gap keeps its own time
        Assert.Equal(29 * 4 + 1, env.Column("gmax_r")[29]);
        Assert.Equal(1000 + 3, env.Column("es_r")[30]);
        Assert.Equal(600, data.Emg!.Count);
        Assert.Equal(100, data.Meta.EnvelopeRateHz);
        Assert.Equal(1000, data.Meta.EmgRateHz);
        Assert.Equal(50, data.Meta.EnvelopeChain!.RmsWindowMs);   // the chain of the envelope stream, not of the raw one
    }
}
