using System.Globalization;

namespace PipelineGuard.Vulnerabilities.Versions;

/// <summary>
/// NuGet's version order: SemVer 2.0 precedence with NuGet's normalisation. One to four numeric parts, missing parts
/// zero (<c>1.0</c> = <c>1.0.0.0</c>) and leading zeros dropped; a release beats its pre-releases; pre-release labels
/// compare one by one, numbers as numbers and before words, words without regard to case; build metadata is ignored.
/// </summary>
internal sealed class NuGetVersionScheme : VersionScheme
{
    public static NuGetVersionScheme Instance { get; } = new();

    public override string Name => "NuGet";

    public override string? Validate(string version) => Parse(version, out _, out _, out var problem) ? null : problem;

    public override int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Parse(x, out var px, out var lx, out _);
        Parse(y, out var py, out var ly, out _);
        for (var k = 0; k < 4; k++)
        {
            if (px[k] != py[k])
            {
                return px[k] < py[k] ? -1 : 1;
            }
        }

        return ComparePreRelease(lx, ly);
    }

    /// <summary>Pre-release labels by NuGet's rules: none is newest; numeric labels (as .NET reads an integer) come first.</summary>
    private static int ComparePreRelease(string[] x, string[] y)
    {
        if (x.Length == 0 || y.Length == 0)
        {
            return x.Length == y.Length ? 0 : x.Length == 0 ? 1 : -1;
        }

        for (var k = 0; k < Math.Min(x.Length, y.Length); k++)
        {
            var xNumeric = int.TryParse(x[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out var xn);
            var yNumeric = int.TryParse(y[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out var yn);
            int rc;
            if (xNumeric && yNumeric)
            {
                rc = xn.CompareTo(yn);
            }
            else if (xNumeric || yNumeric)
            {
                rc = xNumeric ? -1 : 1;
            }
            else
            {
                rc = StringComparer.OrdinalIgnoreCase.Compare(x[k], y[k]);
            }

            if (rc != 0)
            {
                return rc < 0 ? -1 : 1;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static bool Parse(string version, out long[] parts, out string[] labels, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(version);
        parts = new long[4];
        labels = [];
        problem = null;
        var text = version;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            var metadata = text[(plus + 1)..];
            if (metadata.Length == 0 || metadata.Split('.').Any(m => m.Length == 0 || !m.All(IsLabelCharacter)))
            {
                problem = "the build metadata after '+' is not dot-separated letters, digits and hyphens";
                return false;
            }

            text = text[..plus];
        }

        var hyphen = text.IndexOf('-', StringComparison.Ordinal);
        if (hyphen >= 0)
        {
            labels = text[(hyphen + 1)..].Split('.');
            if (labels.Any(l => l.Length == 0 || !l.All(IsLabelCharacter)))
            {
                problem = "the pre-release after '-' is not dot-separated letters, digits and hyphens";
                labels = [];
                return false;
            }

            if (labels.Any(l => l.Length > 1 && l[0] == '0' && l.All(char.IsAsciiDigit)))
            {
                problem = "a numeric pre-release label has a leading zero";
                labels = [];
                return false;
            }

            text = text[..hyphen];
        }

        var numbers = text.Split('.');
        if (numbers.Length > 4)
        {
            problem = "a NuGet version has at most four numbers";
            return false;
        }

        for (var k = 0; k < numbers.Length; k++)
        {
            if (numbers[k].Length == 0 || !numbers[k].All(char.IsAsciiDigit) || !int.TryParse(numbers[k], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                problem = $"'{numbers[k]}' is not a version number";
                return false;
            }

            parts[k] = n;
        }

        return true;
    }

    private static bool IsLabelCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';
}
