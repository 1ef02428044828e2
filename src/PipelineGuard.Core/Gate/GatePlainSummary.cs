using System.Globalization;
using PipelineGuard.Provenance;

namespace PipelineGuard.Gate;

/// <summary>
/// What the gate checked, in plain words, for a person reading a terminal: each base image with the outcome of each of
/// its rules, each produced image, the Dockerfiles linted and the SBOM. The findings themselves are printed apart (as
/// errors and warnings); this says what held as well as what did not.
/// </summary>
public static class GatePlainSummary
{
    /// <summary>The summary's lines, without the verdict line (<see cref="GateResult.Summary"/>).</summary>
    public static IReadOnlyList<string> Lines(GateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>();
        var policy = result.PolicyFile is null ? "the built-in defaults" : result.FromRoot(result.PolicyFile);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"checked under {policy}: {result.Dockerfiles.Count} Dockerfile(s), {result.BaseImages.Count} base image(s), {result.ProducedImages.Count} produced image(s)"));
        foreach (var image in result.BaseImages)
        {
            var facts = image.Assessment.Facts;
            var where = facts.Location is { } l ? string.Create(CultureInfo.InvariantCulture, $"{result.FromRoot(l.File)}:{l.Line}") : result.FromRoot(image.Dockerfile);
            lines.Add($"  base image {facts.Written} ({where})");
            if (facts.IsScratch)
            {
                lines.Add("    scratch: nothing to check");
            }

            lines.AddRange(image.Assessment.Checks.Select(Line));
        }

        foreach (var produced in result.ProducedImages)
        {
            lines.Add($"  produced image {produced.Facts.Reference}{(produced.Facts.Digest is { } digest ? " (" + digest + ")" : string.Empty)}");
            lines.AddRange(produced.Checks.Select(Line));
        }

        var lint = result.Findings.Count(f => f.Source == FindingSource.Lint && f.ExemptedBy is null);
        if (result.Dockerfiles.Count > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  lint: {result.Dockerfiles.Count} Dockerfile(s), {lint} finding(s)"));
        }

        if (result.Sbom is { } sbom)
        {
            var licences = string.Join(", ", sbom.ByLicense.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value}")));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  SBOM: {sbom.File ?? "not written"}, {sbom.Components} component(s){(licences.Length == 0 ? string.Empty : " (" + licences + ")")}"));
        }

        var known = result.Findings.Where(f => f.RuleId == Vulnerabilities.VulnerabilityRuleCatalog.KnownVulnerability.Id).ToList();
        var notChecked = result.Findings.Count(f => f.RuleId == Vulnerabilities.VulnerabilityRuleCatalog.SourceUnreadable.Id);
        if (known.Count > 0 || notChecked > 0)
        {
            var suppressed = known.Count(f => f.Advisory?.Vex is not null);
            var exempted = known.Count(f => f.ExemptedBy is not null);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  vulnerabilities: {known.Count - suppressed} found ({known.Count(f => f.Blocking)} blocking, {exempted} under exceptions), {suppressed} suppressed by VEX, {notChecked} could not be checked"));
        }

        return lines;
    }

    private static string Line(RuleCheck check)
    {
        var outcome = check.Outcome switch
        {
            CheckOutcome.Pass => "ok",
            CheckOutcome.Fail => "FAILED",
            _ => "NOT CHECKED",
        };
        return $"    {outcome,-11} {check.RuleId} {check.Message}";
    }
}
