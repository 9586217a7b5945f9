namespace GluteSense.Host.Tests.Transport;

/// <summary>
/// Tests that run a board in wall-clock time (serial and BLE transports, live views) and so depend on threads getting
/// CPU promptly: they run on their own, after the parallel CPU-heavy tests (accuracy studies, cohort power), so a
/// starved thread pool cannot turn a slow response into a false "lost" verdict.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real-time transports";
}
