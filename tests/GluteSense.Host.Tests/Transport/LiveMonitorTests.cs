using System.Linq;
using GluteSense.Host.Live;
using GluteSense.Host.Simulation;
using GluteSense.Host.Virtual;

namespace GluteSense.Host.Tests.Transport;

[Collection(RealTimeCollection.Name)]
public class LiveMonitorTests
{
    [Theory]
    [InlineData(Exercise.Bridge)]
    [InlineData(Exercise.PullThrough)]
    public void CountsRepsOnline_ShowsGlutesAndBack_AndMarkersComeBackFromTheBoard(Exercise exercise)
    {
        // 30x real time: 6 reps of about 6 s each take about 1.3 s of wall time.
        var session = new VirtualLiveSession(exercise, reps: 6, seed: 3, speed: 30);
        session.Start();
        session.Marker();
        LiveSnapshot last = session.Tick();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool sawMoving = false;
        while (watch.Elapsed.TotalSeconds < 2.5)
        {
            System.Threading.Thread.Sleep(20);
            last = session.Tick();
            sawMoving |= last.Phase != "still";
        }

        session.Stop();
        last = session.Tick();
        Assert.True(sawMoving);
        Assert.Equal(6, last.Reps);
        Assert.Equal(1, last.Markers);
        Assert.Equal(new[] { "es_l", "es_r", "gmax_l", "gmax_r" }, last.Envelope.Keys.OrderBy(k => k));
        Assert.Equal(0, last.SamplesMissing);
        Assert.True(last.FramesDelivered > 100);
    }
}
