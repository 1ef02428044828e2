namespace PipelineGuard.Sbom.DotNet;

/// <summary>
/// The parts of a <c>project.assets.json</c> that an SBOM needs: the resolved graph per target, the libraries with their
/// hashes and paths, the direct dependencies per framework, the package folders and the project section.
/// </summary>
public sealed record AssetsFile(
    int Version,
    IReadOnlyList<AssetsTarget> Targets,
    IReadOnlyDictionary<string, AssetsLibrary> Libraries,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ProjectFileDependencyGroups,
    IReadOnlyList<string> PackageFolders,
    AssetsProject Project)
{
    /// <summary>The restore messages restore wrote (<c>logs</c>): errors mean the restore failed and the graph is incomplete.</summary>
    public IReadOnlyList<AssetsLogMessage> Logs { get; init; } = [];
}

/// <summary>One entry of the assets file's <c>logs</c>: a restore warning or error (for example NU1101, unknown package).</summary>
/// <param name="Code">The NuGet code (<c>NU1101</c>).</param>
/// <param name="Level">The level as written: <c>Error</c>, <c>Warning</c>, <c>Information</c>...</param>
/// <param name="Message">The message restore printed.</param>
/// <param name="LibraryId">The package the message is about, or null.</param>
/// <param name="TargetGraphs">The target graphs (<c>net8.0</c>, <c>net8.0/linux-x64</c>) it applies to; empty for all.</param>
public sealed record AssetsLogMessage(string? Code, string? Level, string? Message, string? LibraryId, IReadOnlyList<string> TargetGraphs)
{
    /// <summary>Whether restore reported it as an error.</summary>
    public bool IsError => string.Equals(Level, "Error", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One restore target: a framework (alias as in the project) and, for RID-specific graphs, a runtime identifier.</summary>
public sealed record AssetsTarget(string Name, string Framework, string? RuntimeIdentifier, IReadOnlyList<AssetsTargetLibrary> Libraries);

/// <summary>A library resolved in a target, with its dependencies (name to version range) in that target.</summary>
public sealed record AssetsTargetLibrary(string Name, string Version, string Type, IReadOnlyList<KeyValuePair<string, string>> Dependencies);

/// <summary>A library of the <c>libraries</c> section: type <c>package</c> or <c>project</c>, hash, path in the package folder.</summary>
public sealed record AssetsLibrary(string Name, string Version, string Type, string? Sha512, string? Path, string? MSBuildProject);

/// <summary>The <c>project</c> section: what restore knew of the project.</summary>
public sealed record AssetsProject(
    string? Version,
    string? ProjectName,
    string? ProjectPath,
    string? PackagesPath,
    bool CentralPackageVersionsEnabled,
    IReadOnlyList<AssetsProjectFramework> Frameworks)
{
    /// <summary>The package sources restore used (<c>project.restore.sources</c>): feeds and local folders.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}

/// <summary>A framework of the project section, with its direct package dependencies and project references.</summary>
public sealed record AssetsProjectFramework(string Alias, string? Framework, IReadOnlyList<AssetsProjectDependency> Dependencies, IReadOnlyList<string> ProjectReferences);

/// <summary>A direct dependency as the project declared it.</summary>
/// <param name="Name">The package id.</param>
/// <param name="VersionRange">The requested range.</param>
/// <param name="SuppressParent">Which assets do not flow to consumers (<c>All</c> for PrivateAssets="all": development-only).</param>
/// <param name="VersionCentrallyManaged">Whether the version came from central package management.</param>
/// <param name="AutoReferenced">Whether the SDK added it implicitly.</param>
public sealed record AssetsProjectDependency(string Name, string? VersionRange, string? SuppressParent, bool VersionCentrallyManaged, bool AutoReferenced)
{
    /// <summary>PrivateAssets="all": nothing flows to consumers, so it is a development dependency.</summary>
    public bool IsDevelopmentOnly => SuppressParent is not null && SuppressParent.Split(',').Any(p => p.Trim().Equals("All", StringComparison.OrdinalIgnoreCase));
}
