using System.Reflection;

namespace GluteSense.Host;

/// <summary>Names and versions that reports, exports and the CLI print.</summary>
public static class ProductInfo
{
    /// <summary>The product name as shown to users.</summary>
    public const string Name = "GluteSense";

    /// <summary>The informational version of the host library (from the build).</summary>
    public static string Version =>
        typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
