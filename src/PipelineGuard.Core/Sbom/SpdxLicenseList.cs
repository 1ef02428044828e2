using System.Collections.Frozen;
using System.Reflection;

namespace PipelineGuard.Sbom;

/// <summary>
/// The SPDX licence and exception ids, from an embedded list (one id per line, generated from the SPDX licence list
/// data; see docs/sbom.md). Lookups are case-insensitive, as SPDX ids are; <see cref="Canonical"/> gives the list's spelling.
/// The list marks the deprecated licence ids (a <c># deprecated:</c> line) and where the exception ids start (a
/// <c># exceptions</c> line).
/// </summary>
public static class SpdxLicenseList
{
    private static readonly Lazy<Entries> Data = new(Load);

    /// <summary>The version of the licence list data.</summary>
    public static string Version => Data.Value.Version;

    /// <summary>Whether <paramref name="id"/> is an SPDX licence (or exception) id.</summary>
    public static bool IsValidId(string id) => Data.Value.Ids.ContainsKey(id);

    /// <summary>The list's spelling of <paramref name="id"/>, or null when it is not an SPDX id.</summary>
    public static string? Canonical(string id) => Data.Value.Ids.TryGetValue(id, out var canonical) ? canonical : null;

    /// <summary>Whether <paramref name="id"/> is an SPDX licence id (not an exception id such as <c>Classpath-exception-2.0</c>).</summary>
    public static bool IsLicenseId(string id) => Data.Value.Ids.ContainsKey(id) && !Data.Value.Exceptions.Contains(id);

    /// <summary>Whether <paramref name="id"/> is a licence id the SPDX list marks as deprecated (<c>GPL-2.0</c>, <c>GPL-2.0+</c>, ...).</summary>
    public static bool IsDeprecated(string id) => Data.Value.Deprecated.Contains(id);

    /// <summary>Every licence id of the list (no exception ids), in the list's spelling.</summary>
    internal static IEnumerable<string> LicenseIds => Data.Value.Ids.Values.Where(id => !Data.Value.Exceptions.Contains(id));

    private static Entries Load()
    {
        using var stream = typeof(SpdxLicenseList).Assembly.GetManifestResourceStream("PipelineGuard.Sbom.spdx-ids.txt")
            ?? throw new InvalidOperationException("The embedded SPDX id list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var exceptions = new List<string>();
        var deprecated = new List<string>();
        var version = "unknown";
        var inExceptions = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                if (line.StartsWith("# deprecated:", StringComparison.Ordinal))
                {
                    deprecated.AddRange(line["# deprecated:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }
                else if (line.Trim() == "# exceptions")
                {
                    inExceptions = true;
                }
                else if (line.IndexOf("version ", StringComparison.Ordinal) is var marker and >= 0)
                {
                    version = line[(marker + 8)..].TrimEnd(',', ' ').Split(',')[0];
                }

                continue;
            }

            if (line.Length > 0)
            {
                ids[line] = line;
                if (inExceptions)
                {
                    exceptions.Add(line);
                }
            }
        }

        return new Entries(
            ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            exceptions.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            deprecated.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            version);
    }

    private sealed record Entries(FrozenDictionary<string, string> Ids, FrozenSet<string> Exceptions, FrozenSet<string> Deprecated, string Version);
}
