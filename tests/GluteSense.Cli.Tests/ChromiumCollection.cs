namespace GluteSense.Cli.Tests;

/// <summary>The test classes that drive headless Chromium run one at a time: two browsers started together lost their
/// DevTools connection in a fresh-clone CI run ("session deleted as the browser has closed the connection").</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "chromium";
}
