using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>A net8.0;net10.0 library: one SBOM for both frameworks, made once in the outer build.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class MultiTargetingTests
{
    [Fact]
    public async Task A_multi_targeting_library_gets_one_correct_SBOM_in_its_package_made_once()
    {
        var project = SampleProject.Create("MultiLib", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                <Version>2.3.4</Version>
                <Authors>Multi Authors</Authors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PipelineGuard.MSBuild" Version="{RepositoryPaths.PackageVersion}" PrivateAssets="all" />
                {EndToEnd.SamplePackage}
              </ItemGroup>
            </Project>
            """, new Dictionary<string, string> { ["Library.cs"] = "namespace MultiLib; public static class Library { public static int Answer => 42; }\n" });

        await project.SucceedsAsync("pack", "-nologo", "-o", "out", "-bl:pack.binlog");

        var log = BuildLog.Read(Path.Combine(project.Directory, "pack.binlog"));
        Assert.Single(log.TasksRun(), t => t == "GenerateSbom");
        var inside = EndToEnd.ReadEntry(Path.Combine(project.Directory, "out", "MultiLib.2.3.4.nupkg"), "sbom/MultiLib.cdx.json");
        Assert.NotNull(inside);
        var beside = Path.Combine(project.Directory, "out", "MultiLib.2.3.4.cdx.json");
        Assert.Equal(inside, await File.ReadAllTextAsync(beside));
        await EndToEnd.AssertValidCycloneDxAsync(beside);

        using var document = JsonDocument.Parse(inside);
        var metadata = document.RootElement.GetProperty("metadata");
        Assert.Equal("MultiLib", metadata.GetProperty("component").GetProperty("name").GetString());
        Assert.Equal("2.3.4", metadata.GetProperty("component").GetProperty("version").GetString());
        var frameworks = metadata.GetProperty("properties").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString() == "pipelineguard:framework")
            .Select(p => p.GetProperty("value").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["net10.0", "net8.0"], frameworks);
        Assert.Contains(EndToEnd.Purls(inside), p => p.StartsWith("pkg:nuget/Newtonsoft.Json@13.0.4", StringComparison.Ordinal));
        // The frameworks' own output folders get no SBOM; the outer build's folder does.
        Assert.True(File.Exists(Path.Combine(project.Directory, "bin", "Release", "MultiLib.cdx.json")));
        Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "Release", "net8.0", "MultiLib.cdx.json")));
    }
}
