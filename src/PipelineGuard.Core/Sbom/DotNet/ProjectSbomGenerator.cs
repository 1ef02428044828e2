namespace PipelineGuard.Sbom.DotNet;

/// <summary>
/// Makes the SBOM of a restored .NET project (or of several, merged) from <c>project.assets.json</c> and the package
/// folders: no restore, no network, no NuGet assembly. One document covers every target framework; a component whose
/// dependencies differ between frameworks is listed once per framework (bom-ref <c>purl|framework</c>), so no edge
/// ever appears under a framework that lacks it (docs/sbom.md).
/// </summary>
public static class ProjectSbomGenerator
{
    /// <summary>The property naming a framework a component is resolved in (one property per framework).</summary>
    public const string FrameworkProperty = "pipelineguard:framework";

    /// <summary>The property naming a framework in which the component is a direct dependency.</summary>
    public const string DirectProperty = "pipelineguard:direct";

    /// <summary>The property naming a framework in which the component is development-only.</summary>
    public const string DevelopmentProperty = "pipelineguard:development";

    /// <summary>
    /// The property naming a restore graph the SBOM describes that is specific to a runtime identifier, as
    /// <c>framework/RID</c> (one per framework built on such a graph; frameworks without one use the RID-less graph).
    /// </summary>
    public const string RuntimeProperty = "pipelineguard:runtime";

    /// <summary>
    /// The property naming a runtime-specific restore graph (<c>framework/RID</c>) that the assets file holds but the SBOM
    /// does not describe: with several RIDs restored and none asked for, the RID-less graph is described instead.
    /// </summary>
    public const string OtherRuntimeProperty = "pipelineguard:otherRuntime";

    /// <summary>The property holding the assets file's <c>sha512</c> (base64), the content hash restore verified.</summary>
    public const string ContentHashProperty = "pipelineguard:nuget:contentHash";

    /// <summary>The property set to <c>true</c> on direct dependencies whose version came from central package management.</summary>
    public const string CentrallyManagedProperty = "pipelineguard:nuget:centrallyManaged";

    /// <summary>The property holding the project file of a project reference (relative, as restore wrote it).</summary>
    public const string ProjectReferenceProperty = "pipelineguard:projectReference";

    /// <summary>Makes the SBOM of one project.</summary>
    public static ProjectSbomResult Generate(ProjectSbomOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build([options], mergedName: null, options.SourceDateEpoch, cancellationToken);
    }

    /// <summary>
    /// Makes one SBOM for several projects (a solution): the root component is <paramref name="name"/>, which depends on
    /// each project. <see cref="ProjectSbomOptions.SourceDateEpoch"/> of the first project applies to the document.
    /// </summary>
    public static ProjectSbomResult GenerateMerged(IReadOnlyList<ProjectSbomOptions> projects, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (projects.Count == 0)
        {
            return new ProjectSbomResult(null, [SbomDiagnostic.Error("PGSBOM006", $"'{name}' has no projects to merge.")]);
        }

        return Build(projects, name, projects[0].SourceDateEpoch, cancellationToken);
    }

    private static ProjectSbomResult Build(IReadOnlyList<ProjectSbomOptions> projects, string? mergedName, long? sourceDateEpoch, CancellationToken cancellationToken)
    {
        var diagnostics = new List<SbomDiagnostic>();
        var graph = new ProjectGraph();
        var roots = new List<ProjectGraph.Node>();
        foreach (var options in projects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = graph.AddProject(options, diagnostics, merged: mergedName is not null);
            if (root is null)
            {
                return new ProjectSbomResult(null, diagnostics);
            }

            roots.Add(root);
        }

        if (graph.IncompleteDiagnostic(projects.All(p => p.AllowIncomplete)) is { } incomplete)
        {
            diagnostics.Add(incomplete);
            if (incomplete.Severity == SbomDiagnosticSeverity.Error)
            {
                return new ProjectSbomResult(null, diagnostics);
            }
        }

        graph.ReadPackages(cancellationToken);
        graph.ReportMissing(diagnostics);
        graph.ComputeSplits();

        var components = new List<SbomComponent>();
        var dependencies = new List<SbomDependency>();
        SbomComponent documentRoot;
        var documentRootDependsOn = new List<string>();
        if (mergedName is null)
        {
            var root = roots[0];
            documentRoot = ProjectGraph.RootComponent(root, framework: null);
            if (root.Split)
            {
                foreach (var framework in root.Frameworks)
                {
                    var variant = ProjectGraph.RootComponent(root, framework);
                    components.Add(variant);
                    dependencies.Add(new SbomDependency(variant.BomRef, graph.ChildRefs(root, framework)));
                    documentRootDependsOn.Add(variant.BomRef);
                }
            }
            else
            {
                documentRootDependsOn.AddRange(graph.ChildRefs(root, root.Frameworks.FirstOrDefault()));
            }
        }
        else
        {
            documentRoot = new SbomComponent { BomRef = mergedName, Type = SbomComponentType.Application, Name = mergedName };
            foreach (var root in roots)
            {
                foreach (var (component, framework) in ProjectGraph.Variants(root))
                {
                    components.Add(component);
                    dependencies.Add(new SbomDependency(component.BomRef, graph.ChildRefs(root, framework)));
                    if (!root.Split || root.IsOwnGraph(framework))
                    {
                        // A project is one of the solution's own only in its own graphs; its variants in the graphs of
                        // projects that reference it are reached through them.
                        documentRootDependsOn.Add(component.BomRef);
                    }
                }
            }
        }

        dependencies.Add(new SbomDependency(documentRoot.BomRef, documentRootDependsOn));
        var rootKeys = roots.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => !rootKeys.Contains(n.Key)))
        {
            foreach (var (component, framework) in ProjectGraph.Variants(node))
            {
                components.Add(component);
                dependencies.Add(new SbomDependency(component.BomRef, graph.ChildRefs(node, framework)));
            }
        }

        var duplicate = components.GroupBy(c => c.BomRef, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 || g.Key == documentRoot.BomRef);
        if (duplicate is not null)
        {
            diagnostics.Add(SbomDiagnostic.Error("PGSBOM007", $"two components would share the bom-ref '{duplicate.Key}' (two projects restored under the same name and version?)."));
            return new ProjectSbomResult(null, diagnostics);
        }

        var timestamp = sourceDateEpoch is { } epoch
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var document = new SbomDocument
        {
            SerialNumber = Guid.Empty,
            Metadata = new SbomMetadata
            {
                Timestamp = timestamp,
                Tools = [new SbomTool(PipelineGuardInfo.ProductName, PipelineGuardInfo.ShortVersion, "PipelineGuard")],
                Component = documentRoot,
                Properties =
                [
                    .. graph.AllFrameworks.Select(f => new SbomProperty(FrameworkProperty, f)),
                    .. graph.Runtimes.Select(r => new SbomProperty(RuntimeProperty, r)),
                    .. graph.OtherRuntimes.Select(r => new SbomProperty(OtherRuntimeProperty, r)),
                ],
            },
            Components = components,
            Dependencies = dependencies,
            Compositions = graph.Incomplete ? [new SbomComposition(SbomCompositionAggregate.Incomplete, graph.IncompleteRefs(roots))] : [],
        };
        document = document with { SerialNumber = sourceDateEpoch is null ? SbomSerialNumber.Random() : SbomSerialNumber.FromContent(document) };
        return new ProjectSbomResult(document, diagnostics) { RestoreSources = graph.Sources.ToList(), PackageFolders = graph.PackageFolders };
    }
}
