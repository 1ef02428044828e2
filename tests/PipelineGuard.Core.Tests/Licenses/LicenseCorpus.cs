using PipelineGuard.Licenses;
using PipelineGuard.Sbom;

namespace PipelineGuard.Core.Tests.Licenses;

/// <summary>
/// Generated licence questions (fixed seeds, so every run asks the same ones) for the comparison with spdx-satisfies.
/// </summary>
/// <remarks>
/// The pool leaves out ids on which spdx-satisfies 6.0.0 is known to answer otherwise than SPDX means, so that a
/// disagreement always points at this project's evaluator: its suffix test (<c>endsWith</c> by <c>indexOf</c>) takes
/// every bare id of exactly 8 characters for <c>-or-later</c> (<c>LGPL-2.1</c> becomes <c>LGPL-2.1+</c>,
/// <c>CDDL-1.0</c> <c>CDDL-1.0+</c>) and every id of 4 for <c>-only</c> (<c>Zlib+</c> becomes <c>Zlib</c>); and its
/// or-later data (spdx-ranges) stops at EUPL-1.1 and CECILL-2.0 and puts MPL-2.0-no-copyleft-exception after
/// MPL-1.1, where this project follows the SPDX list (<see cref="LicenseVersionLines"/>). Those cases are pinned by
/// <see cref="LicenseEvaluatorTests"/> instead.
/// </remarks>
internal static class LicenseCorpus
{
    /// <summary>The licences the questions are made of, as they are written in expressions.</summary>
    public static readonly string[] Pool =
    [
        "MIT", "ISC", "Apache-1.0", "Apache-1.1", "Apache-2.0", "Apache-1.1+", "BSD-2-Clause", "BSD-3-Clause", "Unlicense", "BSL-1.0", "CC0-1.0", "WTFPL",
        "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "GPL-2.0+", "GPL-2.0", "GPL-3.0",
        "LGPL-2.0-only", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "LGPL-2.1+",
        "AGPL-1.0-only", "AGPL-3.0-only", "AGPL-3.0-or-later", "MPL-1.0", "MPL-1.1", "MPL-2.0", "MPL-1.1+", "EPL-1.0", "EPL-2.0", "EPL-1.0+",
        "AFL-1.1", "AFL-2.0", "AFL-2.1+", "AFL-3.0", "CC-BY-2.0", "CC-BY-3.0+", "CC-BY-4.0", "Artistic-1.0", "Artistic-2.0", "Artistic-1.0+",
        "OSL-1.0+", "OSL-2.1", "OSL-3.0",
    ];

    /// <summary>The exceptions leaves may carry.</summary>
    public static readonly string[] Exceptions = ["Classpath-exception-2.0", "LLVM-exception", "GCC-exception-3.1"];

    /// <summary>Expressions with allow lists.</summary>
    public static List<(string Expression, string[] Allow)> AllowCases(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (Expression(random, 0), Enumerable.Range(0, random.Next(1, 6)).Select(_ => Leaf(random, 0.15)).Distinct(StringComparer.Ordinal).ToArray())).ToList();
    }

    /// <summary>Expressions with deny lists.</summary>
    public static List<(string Expression, string[] Deny)> DenyCases(int count, int seed)
    {
        var random = new Random(seed);
        string[] families = ["copyleft", "copyleft-strong", "copyleft-weak", "copyleft-network"];
        return Enumerable.Range(0, count)
            .Select(_ => (Expression(random, 0), Enumerable.Range(0, random.Next(1, 7)).Select(_ => random.NextDouble() < 0.2 ? families[random.Next(families.Length)] : Leaf(random, 0.15)).Distinct(StringComparer.Ordinal).ToArray()))
            .ToList();
    }

    /// <summary>
    /// Every licence on the version lines of the pool, with no exception and with each exception, written as
    /// spdx-satisfies reads them unchanged (the <c>-only</c> form where the SPDX list has one).
    /// </summary>
    public static IEnumerable<(string Written, string Licence, string? Exception)> Universe()
    {
        var licences = Pool.Select(p => LicenseLeaf.From(p, null).Licence)
            .SelectMany(LicenseVersionLines.LineOf)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
        foreach (var licence in licences)
        {
            var written = SpdxLicenseList.IsLicenseId(licence + "-only") ? licence + "-only" : licence;
            yield return (written, licence, null);
            foreach (var exception in Exceptions)
            {
                yield return ($"{written} WITH {exception}", licence, exception);
            }
        }
    }

    private static string Expression(Random random, int depth)
    {
        if (depth >= 3 || random.NextDouble() < 0.35 + (0.2 * depth))
        {
            return Leaf(random, 0.2);
        }

        var op = random.Next(2) == 0 ? " AND " : " OR ";
        var operands = Enumerable.Range(0, random.Next(2, 4)).Select(_ =>
        {
            var inner = Expression(random, depth + 1);
            return inner.Contains(" AND ", StringComparison.Ordinal) || inner.Contains(" OR ", StringComparison.Ordinal) ? $"({inner})" : inner;
        });
        return string.Join(op, operands);
    }

    private static string Leaf(Random random, double withException)
    {
        var licence = Pool[random.Next(Pool.Length)];
        return random.NextDouble() < withException ? $"{licence} WITH {Exceptions[random.Next(Exceptions.Length)]}" : licence;
    }
}
