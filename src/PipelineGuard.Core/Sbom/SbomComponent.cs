namespace PipelineGuard.Sbom;

/// <summary>A hash of a component's artefact; <see cref="Value"/> is lower-case hex.</summary>
public sealed record SbomHash(SbomHashAlgorithm Algorithm, string Value);

/// <summary>A name/value property (CycloneDX <c>properties</c>; namespaced names such as <c>pipelineguard:framework</c>).</summary>
public sealed record SbomProperty(string Name, string Value);

/// <summary>An organisation (supplier, manufacturer) with optional web addresses.</summary>
public sealed record SbomOrganization(string Name, IReadOnlyList<string>? Urls = null);

/// <summary>An external reference: a URL of a kind, with an optional comment (for example the commit of a VCS reference).</summary>
public sealed record SbomExternalReference(SbomExternalReferenceType Type, string Url, string? Comment = null);

/// <summary>Where a component was found (a file path, a layer digest), with optional context.</summary>
public sealed record SbomOccurrence(string Location, string? AdditionalContext = null);

/// <summary>How a component's identity was established (CycloneDX identity evidence).</summary>
/// <param name="Field">The identity field: <c>purl</c>, <c>name</c>, <c>version</c>, ...</param>
/// <param name="Technique">CycloneDX technique: <c>manifest-analysis</c>, <c>binary-analysis</c>, ...</param>
/// <param name="Confidence">0 to 1.</param>
/// <param name="Value">What the technique saw (for example the manifest path), or null.</param>
public sealed record SbomIdentityEvidence(string Field, string Technique, double Confidence, string? Value = null);

/// <summary>Evidence for a component: identity and occurrences.</summary>
public sealed record SbomEvidence(IReadOnlyList<SbomIdentityEvidence> Identity, IReadOnlyList<SbomOccurrence> Occurrences);

/// <summary>
/// One component of an SBOM, format-neutral. Lists are never null; an empty list writes nothing.
/// <see cref="BomRef"/> is unique within a document; usually the purl.
/// </summary>
public sealed record SbomComponent
{
    /// <summary>The reference other parts of the document use (unique within it).</summary>
    public required string BomRef { get; init; }

    /// <summary>What the component is.</summary>
    public SbomComponentType Type { get; init; } = SbomComponentType.Library;

    /// <summary>The group (CycloneDX) or namespace, or null.</summary>
    public string? Group { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>The version, or null (a container image's version is its digest).</summary>
    public string? Version { get; init; }

    /// <summary>The package URL, or null.</summary>
    public PackageUrl? Purl { get; init; }

    /// <summary>Run-time need, or null when not stated.</summary>
    public SbomScope? Scope { get; init; }

    /// <summary>Hashes of the artefact.</summary>
    public IReadOnlyList<SbomHash> Hashes { get; init; } = [];

    /// <summary>Licences. At most one of kind <see cref="SbomLicenseKind.Expression"/>; an expression excludes the others.</summary>
    public IReadOnlyList<SbomLicense> Licenses { get; init; } = [];

    /// <summary>The supplier, or null.</summary>
    public SbomOrganization? Supplier { get; init; }

    /// <summary>Authors (people or organisations, by name).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The publisher, or null.</summary>
    public string? Publisher { get; init; }

    /// <summary>A description, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The copyright statement, or null.</summary>
    public string? Copyright { get; init; }

    /// <summary>Web site, VCS, distribution and other references.</summary>
    public IReadOnlyList<SbomExternalReference> ExternalReferences { get; init; } = [];

    /// <summary>Properties.</summary>
    public IReadOnlyList<SbomProperty> Properties { get; init; } = [];

    /// <summary>Evidence of where and how the component was found, or null.</summary>
    public SbomEvidence? Evidence { get; init; }
}
