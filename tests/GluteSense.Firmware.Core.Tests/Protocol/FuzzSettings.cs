using System;

namespace GluteSense.Firmware.Core.Tests.Protocol;

/// <summary>
/// Case counts of the protocol fuzz tests. The normal run uses <see cref="DefaultIterations"/>; set
/// GLUTESENSE_FUZZ_ITERATIONS (e.g. 1000000) for the long run, documented in docs/PROTOCOL.md.
/// </summary>
internal static class FuzzSettings
{
    public const string IterationsVariable = "GLUTESENSE_FUZZ_ITERATIONS";

    public const int DefaultIterations = 10_000;

    public static long Iterations
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(IterationsVariable);
            return long.TryParse(text, out long n) && n > 0 ? n : DefaultIterations;
        }
    }
}
