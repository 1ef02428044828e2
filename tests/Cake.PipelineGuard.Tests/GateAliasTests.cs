using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>The gate, check-base and pin aliases on copies of the repository's samples (base images served from OCI layouts in the samples).</summary>
public sealed class GateAliasTests
{
    private static string CopySamples()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-gate");
        SampleScriptTests.CopySample(Path.Combine(RepositoryPaths.Root, "samples", "HelloService"), Path.Combine(dir, "HelloService"));
        SampleScriptTests.CopySample(Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService"), Path.Combine(dir, "UnsafeService"));
        return dir;
    }

    [Fact]
    public async Task The_HelloService_sample_passes_the_gate_check_base_and_pin_check()
    {
        var dir = CopySamples();
        // The gate's SBOM step reads project.assets.json and never restores: restore first, as a build would.
        var restore = await ProcessRunner.RunAsync("dotnet", ["restore", "HelloService.csproj"], Path.Combine(dir, "HelloService"),
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = SampleProject.PackagesFolder }, timeout: TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var run = await CakeScript.RunAsync("""
            var gate = PipelineGuardGate("./HelloService", new PipelineGuardGateSettings().WithOutputDirectory("./report"));
            var bases = PipelineGuardCheckBaseImages(new FilePath[] { "./HelloService/Dockerfile" }, new PipelineGuardCheckBaseImagesSettings().WithPolicy("./HelloService/pipelineguard.yaml"));
            var pin = PipelineGuardPin("./HelloService/Dockerfile", new PipelineGuardPinSettings().WithCheck());
            Information("result: gate={0} reports={1} bases={2} pinned={3}", gate.Passed, gate.Reports.Count, bases.Passed, pin.Pin.AllPinned);
            """, [], null, dir);

        Scripts.Passed(run);
        Assert.Contains("pipelineguard gate: PASSED (", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("pipelineguard check-base: PASSED (1 base image(s), 0 blocking finding(s))", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard pin: {Path.Combine(dir, "HelloService", "Dockerfile")}: every base image is pinned", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("result: gate=True reports=4 bases=True pinned=True", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"verdict\": \"pass\"", await File.ReadAllTextAsync(Path.Combine(dir, "report", "pipelineguard.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_UnsafeService_sample_fails_the_gate_with_canonical_findings()
    {
        var dir = CopySamples();
        var run = await CakeScript.RunAsync("""
            PipelineGuardGate("./UnsafeService", new PipelineGuardGateSettings().WithOutputDirectory("./report"));
            Information("not reached");
            """, [], null, dir);

        Scripts.FailedWith(run, "pipelineguard gate: FAILED (");
        Assert.Contains($"{Path.Combine(dir, "UnsafeService", "Dockerfile")}(", run.Output, StringComparison.Ordinal);
        Assert.Contains("No signature is stored", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "report", "pipelineguard.sarif")));
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_base_images_fails_the_build_for_the_UnsafeService_base_image()
    {
        var dir = CopySamples();
        var run = await CakeScript.RunAsync("""
            PipelineGuardCheckBaseImages(new FilePath[] { "./UnsafeService/Dockerfile" }, new PipelineGuardCheckBaseImagesSettings().WithPolicy("./UnsafeService/pipelineguard.yaml"));
            Information("not reached");
            """, [], null, dir);

        Scripts.FailedWith(run, "pipelineguard check-base: FAILED (");
        Assert.Contains($"{Path.Combine(dir, "UnsafeService", "Dockerfile")}(", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_check_fails_the_build_for_an_image_pinned_by_tag_only()
    {
        var dir = CopySamples();
        var run = await CakeScript.RunAsync("""
            var missing = PipelineGuardPin("./nope/Dockerfile", new PipelineGuardPinSettings().WithCheck().WithFailOnError(false));
            Information("result: missing={0}", missing.Succeeded);
            PipelineGuardPin("./UnsafeService/Dockerfile", new PipelineGuardPinSettings().WithCheck());
            Information("not reached");
            """, [], null, dir);

        Scripts.FailedWith(run, "is not pinned by digest");
        Assert.Contains($"{Path.Combine(dir, "UnsafeService", "Dockerfile")}(2,1): error PG3003: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("result: missing=False", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notation_settings_add_a_trust_policy_to_check_base_and_refuse_a_preset_beside_a_trust_policy()
    {
        var dir = CopySamples();
        var run = await CakeScript.RunAsync("""
            var both = PipelineGuardCheckBaseImages(new FilePath[] { "./HelloService/Dockerfile" }, new PipelineGuardCheckBaseImagesSettings().WithPolicy("./HelloService/pipelineguard.yaml").WithTrustPolicyPreset("microsoft-dotnet").WithTrustPolicy("./trustpolicy.json", "./store").WithFailOnError(false));
            Information("both: {0} {1}", both.Succeeded, both.Errors[0]);
            var preset = PipelineGuardCheckBaseImages(new FilePath[] { "./HelloService/Dockerfile" }, new PipelineGuardCheckBaseImagesSettings().WithPolicy("./HelloService/pipelineguard.yaml").WithTrustPolicyPreset("microsoft-dotnet"));
            Information("preset: passed={0}", preset.Passed);
            var unknown = PipelineGuardPin("./HelloService/Dockerfile", new PipelineGuardPinSettings().WithTrustPolicyPreset("mcr").WithFailOnError(false));
            Information("unknown: {0} {1}", unknown.Succeeded, unknown.Errors[0]);
            """, [], null, dir);

        Scripts.Passed(run);
        Assert.Contains("both: False a Notation preset excludes a trust policy and trust store", run.StandardOutput, StringComparison.Ordinal);
        // The sample's key still verifies: the requirement is met when any configured form verifies.
        Assert.Contains("preset: passed=True", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("unknown: False 'mcr' is not a Notation preset; use one of microsoft-dotnet", run.StandardOutput, StringComparison.Ordinal);
    }
}
