using System;
using System.IO;

namespace GluteSense.Tests.Common;

/// <summary>The dotnet executable running the tests (for tests that start a child build or program).</summary>
internal static class DotnetHost
{
    /// <summary>DOTNET_HOST_PATH as set by `dotnet test`, else "dotnet" from the PATH.</summary>
    public static string Path
    {
        get
        {
            string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
        }
    }
}
