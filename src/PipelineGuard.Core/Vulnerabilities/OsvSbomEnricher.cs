using PipelineGuard.Sbom;
using PipelineGuard.Vulnerabilities.Osv;
using PipelineGuard.Vulnerabilities.Vex;

namespace PipelineGuard.Vulnerabilities;

/// <summary>What <see cref="OsvSbomEnricher.Enrich"/> returns: the document with vulnerabilities, or what stopped it.</summary>
/// <param name="Document">The SBOM with the found and the VEX-suppressed vulnerabilities added; null when something could not be read.</param>
/// <param name="Errors">Sources, VEX files, records or versions that could not be read (each naming the file and field).</param>
/// <param name="Found">How many (component, advisory) matches no VEX statement suppressed.</param>
/// <param name="Suppressed">How many VEX suppressed.</param>
public sealed record OsvSbomEnrichment(SbomDocument? Document, IReadOnlyList<string> Errors, int Found, int Suppressed);

/// <summary>
/// Adds the known vulnerabilities of offline OSV data (folders or all.zip exports) to an SBOM: the <c>sbom</c> verb's
/// <c>--vulnerabilities --vuln-db</c>. Fails closed: anything that cannot be read leaves no document, since an SBOM
/// without a vulnerability would read as "checked, none".
/// </summary>
public static class OsvSbomEnricher
{
    /// <summary>Matches <paramref name="document"/> against <paramref name="sources"/>, applying <paramref name="vexFiles"/>.</summary>
    public static OsvSbomEnrichment Enrich(SbomDocument document, IReadOnlyList<string> sources, IReadOnlyList<string> vexFiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(vexFiles);
        using var database = OsvDatabase.Open(sources, cancellationToken);
        var (vex, vexErrors) = VexStatements.Load(vexFiles);
        var result = VulnerabilityMatcher.Match(document, database, vex);
        var errors = database.Errors.Concat(vexErrors).Concat(result.Unchecked.Select(u => u.Reason)).ToList();
        if (errors.Count > 0)
        {
            return new OsvSbomEnrichment(null, errors, 0, 0);
        }

        var enriched = document with { Vulnerabilities = [.. document.Vulnerabilities, .. VulnerabilityGate.ToSbom(result.Matches, document)] };
        return new OsvSbomEnrichment(enriched, [], result.Matches.Count(m => m.SuppressedBy is null), result.Matches.Count(m => m.SuppressedBy is not null));
    }
}
