using System.Globalization;

namespace PipelineGuard.Vulnerabilities;

/// <summary>
/// The CVSS v3.0/v3.1 base score of a vector (FIRST's specification, section 7.1, with v3.1's Roundup). v4.0 vectors
/// have no closed formula (their score comes from FIRST's lookup table), so an advisory with only a v4.0 vector falls
/// back to its source's rating.
/// </summary>
internal static class Cvss
{
    /// <summary>The base score of a <c>CVSS:3.x/AV:../AC:../PR:../UI:../S:../C:../I:../A:..</c> vector, or null when it is not one.</summary>
    public static double? BaseScoreV3(string vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var parts = vector.Split('/');
        if (parts.Length < 9 || parts[0] is not ("CVSS:3.0" or "CVSS:3.1"))
        {
            return null;
        }

        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            metrics[part[..colon]] = part[(colon + 1)..];
        }

        string M(string key) => metrics.GetValueOrDefault(key) ?? string.Empty;
        var changed = M("S") == "C";
        double? av = M("AV") switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, "P" => 0.2, _ => null };
        double? ac = M("AC") switch { "L" => 0.77, "H" => 0.44, _ => null };
        double? pr = M("PR") switch { "N" => 0.85, "L" => changed ? 0.68 : 0.62, "H" => changed ? 0.5 : 0.27, _ => null };
        double? ui = M("UI") switch { "N" => 0.85, "R" => 0.62, _ => null };
        static double? Cia(string value) => value switch { "H" => 0.56, "L" => 0.22, "N" => 0, _ => null };
        var (c, i, a) = (Cia(M("C")), Cia(M("I")), Cia(M("A")));
        if (av is null || ac is null || pr is null || ui is null || c is null || i is null || a is null || M("S") is not ("U" or "C"))
        {
            return null;
        }

        var iss = 1 - ((1 - c.Value) * (1 - i.Value) * (1 - a.Value));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * av.Value * ac.Value * pr.Value * ui.Value;
        if (impact <= 0)
        {
            return 0;
        }

        return Roundup(Math.Min(changed ? 1.08 * (impact + exploitability) : impact + exploitability, 10));
    }

    // CVSS v3.1 Appendix A: the smallest number with one decimal that is not below the input, free of float noise.
    private static double Roundup(double value)
    {
        var integer = (long)Math.Round(value * 100000);
        return integer % 10000 == 0 ? integer / 100000.0 : (Math.Floor(integer / 10000.0) + 1) / 10.0;
    }

    /// <summary>The score as the reports print it (one decimal, invariant culture).</summary>
    public static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
