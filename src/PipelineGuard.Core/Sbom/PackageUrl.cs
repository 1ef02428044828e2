using System.Text;

namespace PipelineGuard.Sbom;

/// <summary>
/// A package URL (purl): <c>pkg:type/namespace/name@version?qualifiers#subpath</c>, encoded per the purl specification:
/// type lower-cased, each namespace segment, the name and the version percent-encoded, qualifier keys lower-cased and
/// sorted, empty qualifier values dropped. Works for any purl type (nuget, deb, apk, rpm, oci, generic, ...).
/// </summary>
public sealed record PackageUrl
{
    /// <summary>Creates a purl; <paramref name="qualifiers"/> may be null or empty.</summary>
    public PackageUrl(string type, string? @namespace, string name, string? version, IEnumerable<KeyValuePair<string, string>>? qualifiers = null, string? subpath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Type = type.ToLowerInvariant();
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Name = name;
        Version = string.IsNullOrEmpty(version) ? null : version;
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (qualifiers is not null)
        {
            foreach (var (key, value) in qualifiers)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    sorted[key.ToLowerInvariant()] = value;
                }
            }
        }

        Qualifiers = sorted;
        Subpath = string.IsNullOrEmpty(subpath) ? null : subpath.Trim('/');
    }

    /// <summary>The package type, lower case (<c>nuget</c>, <c>deb</c>, ...).</summary>
    public string Type { get; }

    /// <summary>The namespace (for example the distribution vendor of a deb), or null.</summary>
    public string? Namespace { get; }

    /// <summary>The package name, as the ecosystem spells it.</summary>
    public string Name { get; }

    /// <summary>The version, or null.</summary>
    public string? Version { get; }

    /// <summary>Qualifiers sorted by key (keys lower case, empty values dropped).</summary>
    public IReadOnlyDictionary<string, string> Qualifiers { get; }

    /// <summary>The subpath, or null.</summary>
    public string? Subpath { get; }

    /// <summary>A NuGet purl, <c>pkg:nuget/Name@Version</c> (NuGet ids keep their case).</summary>
    public static PackageUrl NuGet(string id, string version) => new("nuget", null, id, version);

    /// <summary>The canonical string form.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("pkg:");
        builder.Append(Type).Append('/');
        if (Namespace is not null)
        {
            foreach (var segment in Namespace.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                AppendEncoded(builder, segment);
                builder.Append('/');
            }
        }

        AppendEncoded(builder, Name);
        if (Version is not null)
        {
            builder.Append('@');
            AppendEncoded(builder, Version);
        }

        var first = true;
        foreach (var (key, value) in Qualifiers)
        {
            builder.Append(first ? '?' : '&').Append(key).Append('=');
            AppendEncoded(builder, value);
            first = false;
        }

        if (Subpath is not null)
        {
            builder.Append('#');
            var firstSegment = true;
            foreach (var segment in Subpath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment is "." or "..")
                {
                    continue;
                }

                if (!firstSegment)
                {
                    builder.Append('/');
                }

                AppendEncoded(builder, segment);
                firstSegment = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>Parses a purl string; returns null when it is not one.</summary>
    public static PackageUrl? TryParse(string? text)
    {
        if (text is null || !text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[4..].TrimStart('/');
        string? subpath = null;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            subpath = Decode(rest[(hash + 1)..]);
            rest = rest[..hash];
        }

        var qualifiers = new List<KeyValuePair<string, string>>();
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return null;
                }

                qualifiers.Add(new(pair[..eq], Decode(pair[(eq + 1)..])));
            }

            rest = rest[..question];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var type = rest[..slash];
        rest = rest[(slash + 1)..].TrimEnd('/');
        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            version = Decode(rest[(at + 1)..]);
            rest = rest[..at];
        }

        var lastSlash = rest.LastIndexOf('/');
        var name = Decode(lastSlash >= 0 ? rest[(lastSlash + 1)..] : rest);
        var ns = lastSlash >= 0 ? string.Join('/', rest[..lastSlash].Split('/').Select(Decode)) : null;
        return name.Length == 0 ? null : new PackageUrl(type, ns, name, version, qualifiers, subpath);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value);

    // The purl spec leaves only unreserved characters (ALPHA DIGIT - . _ ~) unencoded in components; ':' is also
    // allowed unencoded. Everything else is UTF-8 percent-encoded with upper-case hex.
    private static void AppendEncoded(StringBuilder builder, string value)
    {
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~' or ':'))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < length; i++)
            {
                builder.Append('%').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
