using System.Globalization;

namespace PipelineGuard.Vulnerabilities.Versions;

/// <summary>
/// Semantic Versioning 2.0.0 precedence (semver.org, item 11), as OSV's <c>SEMVER</c> ranges and the Go ecosystem use
/// it: <c>MAJOR.MINOR.PATCH[-pre][+build]</c>, a leading <c>v</c> allowed, build metadata ignored, pre-release
/// identifiers compared numerically when all digits (and then before alphanumeric ones), otherwise in ASCII order.
/// </summary>
internal sealed class SemVerScheme : VersionScheme
{
    public static SemVerScheme Instance { get; } = new();

    public override string Name => "SemVer";

    public override string? Validate(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var (core, pre) = Split(version);
        var numbers = core.Split('.');
        if (numbers.Length != 3 || numbers.Any(n => n.Length == 0 || !n.All(char.IsAsciiDigit)))
        {
            return "a semantic version is MAJOR.MINOR.PATCH";
        }

        if (pre is not null && pre.Split('.').Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return "the pre-release after '-' is not dot-separated letters, digits and hyphens";
        }

        return null;
    }

    public override int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var (cx, px) = Split(x);
        var (cy, py) = Split(y);
        var nx = cx.Split('.');
        var ny = cy.Split('.');
        for (var k = 0; k < Math.Max(nx.Length, ny.Length); k++)
        {
            var rc = CompareNumbers(k < nx.Length ? nx[k] : "0", k < ny.Length ? ny[k] : "0");
            if (rc != 0)
            {
                return rc;
            }
        }

        if (px is null || py is null)
        {
            return px is null && py is null ? 0 : px is null ? 1 : -1;
        }

        var ix = px.Split('.');
        var iy = py.Split('.');
        for (var k = 0; k < Math.Min(ix.Length, iy.Length); k++)
        {
            var xNumeric = ix[k].Length > 0 && ix[k].All(char.IsAsciiDigit);
            var yNumeric = iy[k].Length > 0 && iy[k].All(char.IsAsciiDigit);
            var rc = xNumeric && yNumeric ? CompareNumbers(ix[k], iy[k])
                : xNumeric ? -1
                : yNumeric ? 1
                : Math.Sign(string.CompareOrdinal(ix[k], iy[k]));
            if (rc != 0)
            {
                return rc;
            }
        }

        return ix.Length.CompareTo(iy.Length);
    }

    private static (string Core, string? PreRelease) Split(string version)
    {
        var text = version.StartsWith('v') ? version[1..] : version;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            text = text[..plus];
        }

        var hyphen = text.IndexOf('-', StringComparison.Ordinal);
        return hyphen < 0 ? (text, null) : (text[..hyphen], text[(hyphen + 1)..]);
    }

    // Digit strings of any length, compared as numbers.
    private static int CompareNumbers(string a, string b)
    {
        var x = a.TrimStart('0');
        var y = b.TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : Math.Sign(string.CompareOrdinal(x, y));
    }
}
