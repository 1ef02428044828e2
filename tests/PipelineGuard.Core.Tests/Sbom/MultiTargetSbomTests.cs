using System.Text.Json;
using NuGet.Common;
using NuGet.ProjectModel;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>net8.0;net10.0 with different dependencies per framework: no edge may cross frameworks.</summary>
public sealed class MultiTargetSbomTests(MultiTargetSample sample) : IClassFixture<MultiTargetSample>
{
    private SbomDocument Generate(string? framework = null, bool excludeDev = false)
    {
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions
        {
            AssetsFile = sample.AssetsFile,
            ProjectFile = sample.Project.ProjectFile,
            Framework = framework,
            ExcludeDevelopmentDependencies = excludeDev,
            SourceDateEpoch = 0,
        });
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Document!;
    }

    private static HashSet<string> FrameworksOf(SbomComponent component)
        => component.Properties.Where(p => p.Name == ProjectSbomGenerator.FrameworkProperty).Select(p => p.Value).ToHashSet();

    [Fact]
    public void Every_edge_exists_in_the_assets_graph_of_each_framework_it_is_listed_under()
    {
        var document = Generate();
        var lockFile = LockFileUtilities.GetLockFile(sample.AssetsFile, NullLogger.Instance);
        var components = document.Components.ToDictionary(c => c.BomRef);
        var dependencies = document.Dependencies.ToDictionary(d => d.Ref);
        Assert.Equal(2, lockFile.Targets.Count(t => t.RuntimeIdentifier is null));
        foreach (var target in lockFile.Targets.Where(t => t.RuntimeIdentifier is null))
        {
            var framework = target.Name;
            var byName = target.Libraries.ToDictionary(l => l.Name!, StringComparer.OrdinalIgnoreCase);
            var inFramework = document.Components.Where(c => FrameworksOf(c).Contains(framework)).ToList();
            var frameworkRefs = inFramework.Select(c => c.BomRef).ToHashSet();

            // Exactly the framework's packages, each once.
            Assert.Equal(
                target.Libraries.Select(l => $"{l.Name}@{l.Version!.ToNormalizedString()}").Order(StringComparer.Ordinal),
                inFramework.Where(c => c.Name != "Multi.Lib").Select(c => $"{c.Name}@{c.Version}").Order(StringComparer.Ordinal));
            foreach (var component in inFramework.Where(c => c.Name != "Multi.Lib"))
            {
                var library = byName[component.Name];
                var expected = library.Dependencies.Select(d => byName[d.Id].Name!).Order(StringComparer.OrdinalIgnoreCase).ToList();
                var edges = dependencies[component.BomRef].DependsOn;
                Assert.All(edges, e => Assert.Contains(e, frameworkRefs));
                Assert.Equal(expected, edges.Select(e => components[e].Name).Order(StringComparer.OrdinalIgnoreCase).ToList());
            }
        }
    }

    [Fact]
    public void Framework_only_packages_carry_only_their_framework()
    {
        var document = Generate();
        Assert.Equal(["net8.0"], FrameworksOf(Assert.Single(document.Components, c => c.Name == "Serilog")));
        Assert.Equal(["net10.0"], FrameworksOf(Assert.Single(document.Components, c => c.Name == "Polly")));
        // Logging.Abstractions depends on DiagnosticSource on net8.0 only, so it is listed per framework.
        var logging = document.Components.Where(c => c.Name == "Microsoft.Extensions.Logging.Abstractions").ToList();
        Assert.Equal(2, logging.Count);
        Assert.All(logging, c => Assert.Single(FrameworksOf(c)));
        var root = document.Dependencies.Single(d => d.Ref == document.Metadata.Component!.BomRef);
        Assert.Equal(2, root.DependsOn.Count);
    }

    [Fact]
    public void Development_dependencies_are_marked_excluded_and_can_be_left_out()
    {
        var all = Generate();
        var sourceLink = all.Components.Where(c => c.Name.StartsWith("Microsoft.SourceLink", StringComparison.Ordinal) || c.Name == "Microsoft.Build.Tasks.Git").ToList();
        Assert.NotEmpty(sourceLink);
        Assert.All(sourceLink, c => Assert.Equal(SbomScope.Excluded, c.Scope));
        Assert.All(all.Components.Where(c => c.Name == "Serilog" || c.Name == "Polly"), c => Assert.Equal(SbomScope.Required, c.Scope));

        var withoutDev = Generate(excludeDev: true);
        Assert.DoesNotContain(withoutDev.Components, c => c.Scope == SbomScope.Excluded);
        Assert.DoesNotContain(withoutDev.Components, c => c.Name.StartsWith("Microsoft.SourceLink", StringComparison.Ordinal));
        var refs = withoutDev.Components.Select(c => c.BomRef).Append(withoutDev.Metadata.Component!.BomRef).ToHashSet();
        Assert.All(withoutDev.Dependencies.SelectMany(d => d.DependsOn.Append(d.Ref)), r => Assert.Contains(r, refs));
    }

    [Fact]
    public void One_framework_can_be_chosen()
    {
        var document = Generate("net8.0");
        Assert.All(document.Components, c => Assert.Equal(["net8.0"], FrameworksOf(c)));
        Assert.Contains(document.Components, c => c.Name == "Serilog");
        Assert.DoesNotContain(document.Components, c => c.Name == "Polly");
        Assert.DoesNotContain(document.Components, c => c.BomRef.Contains('|', StringComparison.Ordinal));

        var missing = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = sample.AssetsFile, Framework = "net6.0" });
        Assert.False(missing.Succeeded);
        Assert.Contains("net8.0", Assert.Single(missing.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_format_validates_with_third_party_validators()
        => await SbomAssertions.AllFormatsValidateAsync(Generate(), "sbom-multi");

    [Fact]
    public async Task SPDX_writes_development_only_edges_as_DEV_DEPENDENCY_OF_and_keeps_runtime_edges_DEPENDS_ON()
    {
        var document = Generate();
        var spdx = Path.Combine(RepositoryPaths.NewTempDirectory("sbom-spdx-dev"), "bom.spdx.json");
        await SbomWriter.WriteFileIfChangedAsync(document, spdx, SbomFormat.SpdxJson);
        var validation = await SbomValidators.SpdxJsonAsync(spdx);
        Assert.True(validation.ExitCode == 0, validation.ToString());

        using var json = JsonDocument.Parse(File.ReadAllBytes(spdx));
        var idsByName = json.RootElement.GetProperty("packages").EnumerateArray()
            .ToLookup(p => p.GetProperty("name").GetString()!, p => p.GetProperty("SPDXID").GetString()!);
        var relationships = json.RootElement.GetProperty("relationships").EnumerateArray()
            .Select(r => (From: r.GetProperty("spdxElementId").GetString()!, Type: r.GetProperty("relationshipType").GetString()!, To: r.GetProperty("relatedSpdxElement").GetString()!))
            .ToList();
        var rootIds = idsByName["Multi.Lib"].ToHashSet();
        foreach (var sourceLink in idsByName["Microsoft.SourceLink.GitHub"])
        {
            Assert.Contains(relationships, r => r.From == sourceLink && r.Type == "DEV_DEPENDENCY_OF" && rootIds.Contains(r.To));
            Assert.DoesNotContain(relationships, r => r.To == sourceLink && r.Type == "DEPENDS_ON");
        }

        foreach (var polly in idsByName["Polly"])
        {
            Assert.Contains(relationships, r => rootIds.Contains(r.From) && r.Type == "DEPENDS_ON" && r.To == polly);
            Assert.DoesNotContain(relationships, r => r.From == polly && r.Type == "DEV_DEPENDENCY_OF");
        }

        // The CycloneDX form keeps the scope that the SPDX relationship is derived from.
        Assert.All(document.Components.Where(c => c.Name == "Microsoft.SourceLink.GitHub"), c => Assert.Equal(SbomScope.Excluded, c.Scope));
    }
}
