using System;
using System.IO;

namespace GluteSense.Tests.Common;

/// <summary>Locates the repository and its committed test data from a test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds GluteSense.sln.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>tests/fixtures: reference values computed once by the scripts in tests/fixtures/scripts.</summary>
    public static string Fixture(string fileName) => Path.Combine(Root, "tests", "fixtures", fileName);

    /// <summary>tests/data: excerpts of real recordings, each folder with its origin and licence.</summary>
    public static string Data(params string[] parts) => Path.Combine(Root, "tests", "data", Path.Combine(parts));

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GluteSense.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GluteSense.sln not found above " + AppContext.BaseDirectory);
    }
}
