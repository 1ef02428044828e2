namespace PipelineGuard.Vulnerabilities.Versions;

/// <summary>
/// One ecosystem's version order. <see cref="Validate"/> tells whether a string is a version of the ecosystem (a
/// range that holds one that is not cannot be checked); <see cref="Compare"/> orders two valid versions exactly as the
/// ecosystem's own tool does.
/// </summary>
internal abstract class VersionScheme : IComparer<string>
{
    /// <summary>The scheme's name, for messages (<c>dpkg</c>, <c>rpm</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>Null when <paramref name="version"/> is a valid version; otherwise what is wrong with it.</summary>
    public abstract string? Validate(string version);

    /// <summary>Negative, zero or positive as <paramref name="x"/> sorts before, with or after <paramref name="y"/>.</summary>
    public abstract int Compare(string? x, string? y);

    /// <summary>The scheme an OSV ecosystem (<c>Debian:12</c>, <c>Alpine:v3.20</c>, <c>NuGet</c>) orders versions by, or null.</summary>
    public static VersionScheme? ForEcosystem(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        var family = colon < 0 ? ecosystem : ecosystem[..colon];
        return family.ToLowerInvariant() switch
        {
            "nuget" => NuGetVersionScheme.Instance,
            "debian" or "ubuntu" => DpkgVersionScheme.Instance,
            "alpine" => ApkVersionScheme.Instance,
            "red hat" or "almalinux" or "rocky linux" or "suse" or "opensuse" => RpmVersionScheme.Instance,
            "go" => SemVerScheme.Instance,
            _ => null,
        };
    }
}
