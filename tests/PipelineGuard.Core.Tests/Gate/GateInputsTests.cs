using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>The files a gate run read, listed for incremental builds, and whether its outcome depends on the day.</summary>
public sealed class GateInputsTests
{
    [Fact]
    public async Task The_inputs_list_names_the_policy_keys_lint_configuration_and_layouts_and_says_when_the_day_matters()
    {
        var folder = RepositoryPaths.NewTempDirectory("gate-inputs");
        await File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), "FROM scratch\n");
        await File.WriteAllTextAsync(Path.Combine(folder, ".hadolint.yaml"), "ignored: [DL3006]\n");
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "HelloService");
        var policyText = $"""
            version: 1
            sbom:
              enabled: false
            baseImages:
              requireDigest: true
              signature:
                keys: [{Path.Combine(sample, "keys", "demo.pub")}]
            registries:
              layouts:
                registry.pipelineguard.test/base/hello-runtime: {Path.Combine(sample, "base-image")}
            """;
        var policyFile = Path.Combine(folder, "pipelineguard.yaml");
        await File.WriteAllTextAsync(policyFile, policyText + "\n");
        var list = Path.Combine(folder, "inputs.txt");

        var policy = PolicyLoader.Load(policyFile).Policy!;
        var job = await GateJob.RunAsync(new GateJobOptions { Gate = new GateOptions { Path = folder, Policy = policy, Now = GateResults.Now }, InputsListFile = list });
        Assert.True(job.Run.Result is not null, string.Join('\n', job.Run.ConfigurationErrors));

        var lines = await File.ReadAllLinesAsync(list);
        Assert.Contains(Path.GetFullPath(policyFile), lines);
        Assert.Contains(Path.Combine(sample, "keys", "demo.pub"), lines);
        Assert.Contains(Path.Combine(sample, "base-image", "index.json"), lines);
        Assert.Contains(Path.Combine(folder, ".hadolint.yaml"), lines);
        Assert.DoesNotContain(GateJobOptions.DailyMarker, lines);

        var dated = PolicyLoader.Parse(policyText.Replace("  requireDigest: true", "  requireDigest: true\n  maxAgeDays: 365", StringComparison.Ordinal) + "\n", "pipelineguard.yaml", folder);
        Assert.True(dated.Policy is not null, string.Join('\n', dated.Diagnostics));
        Assert.True(dated.Policy.DependsOnDate);
        await GateJob.RunAsync(new GateJobOptions { Gate = new GateOptions { Path = folder, Policy = dated.Policy, Now = GateResults.Now }, InputsListFile = list });
        Assert.Contains(GateJobOptions.DailyMarker, await File.ReadAllLinesAsync(list));
    }
}
