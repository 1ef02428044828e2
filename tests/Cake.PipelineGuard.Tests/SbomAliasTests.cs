using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

public sealed class SbomAliasTests
{
    // The repository's own Core project: restored by the build, so no extra restore is needed here.
    private static readonly string CoreProject = Path.Combine(RepositoryPaths.Root, "src", "PipelineGuard.Core", "PipelineGuard.Core.csproj");

    [Fact]
    public async Task The_alias_writes_a_valid_CycloneDX_SBOM_and_logs_the_file()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sbom");
        var output = Path.Combine(dir, "out", "core.cdx.json");
        var run = await CakeScript.RunAsync("""
            var result = PipelineGuardSbom(Argument<string>("project"), new PipelineGuardSbomSettings()
                .WithOutputFile(Argument<string>("output"))
                .WithSpecVersion(CycloneDxSpecVersion.V1_6)
                .WithSourceDateEpoch(1700000000));
            Information("result: succeeded={0} files={1} components={2}", result.Succeeded, result.Files.Count, result.Files[0].Components);
            """, [$"--project={CoreProject}", $"--output={output}"], null, dir);

        Scripts.Passed(run);
        Assert.Contains($"pipelineguard sbom: wrote {output} (", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("result: succeeded=True files=1 components=", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"BouncyCastle.Cryptography\"", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        var validation = await NodeInterop.RunAsync("validate-cyclonedx.mjs", output, "1.6");
        Assert.True(validation.ExitCode == 0, validation.ToString());
    }

    [Fact]
    public async Task A_missing_project_fails_the_build_with_a_located_diagnostic()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sbom");
        var run = await CakeScript.RunAsync("""
            PipelineGuardSbom("./no-such/App.csproj", new PipelineGuardSbomSettings().WithOutputDirectory("./out"));
            Information("not reached");
            """, [], null, dir);

        Scripts.FailedWith(run, "no-such/App.csproj: error PGSBOM021: no such file or directory.");
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task With_FailOnError_off_the_failure_is_returned_and_the_build_goes_on()
    {
        var run = await CakeScript.RunAsync("""
            var result = PipelineGuardSbom("./missing.csproj", new PipelineGuardSbomSettings().WithFailOnError(false));
            Information("result: succeeded={0} diagnostics={1}", result.Succeeded, result.Diagnostics.Count);
            """);

        Scripts.Passed(run);
        Assert.Contains("error PGSBOM021", run.Output, StringComparison.Ordinal);
        Assert.Contains("result: succeeded=False diagnostics=1", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithRuntime_asks_for_that_RID_graph_and_one_not_restored_fails_the_build()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sbom-rid");
        var run = await CakeScript.RunAsync("""
            PipelineGuardSbom(Argument<string>("project"), new PipelineGuardSbomSettings().WithRuntime("win-arm64").WithOutputDirectory("./out"));
            Information("not reached");
            """, [$"--project={CoreProject}"], null, dir);

        Scripts.FailedWith(run, "error PGSBOM008: the project has no restore graph for runtime 'win-arm64' in target framework 'net");
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
