namespace PipelineGuard.Sbom.DotNet;

/// <summary>What <see cref="ProjectSbomGenerator"/> needs for one project. Front ends (command line, MSBuild, Cake) fill it in.</summary>
public sealed record ProjectSbomOptions
{
    /// <summary>The project's <c>project.assets.json</c> (from restore).</summary>
    public required string AssetsFile { get; init; }

    /// <summary>The project file, read for the root component's properties when <see cref="Properties"/> leaves them out; null to skip.</summary>
    public string? ProjectFile { get; init; }

    /// <summary>Evaluated properties (from MSBuild); they win over what is read from files.</summary>
    public ProjectProperties? Properties { get; init; }

    /// <summary>Only this target framework (alias such as <c>net8.0</c>); null for all.</summary>
    public string? Framework { get; init; }

    /// <summary>
    /// The runtime identifier (RID, such as <c>linux-x64</c>) whose restore graph to describe in every framework: the
    /// <c>framework/RID</c> target that a RID-specific build or publish deploys, with the packages a <c>runtime.json</c>
    /// adds for that RID. Null: a framework restored for exactly one RID (<c>RuntimeIdentifier</c> set) uses that RID's
    /// graph, any other framework its RID-less graph. A RID the assets file lacks for a framework is an error.
    /// </summary>
    public string? RuntimeIdentifier { get; init; }

    /// <summary>Leave development-only dependencies out (PrivateAssets="all", developmentDependency packages, and what only they bring).</summary>
    public bool ExcludeDevelopmentDependencies { get; init; }

    /// <summary>
    /// SOURCE_DATE_EPOCH (seconds since 1970). When set, the timestamp comes from it and the serial number is a UUID v5
    /// of the content, so the same input gives byte-identical files. Null: the current time and a random serial number.
    /// </summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>
    /// Write the SBOM even when restore failed (error-level <c>logs</c> in the assets file, or dependencies it could not
    /// resolve): the components whose dependencies are missing are named by an incomplete composition (CycloneDX
    /// <c>compositions</c>, <c>aggregate: incomplete</c>; an SPDX annotation) and carry one
    /// <c>pipelineguard:unresolved</c> property per missing dependency. False: such an assets file is error PGSBOM009.
    /// </summary>
    public bool AllowIncomplete { get; init; }

    /// <summary>Package folders to look in instead of the ones the assets file names; null to use those.</summary>
    public IReadOnlyList<string>? PackageFolders { get; init; }
}

/// <summary>What <see cref="ProjectSbomGenerator"/> returns: the document, or the errors that prevented one; warnings either way.</summary>
public sealed record ProjectSbomResult(SbomDocument? Document, IReadOnlyList<SbomDiagnostic> Diagnostics)
{
    /// <summary>Whether a document was made.</summary>
    public bool Succeeded => Document is not null;

    /// <summary>The package sources restore used (from the assets files), for the vulnerability lookup.</summary>
    public IReadOnlyList<string> RestoreSources { get; init; } = [];

    /// <summary>The package folders the packages were read from (from the assets files or the options).</summary>
    public IReadOnlyList<string> PackageFolders { get; init; } = [];
}
