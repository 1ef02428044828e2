namespace PipelineGuard.Vulnerabilities.Versions;

/// <summary>
/// Debian's version order (deb-version(7)): <c>[epoch:]upstream[-revision]</c>, the epoch compared as a number, then
/// upstream and revision each by alternating runs: a non-digit run character by character where <c>~</c> sorts before
/// everything (the end of the string included), letters before every other character, and a digit run as a number.
/// </summary>
internal sealed class DpkgVersionScheme : VersionScheme
{
    public static DpkgVersionScheme Instance { get; } = new();

    public override string Name => "dpkg";

    public override string? Validate(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var (epoch, upstream, revision) = Split(version);
        if (version.Length == 0)
        {
            return "the version is empty";
        }

        if (epoch.Length > 0 && (!epoch.All(char.IsAsciiDigit) || !int.TryParse(epoch, out _)))
        {
            return $"the epoch '{epoch}' is not a number";
        }

        if (version.Contains(':', StringComparison.Ordinal) && epoch.Length == 0)
        {
            return "the epoch before ':' is empty";
        }

        if (upstream.Length == 0)
        {
            return "the upstream version is empty";
        }

        if (!char.IsAsciiDigit(upstream[0]))
        {
            return "the upstream version does not start with a digit";
        }

        if (revision is { Length: 0 })
        {
            return "the revision after '-' is empty";
        }

        foreach (var c in upstream)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~' or '-' or ':'))
            {
                return $"the upstream version holds '{c}'";
            }
        }

        foreach (var c in revision ?? string.Empty)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~'))
            {
                return $"the revision holds '{c}'";
            }
        }

        return null;
    }

    public override int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var (ex, ux, rx) = Split(x);
        var (ey, uy, ry) = Split(y);
        var epochX = ex.Length == 0 ? 0L : long.Parse(ex, System.Globalization.CultureInfo.InvariantCulture);
        var epochY = ey.Length == 0 ? 0L : long.Parse(ey, System.Globalization.CultureInfo.InvariantCulture);
        if (epochX != epochY)
        {
            return epochX < epochY ? -1 : 1;
        }

        var upstream = CompareRuns(ux, uy);
        return upstream != 0 ? upstream : CompareRuns(rx ?? string.Empty, ry ?? string.Empty);
    }

    private static (string Epoch, string Upstream, string? Revision) Split(string version)
    {
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        var epoch = colon < 0 ? string.Empty : version[..colon];
        var rest = colon < 0 ? version : version[(colon + 1)..];
        var hyphen = rest.LastIndexOf('-');
        return hyphen < 0 ? (epoch, rest, null) : (epoch, rest[..hyphen], rest[(hyphen + 1)..]);
    }

    // The weight of one character of a non-digit run; the end of the string and a digit weigh 0.
    private static int Weight(string s, int i)
    {
        if (i >= s.Length || char.IsAsciiDigit(s[i]))
        {
            return 0;
        }

        var c = s[i];
        return c == '~' ? -1 : char.IsAsciiLetter(c) ? c : c + 256;
    }

    private static int CompareRuns(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var wa = Weight(a, i);
                var wb = Weight(b, j);
                if (wa != wb)
                {
                    return wa < wb ? -1 : 1;
                }

                i++;
                j++;
            }

            while (i < a.Length && a[i] == '0')
            {
                i++;
            }

            while (j < b.Length && b[j] == '0')
            {
                j++;
            }

            var firstDifference = 0;
            while (i < a.Length && j < b.Length && char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                if (firstDifference == 0)
                {
                    firstDifference = a[i] - b[j];
                }

                i++;
                j++;
            }

            if (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                return 1;
            }

            if (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                return -1;
            }

            if (firstDifference != 0)
            {
                return firstDifference < 0 ? -1 : 1;
            }
        }

        return 0;
    }
}
