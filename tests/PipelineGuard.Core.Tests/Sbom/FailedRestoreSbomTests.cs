using System.Text.Json;
using System.Text.Json.Nodes;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>
/// A real failed restore: one package id that no feed has (NU1101) and one version that does not exist (NU1102), beside
/// one that restores. Restore still writes the assets file, with the errors in its <c>logs</c>.
/// </summary>
public sealed class FailedRestoreSample : IAsyncLifetime
{
    public const string MissingId = "PipelineGuard.Sample.NoSuchPackage";

    public SampleProject Project { get; private set; } = null!;

    public string AssetsFile => Path.Combine(Project.Directory, "obj", "project.assets.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RepositoryPaths.Packages);
        Project = SampleProject.Create("SbomFailed", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Serilog" Version="4.0.0" />
                <PackageReference Include="{MissingId}" Version="1.0.0" />
                <PackageReference Include="Polly" Version="999.0.0" />
              </ItemGroup>
            </Project>
            """);
        var restore = await Project.DotNetAsync("restore");
        Assert.True(restore.ExitCode != 0, "the restore was expected to fail: " + restore);
        Assert.True(File.Exists(AssetsFile), restore.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>A failed restore is an error naming what is missing; with AllowIncomplete the SBOM says it is incomplete.</summary>
public sealed class FailedRestoreSbomTests(FailedRestoreSample sample) : IClassFixture<FailedRestoreSample>
{
    private ProjectSbomResult Generate(bool allowIncomplete, string? assetsFile = null) => ProjectSbomGenerator.Generate(new ProjectSbomOptions
    {
        AssetsFile = assetsFile ?? sample.AssetsFile,
        ProjectFile = sample.Project.ProjectFile,
        AllowIncomplete = allowIncomplete,
        SourceDateEpoch = 1_700_000_000,
    });

    [Fact]
    public void The_restore_errors_are_read_from_the_assets_file()
    {
        var assets = AssetsFileReader.Read(sample.AssetsFile).File!;
        var errors = assets.Logs.Where(l => l.IsError).ToList();
        Assert.Contains(errors, l => l.Code == "NU1101" && l.LibraryId == FailedRestoreSample.MissingId && l.TargetGraphs.SequenceEqual(["net10.0"]));
        Assert.Contains(errors, l => l.Code == "NU1102" && l.LibraryId == "Polly");
    }

    [Fact]
    public void A_failed_restore_is_an_error_listing_the_unresolved_packages()
    {
        var result = Generate(allowIncomplete: false);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == SbomDiagnosticSeverity.Error);
        Assert.Equal("PGSBOM009", error.Code);
        Assert.Equal(sample.AssetsFile, error.File);
        Assert.Contains($"{FailedRestoreSample.MissingId} >= 1.0.0 (NU1101) in net10.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Polly >= 999.0.0 (NU1102) in net10.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-incomplete", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Serilog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_the_SBOM_marks_the_root_incomplete_and_names_what_is_missing()
    {
        var result = Generate(allowIncomplete: true);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "PGSBOM009");
        Assert.Equal(SbomDiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("marked incomplete", warning.Message, StringComparison.Ordinal);

        var document = result.Document!;
        var root = document.Metadata.Component!;
        Assert.Equal([$"pkg:nuget/Serilog@4.0.0"], document.Components.Select(c => c.BomRef));
        var composition = Assert.Single(document.Compositions);
        Assert.Equal(SbomCompositionAggregate.Incomplete, composition.Aggregate);
        Assert.Equal([root.BomRef], composition.DependencyRefs);
        Assert.Equal(
            [$"net10.0: {FailedRestoreSample.MissingId} >= 1.0.0 (NU1101)", "net10.0: Polly >= 999.0.0 (NU1102)"],
            root.Properties.Where(p => p.Name == SbomComposition.UnresolvedProperty).Select(p => p.Value).Order(StringComparer.Ordinal));

        await SbomAssertions.AllFormatsValidateAsync(document, "sbom-incomplete");
        var directory = RepositoryPaths.NewTempDirectory("sbom-incomplete-check");
        var cdx = Path.Combine(directory, "bom.cdx.json");
        await SbomWriter.WriteFileIfChangedAsync(document, cdx, SbomFormat.CycloneDxJson, CycloneDxSpecVersion.V1_6);
        using (var json = JsonDocument.Parse(File.ReadAllBytes(cdx)))
        {
            var written = Assert.Single(json.RootElement.GetProperty("compositions").EnumerateArray());
            Assert.Equal("incomplete", written.GetProperty("aggregate").GetString());
            Assert.Equal(root.BomRef, Assert.Single(written.GetProperty("dependencies").EnumerateArray()).GetString());
        }

        var spdx = Path.Combine(directory, "bom.spdx.json");
        await SbomWriter.WriteFileIfChangedAsync(document, spdx, SbomFormat.SpdxJson);
        using (var json = JsonDocument.Parse(File.ReadAllBytes(spdx)))
        {
            var packages = json.RootElement.GetProperty("packages").EnumerateArray().ToList();
            var annotation = Assert.Single(packages.Single(p => p.GetProperty("name").GetString() == root.Name).GetProperty("annotations").EnumerateArray());
            Assert.Equal("OTHER", annotation.GetProperty("annotationType").GetString());
            Assert.Contains("Polly >= 999.0.0 (NU1102)", annotation.GetProperty("comment").GetString(), StringComparison.Ordinal);
            Assert.False(packages.Single(p => p.GetProperty("name").GetString() == "Serilog").TryGetProperty("annotations", out _));
        }
    }

    [Fact]
    public void A_package_whose_dependency_is_missing_from_the_graph_is_the_incomplete_one()
    {
        // A restored graph with one package removed from its target: Serilog stays, and a package depending on it does
        // not resolve it. Built from the real assets file so every other field is what restore wrote.
        var assets = JsonNode.Parse(File.ReadAllText(sample.AssetsFile))!;
        assets["logs"] = new JsonArray();
        var target = assets["targets"]!["net10.0"]!.AsObject();
        target["Serilog/4.0.0"]!["dependencies"] = new JsonObject { ["Serilog.Missing.Dependency"] = "2.0.0" };
        assets["projectFileDependencyGroups"]!["net10.0"] = new JsonArray("Serilog >= 4.0.0");
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("sbom-transitive"), "project.assets.json");
        File.WriteAllText(file, assets.ToJsonString());

        var failed = Generate(allowIncomplete: false, file);
        Assert.Equal("PGSBOM009", Assert.Single(failed.Diagnostics).Code);
        Assert.Contains("Serilog.Missing.Dependency 2.0.0 in net10.0", failed.Diagnostics[0].Message, StringComparison.Ordinal);

        var document = Generate(allowIncomplete: true, file).Document!;
        var serilog = Assert.Single(document.Components);
        Assert.Equal(["pkg:nuget/Serilog@4.0.0"], Assert.Single(document.Compositions).DependencyRefs);
        Assert.Contains(serilog.Properties, p => p.Name == SbomComposition.UnresolvedProperty && p.Value == "net10.0: Serilog.Missing.Dependency 2.0.0");
    }
}
