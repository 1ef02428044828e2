namespace PipelineGuard.Vulnerabilities.Osv;

/// <summary>One OSV record (schema 1.x), with only the affected packages a lookup asked for.</summary>
internal sealed record OsvAdvisory(
    string Id,
    IReadOnlyList<string> Aliases,
    string? Summary,
    VulnerabilitySeverity Severity,
    double? Score,
    string? Vector,
    IReadOnlyList<OsvAffected> Affected,
    string Origin);

/// <summary>One <c>affected[]</c> entry: the package, its ranges and listed versions, and the entry's own rating if any.</summary>
internal sealed record OsvAffected(string Ecosystem, string Name, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions, VulnerabilitySeverity Severity, string Field);

/// <summary>A <c>ranges[]</c> entry: its type (ECOSYSTEM, SEMVER, GIT) and its events in file order.</summary>
internal sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events, string Field);

/// <summary>An event: <c>introduced</c>, <c>fixed</c>, <c>last_affected</c> or <c>limit</c>, at a version.</summary>
internal sealed record OsvEvent(string Kind, string Version);
