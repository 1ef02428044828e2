using System.Globalization;

namespace PipelineGuard.Vulnerabilities.Versions;

/// <summary>
/// RPM's version order: <c>[epoch:]version[-release]</c>, the epoch as a number (absent is 0), then version and
/// release by rpmvercmp's rules: separators (anything but letters, digits, <c>~</c> and <c>^</c>) only split segments;
/// <c>~</c> sorts before everything, the end included; <c>^</c> sorts after the end but before anything else; a digit
/// segment beats a letter segment; digit segments compare as numbers, letter segments as bytes.
/// </summary>
internal sealed class RpmVersionScheme : VersionScheme
{
    public static RpmVersionScheme Instance { get; } = new();

    public override string Name => "rpm";

    public override string? Validate(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Length == 0)
        {
            return "the version is empty";
        }

        var (epoch, body, release) = Split(version);
        if (epoch is not null && (epoch.Length == 0 || !epoch.All(char.IsAsciiDigit) || !long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return $"the epoch '{epoch}' is not a number";
        }

        if (body.Length == 0)
        {
            return "the version is empty";
        }

        if (release is { Length: 0 })
        {
            return "the release after '-' is empty";
        }

        foreach (var c in version)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c > 0x7E)
            {
                return $"the version holds '{c}'";
            }
        }

        return null;
    }

    public override int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var (ex, vx, rx) = Split(x);
        var (ey, vy, ry) = Split(y);
        var epochX = string.IsNullOrEmpty(ex) ? 0L : long.Parse(ex, CultureInfo.InvariantCulture);
        var epochY = string.IsNullOrEmpty(ey) ? 0L : long.Parse(ey, CultureInfo.InvariantCulture);
        if (epochX != epochY)
        {
            return epochX < epochY ? -1 : 1;
        }

        var rc = CompareSegments(vx, vy);
        return rc != 0 ? rc : CompareSegments(rx ?? string.Empty, ry ?? string.Empty);
    }

    private static (string? Epoch, string Version, string? Release) Split(string evr)
    {
        string? epoch = null;
        var rest = evr;
        var colon = evr.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            epoch = evr[..colon];
            rest = evr[(colon + 1)..];
        }

        var hyphen = rest.LastIndexOf('-');
        return hyphen < 0 ? (epoch, rest, null) : (epoch, rest[..hyphen], rest[(hyphen + 1)..]);
    }

    private static bool IsSegmentCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '~' or '^';

    /// <summary>rpmvercmp over one field (version or release).</summary>
    internal static int CompareSegments(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !IsSegmentCharacter(a[i]))
            {
                i++;
            }

            while (j < b.Length && !IsSegmentCharacter(b[j]))
            {
                j++;
            }

            var ca = i < a.Length ? a[i] : '\0';
            var cb = j < b.Length ? b[j] : '\0';
            if (ca == '~' || cb == '~')
            {
                if (ca != '~')
                {
                    return 1;
                }

                if (cb != '~')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '^' || cb == '^')
            {
                if (ca == '\0')
                {
                    return -1;
                }

                if (cb == '\0')
                {
                    return 1;
                }

                if (ca != '^')
                {
                    return 1;
                }

                if (cb != '^')
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (ca == '\0' || cb == '\0')
            {
                break;
            }

            var numeric = char.IsAsciiDigit(ca);
            var endA = i;
            var endB = j;
            if (numeric)
            {
                while (endA < a.Length && char.IsAsciiDigit(a[endA]))
                {
                    endA++;
                }

                while (endB < b.Length && char.IsAsciiDigit(b[endB]))
                {
                    endB++;
                }
            }
            else
            {
                while (endA < a.Length && char.IsAsciiLetter(a[endA]))
                {
                    endA++;
                }

                while (endB < b.Length && char.IsAsciiLetter(b[endB]))
                {
                    endB++;
                }
            }

            // Segments of different kinds: a number is newer than letters.
            if (endB == j)
            {
                return numeric ? 1 : -1;
            }

            var segmentA = a.AsSpan(i, endA - i);
            var segmentB = b.AsSpan(j, endB - j);
            if (numeric)
            {
                segmentA = segmentA.TrimStart('0');
                segmentB = segmentB.TrimStart('0');
                if (segmentA.Length != segmentB.Length)
                {
                    return segmentA.Length < segmentB.Length ? -1 : 1;
                }
            }

            var rc = segmentA.SequenceCompareTo(segmentB);
            if (rc != 0)
            {
                return rc < 0 ? -1 : 1;
            }

            i = endA;
            j = endB;
        }

        if (i >= a.Length && j >= b.Length)
        {
            return 0;
        }

        return i >= a.Length ? -1 : 1;
    }
}
