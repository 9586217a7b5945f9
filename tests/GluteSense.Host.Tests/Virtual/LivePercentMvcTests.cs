using System;
using System.Collections.Generic;
using System.Linq;
using GluteSense.Host.Live;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Virtual;

/// <summary>
/// Issue 16, Build 6: the live views (and so the dashboard, whose axis and values take the stream's units) show %MVC
/// when MVC references are given: the same virtual board and seed streamed twice, once without references (uV) and
/// once with 250 uV on every channel, gives traces in the ratio 100 / 250 sample for sample.
/// </summary>
public class LivePercentMvcTests
{
    private const double ReferenceUv = 250;
    private const int Samples = 150;

    private static (string Units, double[] Trace) Stream(IReadOnlyDictionary<string, double>? mvcUv)
    {
        var session = new VirtualLiveSession(Exercise.Bridge, reps: 2, seed: 7, speed: 20, mvcUv: mvcUv);
        var trace = new List<double>();
        string units = "";
        session.Start();
        DateTime end = DateTime.UtcNow.AddSeconds(60);
        try
        {
            while (trace.Count < Samples)
            {
                Assert.True(DateTime.UtcNow < end, "timed out waiting for the virtual board");
                System.Threading.Thread.Sleep(20);
                LiveSnapshot s = session.Tick();
                units = s.Units;
                if (s.Trace.TryGetValue("gmax_l", out double[]? values)) trace.AddRange(values);
            }
        }
        finally
        {
            session.Stop();
        }

        return (units, trace.Take(Samples).ToArray());
    }

    [Fact]
    public void WithMvcReferencesTheStreamIsInPercentMvc_SampleForSample()
    {
        (string uvUnits, double[] uv) = Stream(null);
        (string units, double[] percent) = Stream(Muscles.ToDictionary(m => m, _ => ReferenceUv));
        Assert.Equal(("uV", "%MVC"), (uvUnits, units));
        Assert.True(uv.Max() > 0);
        for (int i = 0; i < Samples; i++) Assert.Equal(100 * uv[i] / ReferenceUv, percent[i], 1e-6 * Math.Max(1, percent[i]));
    }

    private static readonly string[] Muscles = GluteSense.Host.Recording.RecordingMeta.DefaultChannelNames;
}
