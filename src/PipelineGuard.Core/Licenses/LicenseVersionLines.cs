using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using PipelineGuard.Sbom;

namespace PipelineGuard.Licenses;

/// <summary>
/// What "or later" (<c>+</c>, <c>-or-later</c>) reaches: the later versions of the same licence. A version line is
/// every id of the SPDX licence list that is one name and a version number (<c>GPL-1.0</c>, <c>GPL-2.0</c>,
/// <c>GPL-3.0</c>; <c>LPPL-1.3a</c>, <c>LPPL-1.3c</c>), ordered by version; an id with anything after its version
/// (<c>CC-BY-3.0-US</c>, <c>GFDL-1.3-invariants</c>) is a licence of its own with no later version.
/// </summary>
internal static partial class LicenseVersionLines
{
    private static readonly Lazy<FrozenDictionary<string, string[]>> Lines = new(Build);

    /// <summary>The licences <paramref name="leaf"/> lets its user choose: itself, and with or-later every later version.</summary>
    public static IReadOnlyList<string> Permitted(LicenseLeaf leaf)
    {
        if (!leaf.OrLater || leaf.IsReference || !Lines.Value.TryGetValue(leaf.Licence, out var line))
        {
            return [leaf.Licence];
        }

        var at = Array.FindIndex(line, l => string.Equals(l, leaf.Licence, StringComparison.OrdinalIgnoreCase));
        return line[at..];
    }

    /// <summary>The version line <paramref name="licence"/> is on (itself alone when it has none).</summary>
    public static IReadOnlyList<string> LineOf(string licence) => Lines.Value.TryGetValue(licence, out var line) ? line : [licence];

    private static FrozenDictionary<string, string[]> Build()
    {
        var byStem = new Dictionary<string, List<(string Licence, string Version)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in SpdxLicenseList.LicenseIds)
        {
            var licence = LicenseLeaf.From(id, null).Licence;
            if (Versioned().Match(licence) is not { Success: true } match)
            {
                continue;
            }

            var stem = match.Groups["stem"].Value;
            if (!byStem.TryGetValue(stem, out var members))
            {
                byStem[stem] = members = [];
            }

            if (!members.Exists(m => string.Equals(m.Licence, licence, StringComparison.OrdinalIgnoreCase)))
            {
                members.Add((licence, match.Groups["version"].Value));
            }
        }

        var lines = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var members in byStem.Values)
        {
            var line = members.OrderBy(m => m.Version, VersionOrder.Instance).Select(m => m.Licence).ToArray();
            foreach (var licence in line)
            {
                lines[licence] = line;
            }
        }

        return lines.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^(?<stem>[A-Za-z][A-Za-z0-9.-]*?)-(?<version>[0-9]+(?:\.[0-9]+)*[a-z]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Versioned();

    /// <summary>Versions by their numbers (<c>1.02</c> after <c>1.0</c>, <c>2.0.1</c> after <c>2.0</c>), then a trailing letter.</summary>
    private sealed class VersionOrder : IComparer<string>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (a, aLetter) = Split(x!);
            var (b, bLetter) = Split(y!);
            for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
            {
                var left = i < a.Length ? a[i] : -1;
                var right = i < b.Length ? b[i] : -1;
                if (left != right)
                {
                    return left.CompareTo(right);
                }
            }

            return string.CompareOrdinal(aLetter, bLetter);
        }

        private static (long[] Numbers, string Letter) Split(string version)
        {
            var letter = char.IsAsciiLetter(version[^1]) ? version[^1..] : string.Empty;
            var numbers = version[..^letter.Length].Split('.').Select(n => long.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            return (numbers, letter);
        }
    }
}
