using System.Diagnostics.CodeAnalysis;

namespace PipelineGuard.Sbom;

/// <summary>One SBOM format: the name every front end and the policy use, its enum, its file suffix and its writer.</summary>
/// <param name="Name">The name (<c>cyclonedx-json</c>).</param>
/// <param name="Format">The enum value.</param>
/// <param name="Extension">The file name suffix (<c>.cdx.json</c>).</param>
/// <param name="Write">Writes a document to a stream (the spec version applies to CycloneDX).</param>
public sealed record SbomFormatEntry(string Name, SbomFormat Format, string Extension, Action<SbomDocument, Stream, CycloneDxSpecVersion> Write);

/// <summary>
/// The one table of SBOM formats and CycloneDX spec versions: the command line's choices, the MSBuild properties, the
/// policy's <c>sbom.format</c> and the writers all read it, so a new format is one row here plus its writer.
/// </summary>
public static class SbomFormats
{
    /// <summary>Every format, the default first.</summary>
    public static IReadOnlyList<SbomFormatEntry> All { get; } =
    [
        new("cyclonedx-json", SbomFormat.CycloneDxJson, ".cdx.json", (document, stream, spec) => CycloneDxJsonWriter.Write(document, stream, spec)),
        new("cyclonedx-xml", SbomFormat.CycloneDxXml, ".cdx.xml", CycloneDxXmlWriter.Write),
        new("spdx-json", SbomFormat.SpdxJson, ".spdx.json", (document, stream, _) => SpdxJsonWriter.Write(document, stream)),
    ];

    /// <summary>The format names, in table order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The CycloneDX spec versions by name, the default first.</summary>
    public static IReadOnlyList<(string Name, CycloneDxSpecVersion Version)> SpecVersions { get; } =
    [
        ("1.6", CycloneDxSpecVersion.V1_6),
        ("1.7", CycloneDxSpecVersion.V1_7),
    ];

    /// <summary>The spec version names, in table order.</summary>
    public static IReadOnlyList<string> SpecVersionNames { get; } = [.. SpecVersions.Select(v => v.Name)];

    /// <summary>The entry of <paramref name="format"/>.</summary>
    public static SbomFormatEntry Get(SbomFormat format) =>
        All.FirstOrDefault(f => f.Format == format) ?? throw new ArgumentOutOfRangeException(nameof(format), format, "not an SBOM format");

    /// <summary>Finds a format by name (case-insensitive); false for an unknown name.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out SbomFormatEntry? entry)
    {
        entry = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        return entry is not null;
    }

    /// <summary>Finds a CycloneDX spec version by name; false for an unknown one.</summary>
    public static bool TryParseSpecVersion(string? name, out CycloneDxSpecVersion version)
    {
        foreach (var (known, value) in SpecVersions)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                version = value;
                return true;
            }
        }

        version = default;
        return false;
    }
}
