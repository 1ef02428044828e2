using System.Reflection;

namespace PipelineGuard;

/// <summary>Facts about this build of PipelineGuard, shared by every front end.</summary>
public static class PipelineGuardInfo
{
    /// <summary>The product name as tools and SBOMs show it.</summary>
    public const string ProductName = "PipelineGuard";

    /// <summary>The informational version of the core library (for example <c>0.1.0+abc123</c>).</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The version without build metadata (for example <c>0.1.0</c>).</summary>
    public static string ShortVersion { get; } = Version.Split('+')[0];

    private static string ReadVersion()
    {
        var assembly = typeof(PipelineGuardInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
