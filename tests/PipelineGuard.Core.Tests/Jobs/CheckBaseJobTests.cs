using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Jobs;

/// <summary>The check-base job the command line and the Cake alias share, on the repository's samples (base images from OCI layouts).</summary>
public sealed class CheckBaseJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static GatePolicy SamplePolicy(string sample)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "samples", sample);
        var loaded = PolicyLoader.Load(Path.Combine(folder, PolicyLoader.DefaultFileName));
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        return loaded.Policy;
    }

    [Fact]
    public async Task The_HelloService_base_image_passes_every_rule_of_its_policy()
    {
        var dockerfile = Path.Combine(RepositoryPaths.Root, "samples", "HelloService", "Dockerfile");
        var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions { Dockerfiles = [dockerfile], Policy = SamplePolicy("HelloService"), Now = Now });

        Assert.True(run.Result is not null, string.Join('\n', run.ConfigurationErrors));
        Assert.True(run.Result.Passed, string.Join('\n', run.Result.Findings.Select(f => $"{f.RuleId}: {f.Message}")));
        var image = Assert.Single(run.Result.BaseImages);
        Assert.Equal(dockerfile, image.Dockerfile);
        Assert.Contains(image.Assessment.Checks, c => c.RuleId == ProvenanceRuleIds.Signature && c.Outcome == CheckOutcome.Pass);
    }

    [Fact]
    public async Task The_UnsafeService_base_images_fail_with_findings_at_their_lines()
    {
        var dockerfile = Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService", "Dockerfile");
        var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions { Dockerfiles = [dockerfile], Policy = SamplePolicy("UnsafeService"), Now = Now });

        Assert.True(run.Result is not null, string.Join('\n', run.ConfigurationErrors));
        Assert.False(run.Result.Passed);
        Assert.Equal(2, run.Result.BaseImages.Count);
        Assert.Contains(run.Result.Findings, f => f.Blocking && f.RuleId == ProvenanceRuleIds.Signature && f.Location?.Line == 8);
    }

    [Fact]
    public async Task A_policy_without_base_image_rules_is_a_configuration_error_not_a_silent_pass()
    {
        var dockerfile = Path.Combine(RepositoryPaths.Root, "samples", "HelloService", "Dockerfile");
        var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions { Dockerfiles = [dockerfile], Policy = new GatePolicy { BaseDirectory = RepositoryPaths.Root } });

        Assert.Null(run.Result);
        Assert.Equal([CheckBaseJob.NoRulesError], run.ConfigurationErrors);
    }

    [Fact]
    public async Task A_trusted_key_that_does_not_exist_stops_the_job_and_is_named()
    {
        var policy = new GatePolicy
        {
            BaseDirectory = RepositoryPaths.Root,
            BaseImages = new BaseImageRules { Signature = new SignatureRequirement(["keys/missing.pub"]) },
        };
        var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions { Dockerfiles = ["Dockerfile"], Policy = policy });

        Assert.Null(run.Result);
        Assert.Contains("keys/missing.pub", Assert.Single(run.ConfigurationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_Dockerfile_is_a_blocking_step_failure()
    {
        var missing = Path.Combine(RepositoryPaths.NewTempDirectory("check-base-job"), "Dockerfile");
        var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions { Dockerfiles = [missing], Policy = SamplePolicy("HelloService"), Now = Now });

        Assert.True(run.Result is not null, string.Join('\n', run.ConfigurationErrors));
        Assert.False(run.Result.Passed);
        Assert.Contains(run.Result.Findings, f => f.Blocking && f.Message.Contains(missing, StringComparison.Ordinal));
    }
}
