using PipelineGuard.Sbom;

namespace PipelineGuard.Vulnerabilities.Osv;

/// <summary>
/// OSV ecosystems as index keys, and the key a component's package URL belongs under. Keys are lower case:
/// <c>nuget</c>, <c>go</c>, <c>debian:12</c>, <c>ubuntu:22.04</c>, <c>alpine:v3.20</c>, <c>almalinux:9</c>,
/// <c>rocky linux:9</c>, <c>red hat:9</c>, <c>suse:linux enterprise server 15 sp5</c>, <c>opensuse:leap 15.5</c>.
/// </summary>
internal static class OsvEcosystems
{
    /// <summary>The index key of an OSV ecosystem name as a record spells it.</summary>
    public static string Key(string ecosystem)
    {
        var parts = ecosystem.Split(':');
        var family = parts[0].Trim().ToLowerInvariant();
        switch (family)
        {
            case "ubuntu":
                // Ubuntu:22.04:LTS and Ubuntu:Pro:18.04:LTS describe the release 22.04 (18.04).
                var release = parts.Skip(1).FirstOrDefault(p => p.Length > 0 && char.IsAsciiDigit(p[0]));
                return release is null ? family : $"ubuntu:{release}";
            case "red hat":
                // Red Hat:enterprise_linux:9::appstream: the major release is the first all-digit part.
                var major = parts.Skip(1).FirstOrDefault(p => p.Length > 0 && p.All(char.IsAsciiDigit));
                return major is null ? family : $"red hat:{major}";
            default:
                return ecosystem.Trim().ToLowerInvariant();
        }
    }

    /// <summary>The index key and the package names (binary, then source) a component's purl is looked up under; null for purls of no OSV ecosystem.</summary>
    public static (string Key, IReadOnlyList<string> Names, string Version)? ForPurl(PackageUrl purl, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(purl);
        problem = null;
        if (purl.Version is not { Length: > 0 } version)
        {
            problem = "the package URL has no version";
            return null;
        }

        var distro = purl.Qualifiers.GetValueOrDefault("distro");
        var upstream = purl.Qualifiers.GetValueOrDefault("upstream");
        switch (purl.Type)
        {
            case "nuget":
                return ("nuget", [purl.Name.ToLowerInvariant()], version);
            case "golang":
                return ("go", [(purl.Namespace is null ? purl.Name : $"{purl.Namespace}/{purl.Name}").ToLowerInvariant()], version);
            case "deb":
            case "apk":
            case "rpm":
                var key = DistroKey(purl.Type, purl.Namespace, distro);
                if (key is null)
                {
                    problem = distro is null
                        ? "the package URL has no distro qualifier, so the distribution release to match is unknown"
                        : $"the distro '{distro}' maps to no OSV ecosystem";
                    return null;
                }

                var names = new List<string> { purl.Name.ToLowerInvariant() };
                if (upstream is { Length: > 0 } source)
                {
                    var sourceName = purl.Type == "rpm" ? SourceRpmName(source) : source;
                    if (sourceName is not null && !names.Contains(sourceName.ToLowerInvariant()))
                    {
                        names.Add(sourceName.ToLowerInvariant());
                    }
                }

                var epoch = purl.Qualifiers.GetValueOrDefault("epoch");
                return (key, names, purl.Type == "rpm" && epoch is { Length: > 0 } && !version.Contains(':', StringComparison.Ordinal) ? $"{epoch}:{version}" : version);
            default:
                return null;
        }
    }

    private static string? DistroKey(string type, string? ns, string? distro)
    {
        if (distro is null)
        {
            return null;
        }

        // distro=debian-12, ubuntu-22.04, alpine-3.20.1, almalinux-9.4, rocky-9.4, rhel-9.4, sles-15.5, opensuse-leap-15.5
        var dash = distro.LastIndexOf('-');
        var id = (dash < 0 ? ns ?? string.Empty : distro[..dash]).ToLowerInvariant();
        var release = dash < 0 ? distro : distro[(dash + 1)..];
        var numbers = release.Split('.');
        string MajorMinor() => numbers.Length >= 2 ? $"{numbers[0]}.{numbers[1]}" : numbers[0];
        return (type, id) switch
        {
            ("deb", "debian") => $"debian:{numbers[0]}",
            ("deb", "ubuntu") => $"ubuntu:{MajorMinor()}",
            ("apk", "alpine") => $"alpine:v{MajorMinor()}",
            ("rpm", "almalinux") => $"almalinux:{numbers[0]}",
            ("rpm", "rocky") => $"rocky linux:{numbers[0]}",
            ("rpm", "rhel" or "redhat") => $"red hat:{numbers[0]}",
            ("rpm", "sles") => numbers.Length >= 2 && numbers[1] != "0" ? $"suse:linux enterprise server {numbers[0]} sp{numbers[1]}" : $"suse:linux enterprise server {numbers[0]}",
            ("rpm", "opensuse-leap") => $"opensuse:leap {MajorMinor()}",
            _ => null,
        };
    }

    // openssl-3.0.7-27.el9.src.rpm -> openssl: the name is what precedes the last two hyphens.
    private static string? SourceRpmName(string sourceRpm)
    {
        var text = sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? sourceRpm[..^8] : sourceRpm;
        var release = text.LastIndexOf('-');
        var version = release > 0 ? text.LastIndexOf('-', release - 1) : -1;
        return version > 0 ? text[..version] : null;
    }
}
