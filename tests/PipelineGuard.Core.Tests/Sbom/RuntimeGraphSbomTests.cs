using System.Text.Json;
using NuGet.Common;
using NuGet.ProjectModel;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>RID-specific restore graphs: the one a RID-specific build deploys, chosen by default or by name, never mixed.</summary>
public sealed class RuntimeGraphSbomTests(SingleRuntimeSample single, SeveralRuntimesSample several)
    : IClassFixture<SingleRuntimeSample>, IClassFixture<SeveralRuntimesSample>
{
    private const string IlCompiler = "Microsoft.DotNet.ILCompiler";

    private static SbomDocument Generate(RestoredSample sample, string? runtime, bool excludeDev = false)
    {
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions
        {
            AssetsFile = sample.AssetsFile,
            ProjectFile = sample.Project.ProjectFile,
            RuntimeIdentifier = runtime,
            ExcludeDevelopmentDependencies = excludeDev,
            SourceDateEpoch = 0,
        });
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Document!;
    }

    private static List<string> MetadataValues(SbomDocument document, string name)
        => document.Metadata.Properties.Where(p => p.Name == name).Select(p => p.Value).ToList();

    private static LockFileTarget Target(RestoredSample sample, string name)
        => Assert.Single(LockFileUtilities.GetLockFile(sample.AssetsFile, NullLogger.Instance).Targets, t => t.Name == name);

    /// <summary>The document holds exactly the target's packages, and every package's dependsOn is exactly its edges there.</summary>
    private static void AssertMatchesTarget(SbomDocument document, RestoredSample sample, string targetName)
    {
        var lockFile = LockFileUtilities.GetLockFile(sample.AssetsFile, NullLogger.Instance);
        var target = Assert.Single(lockFile.Targets, t => t.Name == targetName);
        var byName = target.Libraries.ToDictionary(l => l.Name!, StringComparer.OrdinalIgnoreCase);
        string Purl(LockFileTargetLibrary library) => PackageUrl.NuGet(library.Name!, library.Version!.ToNormalizedString()).ToString();
        Assert.Equal(target.Libraries.Select(Purl).Order(StringComparer.Ordinal), document.Components.Select(c => c.BomRef).Order(StringComparer.Ordinal));
        var actual = document.Dependencies.ToDictionary(d => d.Ref, d => new SortedSet<string>(d.DependsOn, StringComparer.Ordinal));
        foreach (var library in target.Libraries)
        {
            Assert.Equal(new SortedSet<string>(library.Dependencies.Select(d => Purl(byName[d.Id])), StringComparer.Ordinal), actual[Purl(library)]);
        }

        var direct = lockFile.ProjectFileDependencyGroups.Single().Dependencies.Select(d => Purl(byName[d.Split(' ')[0]]));
        Assert.Equal(new SortedSet<string>(direct, StringComparer.Ordinal), actual[document.Metadata.Component!.BomRef]);
        Assert.Equal(target.Libraries.Count + 1, document.Dependencies.Count);
    }

    [Fact]
    public void A_project_restored_for_one_runtime_is_described_by_that_runtime_graph_edge_for_edge()
    {
        var document = Generate(single, runtime: null);
        AssertMatchesTarget(document, single, "net10.0/linux-x64");

        // The RID graph holds what runtime.json adds for linux-x64; the RID-less graph has neither the package nor the edge.
        var extra = $"runtime.linux-x64.{IlCompiler}";
        Assert.DoesNotContain(Target(single, "net10.0").Libraries, l => l.Name == extra);
        Assert.Empty(Target(single, "net10.0").Libraries.Single(l => l.Name == IlCompiler).Dependencies);
        var runtimePackage = Assert.Single(document.Components, c => c.Name == extra);
        var compiler = Assert.Single(document.Components, c => c.Name == IlCompiler);
        // Its nuspec says owners "microsoft,dotnetframework" (two feed accounts) and authors "Microsoft": one supplier.
        Assert.Equal("Microsoft", compiler.Supplier!.Name);
        Assert.Equal([runtimePackage.BomRef], document.Dependencies.Single(d => d.Ref == compiler.BomRef).DependsOn);
        Assert.Equal(SbomScope.Excluded, runtimePackage.Scope);

        Assert.Equal(["net10.0/linux-x64"], MetadataValues(document, ProjectSbomGenerator.RuntimeProperty));
        Assert.Empty(MetadataValues(document, ProjectSbomGenerator.OtherRuntimeProperty));
        Assert.Contains(document.Metadata.Component!.Properties, p => p.Name == ProjectSbomGenerator.RuntimeProperty && p.Value == "net10.0/linux-x64");

        var withoutDev = Generate(single, runtime: null, excludeDev: true);
        Assert.DoesNotContain(withoutDev.Components, c => c.Name.Contains(IlCompiler, StringComparison.Ordinal));
        Assert.Contains(withoutDev.Components, c => c.Name == "Serilog");
    }

    [Fact]
    public void Asking_for_the_restored_runtime_gives_the_same_bytes_as_the_default()
    {
        static byte[] Bytes(SbomDocument document)
        {
            using var stream = new MemoryStream();
            SbomWriter.Write(document, stream, SbomFormat.CycloneDxJson, CycloneDxSpecVersion.V1_6);
            return stream.ToArray();
        }

        Assert.Equal(Bytes(Generate(single, runtime: null)), Bytes(Generate(single, "linux-x64")));
    }

    [Fact]
    public void Several_runtimes_default_to_the_runtime_less_graph_and_say_so()
    {
        var document = Generate(several, runtime: null);
        AssertMatchesTarget(document, several, "net10.0");
        Assert.DoesNotContain(document.Components, c => c.Name.StartsWith("runtime.", StringComparison.Ordinal));
        Assert.Empty(MetadataValues(document, ProjectSbomGenerator.RuntimeProperty));
        Assert.Equal(["net10.0/linux-arm64", "net10.0/linux-x64"], MetadataValues(document, ProjectSbomGenerator.OtherRuntimeProperty));
    }

    [Fact]
    public void An_asked_runtime_selects_its_graph()
    {
        var document = Generate(several, "linux-arm64");
        AssertMatchesTarget(document, several, "net10.0/linux-arm64");
        Assert.Contains(document.Components, c => c.Name == $"runtime.linux-arm64.{IlCompiler}");
        Assert.DoesNotContain(document.Components, c => c.Name == $"runtime.linux-x64.{IlCompiler}");
        Assert.Equal(["net10.0/linux-arm64"], MetadataValues(document, ProjectSbomGenerator.RuntimeProperty));
        Assert.Equal(["net10.0/linux-x64"], MetadataValues(document, ProjectSbomGenerator.OtherRuntimeProperty));
    }

    [Fact]
    public void A_runtime_the_assets_file_lacks_is_an_error_that_lists_the_restored_runtimes()
    {
        var missing = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = several.AssetsFile, RuntimeIdentifier = "win-x64" });
        Assert.False(missing.Succeeded);
        var error = Assert.Single(missing.Diagnostics);
        Assert.Equal("PGSBOM008", error.Code);
        Assert.Equal(SbomDiagnosticSeverity.Error, error.Severity);
        Assert.Contains("'win-x64'", error.Message, StringComparison.Ordinal);
        Assert.Contains("net10.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("runtimes restored: linux-arm64, linux-x64)", error.Message, StringComparison.Ordinal);
        Assert.Equal(several.AssetsFile, error.File);
    }

    [Fact]
    public async Task Runtime_graph_SBOMs_validate_and_SPDX_records_the_runtime()
    {
        var document = Generate(single, runtime: null);
        await SbomAssertions.AllFormatsValidateAsync(document, "sbom-rid");

        var spdx = Path.Combine(RepositoryPaths.NewTempDirectory("sbom-rid-spdx"), "bom.spdx.json");
        await SbomWriter.WriteFileIfChangedAsync(document, spdx, SbomFormat.SpdxJson);
        using var json = JsonDocument.Parse(File.ReadAllBytes(spdx));
        var comment = json.RootElement.GetProperty("comment").GetString()!.Split('\n');
        Assert.Contains("pipelineguard:runtime=net10.0/linux-x64", comment);
        Assert.Contains("pipelineguard:framework=net10.0", comment);
    }
}
