using System.Collections.Frozen;
using System.Reflection;

namespace PipelineGuard.Sbom;

/// <summary>
/// The SPDX licence and exception ids, from an embedded list (one id per line, generated from the SPDX licence list
/// data; see docs/sbom.md). Lookups are case-insensitive, as SPDX ids are; <see cref="Canonical"/> gives the list's spelling.
/// </summary>
public static class SpdxLicenseList
{
    private static readonly Lazy<(FrozenDictionary<string, string> Ids, string Version)> Data = new(Load);

    /// <summary>The version of the licence list data.</summary>
    public static string Version => Data.Value.Version;

    /// <summary>Whether <paramref name="id"/> is an SPDX licence (or exception) id.</summary>
    public static bool IsValidId(string id) => Data.Value.Ids.ContainsKey(id);

    /// <summary>The list's spelling of <paramref name="id"/>, or null when it is not an SPDX id.</summary>
    public static string? Canonical(string id) => Data.Value.Ids.TryGetValue(id, out var canonical) ? canonical : null;

    private static (FrozenDictionary<string, string>, string) Load()
    {
        using var stream = typeof(SpdxLicenseList).Assembly.GetManifestResourceStream("PipelineGuard.Sbom.spdx-ids.txt")
            ?? throw new InvalidOperationException("The embedded SPDX id list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var version = "unknown";
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                var marker = line.IndexOf("version ", StringComparison.Ordinal);
                if (marker >= 0)
                {
                    version = line[(marker + 8)..].TrimEnd(',', ' ').Split(',')[0];
                }

                continue;
            }

            if (line.Length > 0)
            {
                ids[line] = line;
            }
        }

        return (ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), version);
    }
}
