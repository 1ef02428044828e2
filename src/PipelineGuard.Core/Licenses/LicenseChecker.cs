using System.Text.RegularExpressions;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Sbom;

namespace PipelineGuard.Licenses;

/// <summary>A licence finding before the policy's severities and exceptions are applied.</summary>
/// <param name="RuleId">PG5001 or PG5002.</param>
/// <param name="Message">What is wrong, naming the failing licences.</param>
/// <param name="Subject">The package, <c>name@version</c>.</param>
/// <param name="Packages">The names an exception's <c>package</c> pattern may match: name, name@version and purl.</param>
/// <param name="Location">The <c>PackageReference</c> that brings the package in, when found in a project file.</param>
internal sealed record LicenseFinding(string RuleId, string Message, string Subject, IReadOnlyList<string> Packages, SourceLocation? Location);

/// <summary>
/// The licence check of an SBOM: every package component (one with a package URL) judged by
/// <see cref="LicenseEvaluator"/>. For a .NET SBOM the finding points at the <c>PackageReference</c> that brings the
/// package in, the package's own or, for a transitive one, the nearest reference above it in the dependency graph.
/// </summary>
internal static partial class LicenseChecker
{
    /// <summary>The findings for <paramref name="document"/> under <paramref name="policy"/>.</summary>
    /// <param name="document">The SBOM.</param>
    /// <param name="policy">The policy's <c>licenses</c> section.</param>
    /// <param name="projectFiles">Project files whose <c>PackageReference</c> items locate findings, with the path to report for each.</param>
    public static IReadOnlyList<LicenseFinding> Check(SbomDocument document, LicensePolicy policy, IReadOnlyList<(string Path, string Display)> projectFiles)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.Enabled)
        {
            return [];
        }

        var evaluator = new LicenseEvaluator(policy);
        var references = PackageReferences(projectFiles);
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var dependency in document.Dependencies)
        {
            foreach (var child in dependency.DependsOn)
            {
                if (!parents.TryGetValue(child, out var list))
                {
                    parents[child] = list = [];
                }

                list.Add(dependency.Ref);
            }
        }

        var byRef = document.Components.GroupBy(c => c.BomRef, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var findings = new List<LicenseFinding>();
        foreach (var component in document.Components.Where(c => c.Purl is not null))
        {
            var verdict = evaluator.Evaluate(component.Licenses);
            if (verdict.Outcome == LicenseOutcome.Allowed)
            {
                continue;
            }

            var subject = component.Version is null ? component.Name : $"{component.Name}@{component.Version}";
            var (location, via) = Locate(component, references, parents, byRef);
            // A finding not placed at a PackageReference still names the project when there is one.
            var through = via is not null ? $" (brought in through the PackageReference to {via})"
                : location is null && projectFiles.Count == 1 ? $" (in project {Path.GetFileNameWithoutExtension(projectFiles[0].Display)})"
                : string.Empty;
            var message = verdict.Outcome == LicenseOutcome.Denied
                ? $"{verdict.Explanation}{through}. Use a package under an acceptable licence, or add an exception (rule: {LicenseRuleCatalog.DeniedLicense.Name}, package: {component.Name}) with a reason and an expiry date."
                : $"the licence cannot be judged: {verdict.Explanation}{through}.";
            findings.Add(new LicenseFinding(
                verdict.Outcome == LicenseOutcome.Denied ? LicenseRuleCatalog.DeniedLicense.Id : LicenseRuleCatalog.UnknownLicense.Id,
                message,
                subject,
                [component.Name, subject, .. component.Purl is { } purl ? new[] { purl.ToString() } : []],
                location));
        }

        return findings;
    }

    private static (SourceLocation? Location, string? Via) Locate(SbomComponent component, Dictionary<string, SourceLocation> references, Dictionary<string, List<string>> parents, Dictionary<string, SbomComponent> byRef)
    {
        if (references.TryGetValue(component.Name, out var own))
        {
            return (own, null);
        }

        // Breadth first up the graph: the nearest package the project references directly.
        var seen = new HashSet<string>(StringComparer.Ordinal) { component.BomRef };
        var queue = new Queue<string>([component.BomRef]);
        while (queue.Count > 0)
        {
            foreach (var parent in parents.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                if (!seen.Add(parent))
                {
                    continue;
                }

                if (byRef.TryGetValue(parent, out var above) && above.Purl is not null && references.TryGetValue(above.Name, out var location))
                {
                    return (location, above.Name);
                }

                queue.Enqueue(parent);
            }
        }

        return (null, null);
    }

    /// <summary>Each package name's first <c>PackageReference</c> (Include or Update) in the project files, by line and column.</summary>
    private static Dictionary<string, SourceLocation> PackageReferences(IReadOnlyList<(string Path, string Display)> projectFiles)
    {
        var result = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, display) in projectFiles)
        {
            string text;
            try
            {
                text = IO.InputFile.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                continue;
            }

            foreach (Match match in PackageReference().Matches(text))
            {
                var before = text.AsSpan(0, match.Index);
                var line = before.Count('\n') + 1;
                var column = match.Index - (before.LastIndexOf('\n') + 1) + 1;
                result.TryAdd(match.Groups["name"].Value.Trim(), new SourceLocation(display, line, column, column + match.Length));
            }
        }

        return result;
    }

    [GeneratedRegex(@"<PackageReference\b[^>]*?\b(?:Include|Update)\s*=\s*[""'](?<name>[^""']+)[""']", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PackageReference();
}
