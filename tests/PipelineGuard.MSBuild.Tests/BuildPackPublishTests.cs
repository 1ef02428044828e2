using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>A new console app with the package, built, packed and published with the real SDK.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class BuildPackPublishTests
{
    [Fact]
    public async Task Build_writes_a_CycloneDX_file_beside_the_assembly_that_validates_and_lists_the_packages()
    {
        var project = EndToEnd.ConsoleApp("SbomOnBuild");

        var build = await project.SucceedsAsync("build", "-nologo");

        var sbom = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "SbomOnBuild.cdx.json");
        Assert.True(File.Exists(sbom), build.ToString());
        await EndToEnd.AssertValidCycloneDxAsync(sbom);
        var json = await File.ReadAllTextAsync(sbom);
        Assert.Equal("SbomOnBuild", EndToEnd.RootComponentName(json));
        Assert.Contains("pkg:nuget/Newtonsoft.Json@13.0.4", EndToEnd.Purls(json));
        Assert.Contains($"PipelineGuard {RepositoryPaths.PackageVersion}: SBOM of SbomOnBuild", build.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_puts_the_SBOM_inside_the_nupkg_at_sbom_and_beside_it()
    {
        var project = EndToEnd.ConsoleApp("SbomOnPack");

        await project.SucceedsAsync("pack", "-nologo", "-o", "out");

        var nupkg = Path.Combine(project.Directory, "out", "SbomOnPack.1.0.0.nupkg");
        var inside = EndToEnd.ReadEntry(nupkg, "sbom/SbomOnPack.cdx.json");
        Assert.NotNull(inside);
        Assert.Contains("pkg:nuget/Newtonsoft.Json@13.0.4", EndToEnd.Purls(inside));
        var beside = Path.Combine(project.Directory, "out", "SbomOnPack.1.0.0.cdx.json");
        Assert.True(File.Exists(beside));
        Assert.Equal(inside, await File.ReadAllTextAsync(beside));
        await EndToEnd.AssertValidCycloneDxAsync(beside);
    }

    [Fact]
    public async Task Publish_puts_the_SBOM_in_the_publish_folder()
    {
        var project = EndToEnd.ConsoleApp("SbomOnPublish");

        await project.SucceedsAsync("publish", "-nologo", "-o", "published");

        var sbom = Path.Combine(project.Directory, "published", "SbomOnPublish.cdx.json");
        Assert.True(File.Exists(sbom));
        Assert.True(File.Exists(Path.Combine(project.Directory, "published", "SbomOnPublish.dll")));
        Assert.Contains("pkg:nuget/Newtonsoft.Json@13.0.4", EndToEnd.Purls(await File.ReadAllTextAsync(sbom)));
    }

    [Fact]
    public async Task PipelineGuardEnabled_false_and_the_per_feature_switches_turn_the_work_off()
    {
        var project = EndToEnd.ConsoleApp("SwitchedOff", files: new Dictionary<string, string> { ["Dockerfile"] = EndToEnd.LintedDockerfile });

        var off = await project.SucceedsAsync("build", "-nologo", "-p:PipelineGuardEnabled=false");
        Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "SwitchedOff.cdx.json")));
        Assert.DoesNotContain("DL3007", off.StandardOutput, StringComparison.Ordinal);

        var sbomOnly = await project.SucceedsAsync("build", "-nologo", "-p:PipelineGuardLintEnabled=false");
        Assert.True(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "SwitchedOff.cdx.json")));
        Assert.DoesNotContain("DL3007", sbomOnly.StandardOutput, StringComparison.Ordinal);
    }
}
