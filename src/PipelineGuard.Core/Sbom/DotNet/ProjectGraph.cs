namespace PipelineGuard.Sbom.DotNet;

/// <summary>
/// The restore graphs of one or more projects, per target framework, and the rule that keeps frameworks apart: a node
/// whose dependencies differ between its frameworks (or whose dependencies are themselves split) becomes one component
/// per framework.
/// </summary>
internal sealed class ProjectGraph
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _frameworks = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _runtimes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _otherRuntimes = new(StringComparer.Ordinal);

    public IEnumerable<Node> Nodes => _nodes.Values;

    public IEnumerable<string> AllFrameworks => _frameworks;

    /// <summary>The RID graphs described, as <c>framework/RID</c>.</summary>
    public IEnumerable<string> Runtimes => _runtimes;

    /// <summary>The RID graphs restore wrote that the SBOM does not describe, as <c>framework/RID</c>.</summary>
    public IEnumerable<string> OtherRuntimes => _otherRuntimes;

    public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);

    public List<string> PackageFolders { get; } = [];

    /// <summary>The error-level restore messages of the assets files read, with the file each came from.</summary>
    public List<(string AssetsFile, AssetsLogMessage Message)> RestoreErrors { get; } = [];

    /// <summary>Whether any graph read lacks a dependency (unresolved) or came from a failed restore.</summary>
    public bool Incomplete => RestoreErrors.Count > 0 || _nodes.Values.Any(n => n.Unresolved.Count > 0);

    internal sealed class Node(string key, string name, string version, string type, string restoreName, string restoreVersion)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public string Version { get; } = version;
        public string Type { get; } = type;
        public PackageUrl Purl { get; } = PackageUrl.NuGet(name, version);

        /// <summary>
        /// The bom-ref (before any framework suffix): the purl of a package; for a project (root or reference), which is
        /// not the package of that name on a feed, <c>project:Name@Version</c> with the name and version restore recorded.
        /// </summary>
        public string BaseRef { get; } = type == "package" ? PackageUrl.NuGet(name, version).ToString() : $"project:{restoreName}@{restoreVersion}";

        /// <summary>Per framework, the dependencies restore did not resolve: <c>Name range (code)</c>.</summary>
        public SortedDictionary<string, SortedSet<string>> Unresolved { get; } = new(StringComparer.Ordinal);
        public AssetsLibrary? Library { get; set; }
        public IReadOnlyList<string> PackageFolders { get; set; } = [];
        public ProjectProperties? RootProperties { get; set; }
        public SortedDictionary<string, SortedSet<string>> Children { get; } = new(StringComparer.Ordinal);
        public SortedSet<string> Runtimes { get; } = new(StringComparer.Ordinal);
        public IEnumerable<string> Frameworks => Children.Keys;
        public HashSet<string> RequiredIn { get; } = new(StringComparer.Ordinal);
        public HashSet<string> DirectIn { get; } = new(StringComparer.Ordinal);
        public bool CentrallyManaged { get; set; }
        public bool Split { get; set; }

        /// <summary>For a project root in a merged document: <c>|project</c>, the suffix of the graphs that are its own.</summary>
        public string? OwnGraphSuffix { get; set; }

        /// <summary>Whether the graph key (<c>framework</c>, or <c>framework|project</c> when merged) is one of this root's own graphs.</summary>
        public bool IsOwnGraph(string graph) => OwnGraphSuffix is null || graph.EndsWith(OwnGraphSuffix, StringComparison.Ordinal);
        public PackageComponentFactory.PackageFacts? Facts { get; set; }
        public SbomComponent? Template { get; set; }

        public string Ref(string? framework) => Split && framework is not null ? $"{BaseRef}|{framework}" : BaseRef;
    }

    /// <summary>Adds a project's graphs; returns its root node, or null after adding the errors to <paramref name="diagnostics"/>.</summary>
    /// <remarks>
    /// With <paramref name="merged"/>, the project's graphs are kept apart from the other projects' ones: each node's
    /// edges are recorded under <c>framework|project</c> rather than <c>framework</c>, so a package whose dependencies
    /// resolve differently in two projects is listed once per project graph, and components are shared, edges not.
    /// </remarks>
    public Node? AddProject(ProjectSbomOptions options, List<SbomDiagnostic> diagnostics, bool merged = false)
    {
        var read = AssetsFileReader.Read(options.AssetsFile);
        diagnostics.AddRange(read.Diagnostics);
        if (read.File is not { } assets)
        {
            return null;
        }

        Sources.UnionWith(assets.Project.Sources);
        var fromFile = options.ProjectFile is not null && File.Exists(options.ProjectFile) ? ProjectProperties.ReadFromProjectFile(options.ProjectFile) : new ProjectProperties();
        var properties = fromFile.With(options.Properties);
        var projectName = assets.Project.ProjectName ?? properties.PackageId ?? Path.GetFileNameWithoutExtension(options.ProjectFile ?? options.AssetsFile);
        var projectVersion = assets.Project.Version ?? properties.Version ?? "1.0.0";
        properties = properties with { PackageId = properties.PackageId ?? projectName, Version = properties.Version ?? projectVersion };
        if (properties.IsPackable is null && assets.Project.Frameworks.Any(f => f.Dependencies.Any(d => d.Name.Equals("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase))))
        {
            // The test SDK makes IsTestProject true, and a test project is not packable (NuGet's pack targets).
            properties = properties with { IsPackable = "false" };
        }

        RestoreErrors.AddRange(assets.Logs.Where(l => l.IsError).Select(l => (options.AssetsFile, l)));
        var codes = assets.Logs.Where(l => l.IsError && l.LibraryId is not null)
            .GroupBy(l => l.LibraryId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(l => l.Code).OfType<string>().Distinct(StringComparer.Ordinal)), StringComparer.OrdinalIgnoreCase);
        var root = GetOrAdd($"{projectName}/{projectVersion}", properties.PackageId!, properties.Version!, "project", projectName, projectVersion);
        root.RootProperties = properties;
        root.OwnGraphSuffix = merged ? "|" + projectName : null;
        var folders = options.PackageFolders ?? assets.PackageFolders;
        PackageFolders.AddRange(folders.Where(f => !PackageFolders.Contains(f)));

        var targets = assets.Targets.Where(t => t.RuntimeIdentifier is null).ToList();
        if (options.Framework is { } wanted)
        {
            targets = targets.Where(t => Label(assets, t).Equals(wanted, StringComparison.OrdinalIgnoreCase) || t.Framework.Equals(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (targets.Count == 0)
            {
                var has = string.Join(", ", assets.Targets.Where(t => t.RuntimeIdentifier is null).Select(t => Label(assets, t)));
                diagnostics.Add(SbomDiagnostic.Error("PGSBOM005", $"the project has no target framework '{wanted}' (it has: {has}).", options.AssetsFile));
                return null;
            }
        }

        if (SelectRuntimeGraphs(assets, targets, options, diagnostics) is not { } selected)
        {
            return null;
        }

        foreach (var target in selected)
        {
            var framework = Label(assets, target);
            var graph = merged ? $"{framework}|{projectName}" : framework;
            _frameworks.Add(framework);
            if (target.RuntimeIdentifier is { } runtime)
            {
                root.Runtimes.Add($"{framework}/{runtime}");
                _runtimes.Add($"{framework}/{runtime}");
            }

            var byName = new Dictionary<string, AssetsTargetLibrary>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Libraries)
            {
                byName[library.Name] = library;
            }

            var projectFramework = assets.Project.Frameworks.FirstOrDefault(f => f.Alias.Equals(framework, StringComparison.OrdinalIgnoreCase));
            var declared = projectFramework?.Dependencies.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase) ?? [];
            var directNames = DirectNames(assets, target, framework, declared);
            var nodes = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Libraries)
            {
                var node = GetOrAdd(LibraryKey(library.Name, library.Version), library.Name, library.Version, library.Type, library.Name, library.Version);
                if (assets.Libraries.TryGetValue($"{library.Name}/{library.Version}", out var info))
                {
                    node.Library ??= info;
                }

                if (node.PackageFolders.Count == 0)
                {
                    node.PackageFolders = folders;
                }

                nodes[library.Name] = node;
            }

            // Direct dependencies that are development-only: PrivateAssets="all" in the project, or a package that says so.
            var direct = new List<Node>();
            var developmentRoots = new HashSet<Node>();
            foreach (var (name, range) in directNames)
            {
                if (!nodes.TryGetValue(name, out var node))
                {
                    AddUnresolved(root, graph, name, range, codes);
                    continue;
                }

                direct.Add(node);
                node.DirectIn.Add(graph);
                declared.TryGetValue(name, out var declaration);
                node.CentrallyManaged |= declaration?.VersionCentrallyManaged == true;
                if (declaration?.IsDevelopmentOnly == true || IsDevelopmentPackage(node))
                {
                    developmentRoots.Add(node);
                }
            }

            var required = Reach(direct.Where(n => !developmentRoots.Contains(n)), byName, nodes);
            var present = options.ExcludeDevelopmentDependencies ? required : Reach(direct, byName, nodes);
            foreach (var library in target.Libraries)
            {
                var node = nodes[library.Name];
                if (!present.Contains(node))
                {
                    continue;
                }

                var children = node.Children.TryGetValue(graph, out var existing) ? existing : node.Children[graph] = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var (dependency, range) in library.Dependencies)
                {
                    if (!nodes.TryGetValue(dependency, out var child))
                    {
                        AddUnresolved(node, graph, dependency, range, codes);
                    }
                    else if (present.Contains(child))
                    {
                        children.Add(child.Key);
                    }
                }

                if (required.Contains(node))
                {
                    node.RequiredIn.Add(graph);
                }
            }

            var rootChildren = root.Children.TryGetValue(graph, out var rc) ? rc : root.Children[graph] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var node in direct.Where(present.Contains))
            {
                rootChildren.Add(node.Key);
            }

            root.RequiredIn.Add(graph);
        }

        return root;
    }

    private static void AddUnresolved(Node node, string framework, string name, string? range, Dictionary<string, string> codes)
    {
        var set = node.Unresolved.TryGetValue(framework, out var existing) ? existing : node.Unresolved[framework] = new SortedSet<string>(StringComparer.Ordinal);
        var text = string.IsNullOrWhiteSpace(range) ? name : $"{name} {range.Trim()}";
        set.Add(codes.TryGetValue(name, out var code) && code.Length > 0 ? $"{text} ({code})" : text);
    }

    /// <summary>
    /// The failed-restore diagnostic: which packages restore could not resolve, and the restore errors. An error, or with
    /// <paramref name="allowIncomplete"/> a warning that the SBOM is written marked incomplete.
    /// </summary>
    public SbomDiagnostic? IncompleteDiagnostic(bool allowIncomplete)
    {
        if (!Incomplete)
        {
            return null;
        }

        var unresolved = _nodes.Values.SelectMany(n => n.Unresolved.SelectMany(u => u.Value.Select(v => $"{v} in {u.Key}")))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var file = RestoreErrors.Count > 0 ? RestoreErrors[0].AssetsFile : null;
        var what = unresolved.Count > 0
            ? $"restore could not resolve {unresolved.Count} dependenc{(unresolved.Count == 1 ? "y" : "ies")}: {string.Join("; ", unresolved)}"
            : "restore reported errors";
        var errors = RestoreErrors.Select(e => e.Message).Where(m => m.Code is not null).Select(m => m.Code!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var codes = errors.Count > 0 ? $" (restore errors: {string.Join(", ", errors)})" : string.Empty;
        return allowIncomplete
            ? SbomDiagnostic.Warning("PGSBOM009", $"the restore graph is incomplete: {what}{codes}. The SBOM is written anyway, marked incomplete (--allow-incomplete).", file)
            : SbomDiagnostic.Error("PGSBOM009", $"the restore graph is incomplete: {what}{codes}. Fix the restore and run 'dotnet restore' again, or pass --allow-incomplete to write an SBOM marked incomplete.", file);
    }

    /// <summary>The bom-refs whose dependency lists are incomplete: every variant of a node with unresolved dependencies; the roots after a failed restore that named no package.</summary>
    public IReadOnlyList<string> IncompleteRefs(IEnumerable<Node> roots)
    {
        var refs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in _nodes.Values.Where(n => n.Unresolved.Count > 0))
        {
            foreach (var framework in node.Unresolved.Keys)
            {
                refs.Add(node.Ref(framework));
            }
        }

        if (refs.Count == 0 && RestoreErrors.Count > 0)
        {
            foreach (var root in roots)
            {
                refs.UnionWith(root.Frameworks.Select(root.Ref).DefaultIfEmpty(root.BaseRef));
            }
        }

        return refs.ToList();
    }

    /// <summary>
    /// Replaces each framework's RID-less target by the <c>framework/RID</c> target to describe: the asked RID (an
    /// error when a framework lacks it), else the only RID the framework was restored for. Records the choice on the
    /// graph. Null after adding the error to <paramref name="diagnostics"/>.
    /// </summary>
    private List<AssetsTarget>? SelectRuntimeGraphs(AssetsFile assets, List<AssetsTarget> frameworkTargets, ProjectSbomOptions options, List<SbomDiagnostic> diagnostics)
    {
        var hasRuntimeGraphs = assets.Targets.Any(t => t.RuntimeIdentifier is not null);
        if (!hasRuntimeGraphs && options.RuntimeIdentifier is null)
        {
            return frameworkTargets;
        }

        var selected = new List<AssetsTarget>(frameworkTargets.Count);
        foreach (var target in frameworkTargets)
        {
            var framework = Label(assets, target);
            var runtimeTargets = assets.Targets.Where(t => t.RuntimeIdentifier is not null && t.Framework.Equals(target.Framework, StringComparison.OrdinalIgnoreCase)).ToList();
            AssetsTarget? chosen;
            if (options.RuntimeIdentifier is { } wanted)
            {
                chosen = runtimeTargets.FirstOrDefault(t => t.RuntimeIdentifier!.Equals(wanted, StringComparison.OrdinalIgnoreCase));
                if (chosen is null)
                {
                    var has = runtimeTargets.Count == 0 ? "none: it was restored without a RuntimeIdentifier" : string.Join(", ", runtimeTargets.Select(t => t.RuntimeIdentifier).Order(StringComparer.Ordinal));
                    diagnostics.Add(SbomDiagnostic.Error("PGSBOM008", $"the project has no restore graph for runtime '{wanted}' in target framework '{framework}' (runtimes restored: {has}). Restore with '-r {wanted}' or list it in RuntimeIdentifiers, or leave the runtime out.", options.AssetsFile));
                    return null;
                }
            }
            else
            {
                // One RID per framework is what the build deploys (RuntimeIdentifier set); with several, no one graph is.
                chosen = runtimeTargets.Count == 1 ? runtimeTargets[0] : null;
            }

            selected.Add(chosen ?? target);
            _otherRuntimes.UnionWith(runtimeTargets.Where(t => t != chosen).Select(t => $"{framework}/{t.RuntimeIdentifier}"));
        }

        return selected;
    }

    /// <summary>Reads every package's nuspec and hash file (in parallel: they are independent small files).</summary>
    public void ReadPackages(CancellationToken cancellationToken)
    {
        var packages = _nodes.Values.Where(n => n.Type == "package" && n.Facts is null && n.Library is not null && n.Children.Count > 0).ToList();
        Parallel.ForEach(packages, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Min(4, Environment.ProcessorCount) }, node =>
        {
            node.Facts = PackageComponentFactory.Read(node.Library!, node.PackageFolders);
        });
    }

    /// <summary>One warning for all packages missing from the package folders (the documented fallback), one per bad nuspec or licence.</summary>
    public void ReportMissing(List<SbomDiagnostic> diagnostics)
    {
        var present = _nodes.Values.Where(n => n.Children.Count > 0 && n.Type == "package").OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
        var missing = present.Where(n => n.Facts?.MissingReason is not null).ToList();
        if (missing.Count > 0)
        {
            var sample = string.Join(", ", missing.Take(5).Select(n => $"{n.Name} {n.Version}")) + (missing.Count > 5 ? $" and {missing.Count - 5} more" : string.Empty);
            diagnostics.Add(SbomDiagnostic.Warning("PGSBOM010", $"{missing.Count} package(s) are not in the package folder ({missing[0].Facts!.MissingReason}): {sample}. Their hashes come from the assets file; licence, authors and description are left out. Run 'dotnet restore' to fill the folder."));
        }

        foreach (var node in present)
        {
            if (node.Facts?.NuspecError is { } error)
            {
                diagnostics.Add(SbomDiagnostic.Warning("PGSBOM011", $"the nuspec of {node.Name} {node.Version} cannot be read ({error}); its licence and authors are left out.", node.Facts.NuspecRelativePath));
            }
            else if (node.Facts?.Nuspec is { } nuspec && PackageComponentFactory.Licenses(nuspec).Warning is { } warning)
            {
                diagnostics.Add(SbomDiagnostic.Warning("PGSBOM012", $"{node.Name} {node.Version}: {warning}.", node.Facts.NuspecRelativePath));
            }
        }
    }

    /// <summary>Marks the nodes that must be listed per framework.</summary>
    public void ComputeSplits()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in _nodes.Values)
        {
            Visit(node);
        }

        bool Visit(Node node)
        {
            if (state.TryGetValue(node.Key, out var s))
            {
                return s == 2 && node.Split;
            }

            state[node.Key] = 1;
            var signatures = node.Children.Select(c => string.Join('\n', c.Value) + "\n|" + (node.Unresolved.TryGetValue(c.Key, out var u) ? string.Join('\n', u) : string.Empty))
                .Distinct(StringComparer.Ordinal).Count();
            var split = signatures > 1;
            foreach (var child in node.Children.Values.SelectMany(c => c).Distinct(StringComparer.Ordinal))
            {
                split |= Visit(_nodes[child]);
            }

            node.Split = split;
            state[node.Key] = 2;
            return split;
        }
    }

    /// <summary>The bom-refs a node depends on in <paramref name="framework"/> (for an unsplit node, any of its frameworks).</summary>
    public IReadOnlyList<string> ChildRefs(Node node, string? framework)
    {
        if (framework is null || !node.Children.TryGetValue(framework, out var children))
        {
            return [];
        }

        return children.Select(key => _nodes[key].Ref(framework)).ToList();
    }

    /// <summary>The components of a node: one, or one per framework when it is split.</summary>
    public static IEnumerable<(SbomComponent Component, string Framework)> Variants(Node node)
    {
        if (node.Children.Count == 0)
        {
            yield break;
        }

        var template = node.Template ??= node.Type == "package" ? PackageComponent(node)
            : node.RootProperties is not null ? WithoutUnresolved(RootComponent(node, null))
            : ProjectReferenceComponent(node);
        if (!node.Split)
        {
            yield return (template with { Properties = [.. template.Properties, .. FrameworkProperties(node, node.Frameworks), .. UnresolvedProperties(node, node.Frameworks)], Scope = Scope(node, node.Frameworks) }, node.Frameworks.First());
            yield break;
        }

        foreach (var framework in node.Frameworks)
        {
            yield return (template with { BomRef = node.Ref(framework), Properties = [.. template.Properties, .. FrameworkProperties(node, [framework]), .. UnresolvedProperties(node, [framework])], Scope = Scope(node, [framework]) }, framework);
        }
    }

    /// <summary>The project's own component (the document root when <paramref name="framework"/> is null, else its per-framework variant).</summary>
    public static SbomComponent RootComponent(Node node, string? framework)
    {
        var p = node.RootProperties ?? new ProjectProperties();
        var type = p.OutputType is { } output && (output.Equals("Exe", StringComparison.OrdinalIgnoreCase) || output.Equals("WinExe", StringComparison.OrdinalIgnoreCase) || output.Equals("AppContainerExe", StringComparison.OrdinalIgnoreCase))
            ? SbomComponentType.Application
            : SbomComponentType.Library;
        var licenses = p.PackageLicenseExpression is { } expression
            ? SpdxExpression.IsSingleId(expression) ? [SbomLicense.SpdxId(SpdxLicenseList.Canonical(expression)!)]
            : SpdxExpression.IsValid(expression) ? [SbomLicense.Expression(expression)] : (IReadOnlyList<SbomLicense>)[SbomLicense.Named(expression)]
            : [];
        var component = new SbomComponent
        {
            BomRef = framework is null ? node.BaseRef : node.Ref(framework),
            Type = type,
            Name = node.Name,
            Version = node.Version,
            // Only a packable project is published as the package PackageId@Version; any other has no purl.
            Purl = p.Packable ? node.Purl : null,
            Authors = PackageComponentFactory.SplitPeople(p.Authors),
            Supplier = p.Company is { } company ? new SbomOrganization(company) : null,
            Description = p.Description,
            Copyright = p.Copyright,
            Licenses = licenses,
            ExternalReferences = PackageComponentFactory.References(p.PackageProjectUrl, p.RepositoryUrl, p.RepositoryCommit),
            Properties =
            [
                .. node.Runtimes.Select(r => new SbomProperty(ProjectSbomGenerator.RuntimeProperty, r)),
                .. ProjectPathProperty(node),
                .. UnresolvedProperties(node, framework is null ? node.Frameworks : [framework]),
            ],
        };
        if (framework is null)
        {
            return component;
        }

        var prefix = framework + "/";
        return component with
        {
            Properties =
            [
                new SbomProperty(ProjectSbomGenerator.FrameworkProperty, framework),
                .. component.Properties.Where(r => r.Name != ProjectSbomGenerator.RuntimeProperty || r.Value.StartsWith(prefix, StringComparison.Ordinal)),
            ],
        };
    }

    private static SbomComponent WithoutUnresolved(SbomComponent component)
        => component with { Properties = component.Properties.Where(p => p.Name != SbomComposition.UnresolvedProperty).ToList() };

    // A project reference is built from source, not the package of that name on a feed: no purl, so no purl-based
    // lookup (vulnerabilities, signatures) can match it.
    private static SbomComponent ProjectReferenceComponent(Node node) => new()
    {
        BomRef = node.BaseRef,
        Type = SbomComponentType.Library,
        Name = node.Name,
        Version = node.Version,
        Properties = ProjectPathProperty(node),
    };

    private static IReadOnlyList<SbomProperty> ProjectPathProperty(Node node)
        => (node.Library?.MSBuildProject ?? node.Library?.Path) is { } path ? [new SbomProperty(ProjectSbomGenerator.ProjectReferenceProperty, path.Replace('\\', '/'))] : [];

    private static SbomComponent PackageComponent(Node node)
    {
        var facts = node.Facts;
        var nuspec = facts?.Nuspec;
        var hex = facts?.Sha512Hex ?? PackageComponentFactory.Base64ToHex(node.Library?.Sha512);
        var properties = new List<SbomProperty>();
        if (node.Library?.Sha512 is { } contentHash)
        {
            properties.Add(new SbomProperty(ProjectSbomGenerator.ContentHashProperty, contentHash));
        }

        if (node.CentrallyManaged)
        {
            properties.Add(new SbomProperty(ProjectSbomGenerator.CentrallyManagedProperty, "true"));
        }

        var authors = PackageComponentFactory.SplitPeople(nuspec?.Authors);
        var supplier = PackageComponentFactory.Supplier(nuspec?.Authors, nuspec?.Owners);
        var identity = new SbomIdentityEvidence("purl", "manifest-analysis", 1, "project.assets.json");
        return new SbomComponent
        {
            BomRef = node.Purl.ToString(),
            Type = SbomComponentType.Library,
            Name = node.Name,
            Version = node.Version,
            Purl = node.Purl,
            Hashes = hex is null ? [] : [new SbomHash(SbomHashAlgorithm.Sha512, hex)],
            Licenses = nuspec is null ? [] : PackageComponentFactory.Licenses(nuspec).Licenses,
            Authors = authors,
            Supplier = supplier is null ? null : new SbomOrganization(supplier),
            Description = nuspec?.Description,
            Copyright = nuspec?.Copyright,
            ExternalReferences = nuspec is null ? [] : PackageComponentFactory.References(nuspec.ProjectUrl, nuspec.RepositoryUrl, nuspec.RepositoryCommit),
            Properties = properties,
            Evidence = new SbomEvidence([identity], facts?.NuspecRelativePath is { } location ? [new SbomOccurrence(location)] : []),
        };
    }

    /// <summary>One property per dependency restore did not resolve, as <c>framework: Name range (code)</c>.</summary>
    public static IEnumerable<SbomProperty> UnresolvedProperties(Node node, IEnumerable<string> graphs)
        => graphs.SelectMany(g => node.Unresolved.TryGetValue(g, out var set) ? set.Select(v => new SbomProperty(SbomComposition.UnresolvedProperty, $"{FrameworkOf(g)}: {v}")) : []).Distinct();

    /// <summary>The framework of a graph key: <c>framework</c>, or <c>framework|project</c> in a merged document.</summary>
    public static string FrameworkOf(string graph) => graph.Split('|', 2)[0];

    private static IEnumerable<SbomProperty> FrameworkProperties(Node node, IEnumerable<string> graphs)
    {
        // Graph keys of one framework (one per project when merged) give one set of properties.
        foreach (var group in graphs.GroupBy(FrameworkOf, StringComparer.Ordinal))
        {
            yield return new SbomProperty(ProjectSbomGenerator.FrameworkProperty, group.Key);
            if (group.Any(node.DirectIn.Contains))
            {
                yield return new SbomProperty(ProjectSbomGenerator.DirectProperty, group.Key);
            }

            if (!group.Any(node.RequiredIn.Contains))
            {
                yield return new SbomProperty(ProjectSbomGenerator.DevelopmentProperty, group.Key);
            }
        }
    }

    private static SbomScope Scope(Node node, IEnumerable<string> frameworks)
        => frameworks.Any(node.RequiredIn.Contains) ? SbomScope.Required : SbomScope.Excluded;

    private static bool IsDevelopmentPackage(Node node)
    {
        if (node.Type != "package" || node.Library is null)
        {
            return false;
        }

        node.Facts ??= PackageComponentFactory.Read(node.Library, node.PackageFolders);
        return node.Facts.Nuspec?.DevelopmentDependency == true;
    }

    private static HashSet<Node> Reach(IEnumerable<Node> start, Dictionary<string, AssetsTargetLibrary> byName, Dictionary<string, Node> nodes)
    {
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node) || !byName.TryGetValue(node.Name, out var library))
            {
                continue;
            }

            foreach (var (dependency, _) in library.Dependencies)
            {
                if (nodes.TryGetValue(dependency, out var child))
                {
                    stack.Push(child);
                }
            }
        }

        return seen;
    }

    private static List<(string Name, string? Range)> DirectNames(AssetsFile assets, AssetsTarget target, string framework, Dictionary<string, AssetsProjectDependency> declared)
    {
        if (assets.ProjectFileDependencyGroups.TryGetValue(framework, out var group) || assets.ProjectFileDependencyGroups.TryGetValue(target.Framework, out group))
        {
            // Entries are "Name >= 1.0.0" or a bare name.
            return group.Select(entry => entry.Split(' ', 2) is var parts && parts.Length == 2 ? (parts[0], (string?)parts[1]) : (parts[0], null)).ToList();
        }

        return declared.Values.Select(d => (d.Name, d.VersionRange)).ToList();
    }

    private static string Label(AssetsFile assets, AssetsTarget target)
        => assets.Project.Frameworks.FirstOrDefault(f => f.Alias.Equals(target.Framework, StringComparison.OrdinalIgnoreCase) || (f.Framework?.Equals(target.Framework, StringComparison.OrdinalIgnoreCase) ?? false))?.Alias
           ?? target.Framework;

    private static string LibraryKey(string name, string version) => $"{name}/{version}".ToLowerInvariant();

    private Node GetOrAdd(string key, string name, string version, string type, string restoreName, string restoreVersion)
    {
        key = key.ToLowerInvariant();
        if (!_nodes.TryGetValue(key, out var node))
        {
            node = new Node(key, name, version, type, restoreName, restoreVersion);
            _nodes[key] = node;
        }

        return node;
    }
}
