namespace PipelineGuard.Sbom;

/// <summary>A tool that made the SBOM (written in CycloneDX's components form).</summary>
public sealed record SbomTool(string Name, string Version, string? Group = null);

/// <summary>The dependencies of one component (by bom-ref); an empty list states that it has none.</summary>
public sealed record SbomDependency(string Ref, IReadOnlyList<string> DependsOn);

/// <summary>
/// A statement of how complete part of the document is (CycloneDX <c>compositions</c>): the components named in
/// <see cref="DependencyRefs"/> have dependency lists of the given completeness.
/// </summary>
/// <param name="Aggregate">How complete: <see cref="SbomCompositionAggregate.Incomplete"/> for a graph restore could not fully resolve.</param>
/// <param name="DependencyRefs">bom-refs whose <c>dependsOn</c> lists the statement covers.</param>
public sealed record SbomComposition(SbomCompositionAggregate Aggregate, IReadOnlyList<string> DependencyRefs)
{
    /// <summary>
    /// The component property naming one dependency that could not be resolved (<c>framework: Name range (code)</c>); a
    /// component carrying it is named by an incomplete composition.
    /// </summary>
    public const string UnresolvedProperty = "pipelineguard:unresolved";
}

/// <summary>A severity rating of a vulnerability (CycloneDX severities: critical, high, medium, low, info, none, unknown).</summary>
public sealed record SbomVulnerabilityRating(string Severity, string? Method = null, double? Score = null);

/// <summary>A known vulnerability affecting components of the document.</summary>
/// <param name="Id">The advisory id (for example a GHSA id), or the advisory URL when there is no id.</param>
/// <param name="SourceName">Where the data came from (a feed name).</param>
/// <param name="SourceUrl">The advisory URL.</param>
/// <param name="Ratings">Severity ratings.</param>
/// <param name="AffectedRefs">bom-refs of the affected components.</param>
/// <param name="Description">A description, or null.</param>
public sealed record SbomVulnerability(string Id, string? SourceName, string? SourceUrl, IReadOnlyList<SbomVulnerabilityRating> Ratings, IReadOnlyList<string> AffectedRefs, string? Description = null)
{
    /// <summary>What a VEX statement said (CycloneDX <c>analysis</c>), or null for a finding nothing suppressed.</summary>
    public SbomVulnerabilityAnalysis? Analysis { get; init; }
}

/// <summary>A CycloneDX vulnerability <c>analysis</c>: the state (<c>not_affected</c>, <c>resolved</c>, ...), the justification and free text.</summary>
/// <param name="State">A CycloneDX impact-analysis state.</param>
/// <param name="Justification">A CycloneDX justification (<c>code_not_reachable</c>, ...), or null.</param>
/// <param name="Detail">Free text: where the statement is and what it said.</param>
public sealed record SbomVulnerabilityAnalysis(string State, string? Justification, string? Detail);

/// <summary>Document metadata: when, by which tools, about what.</summary>
public sealed record SbomMetadata
{
    /// <summary>When the SBOM was made (from SOURCE_DATE_EPOCH for reproducible output).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The tools that made it.</summary>
    public IReadOnlyList<SbomTool> Tools { get; init; } = [];

    /// <summary>The component the SBOM describes (the project, the image), or null.</summary>
    public SbomComponent? Component { get; init; }

    /// <summary>The supplier of the described component, or null.</summary>
    public SbomOrganization? Supplier { get; init; }

    /// <summary>Document-level properties.</summary>
    public IReadOnlyList<SbomProperty> Properties { get; init; } = [];
}

/// <summary>
/// A format-neutral SBOM: metadata, components, the dependency graph and vulnerabilities. The writers
/// (CycloneDX JSON and XML, SPDX JSON) sort components,
/// dependencies and vulnerabilities, so the order here does not affect the output.
/// </summary>
public sealed record SbomDocument
{
    /// <summary>The serial number (a UUID); see <see cref="SbomSerialNumber"/> for the reproducible content-derived one.</summary>
    public required Guid SerialNumber { get; init; }

    /// <summary>The BOM version (1 for a new document).</summary>
    public int Version { get; init; } = 1;

    /// <summary>Metadata.</summary>
    public required SbomMetadata Metadata { get; init; }

    /// <summary>Components (not including the metadata component).</summary>
    public IReadOnlyList<SbomComponent> Components { get; init; } = [];

    /// <summary>The dependency graph: one entry per component (and the metadata component).</summary>
    public IReadOnlyList<SbomDependency> Dependencies { get; init; } = [];

    /// <summary>Completeness statements (CycloneDX <c>compositions</c>; SPDX annotations on the packages named); empty when nothing is stated.</summary>
    public IReadOnlyList<SbomComposition> Compositions { get; init; } = [];

    /// <summary>Known vulnerabilities, when asked for.</summary>
    public IReadOnlyList<SbomVulnerability> Vulnerabilities { get; init; } = [];
}
