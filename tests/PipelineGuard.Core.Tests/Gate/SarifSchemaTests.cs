using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>The gate's SARIF against the official SARIF 2.1.0 schema, checked by the pinned node validator.</summary>
public sealed class SarifSchemaTests
{
    [Fact]
    public async Task UnsafeService_sarif_with_failing_and_exempted_findings_validates_against_the_schema()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService");
        var policyText = await File.ReadAllTextAsync(Path.Combine(sample, "pipelineguard.yaml"));

        // An active exception beside the sample's expired one, so the log carries a suppression too.
        policyText += """
              - rule: denied-tag
                image: "docker.io/library/node:*"
                expires: 2099-12-31
                reason: build stage only
            """;
        var loaded = PolicyLoader.Parse(policyText, "pipelineguard.yaml", sample);
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        var run = await GateRunner.RunAsync(new GateOptions { Path = sample, Policy = loaded.Policy, Now = GateResults.Now });
        Assert.True(run.Result is not null, string.Join('\n', run.ConfigurationErrors));
        var result = run.Result;
        Assert.Contains(result.Findings, f => f.ExemptedBy is not null);
        Assert.Contains(result.Findings, f => f.ExemptedBy is null && f.Severity == Severity.Error);

        var file = Path.Combine(RepositoryPaths.NewTempDirectory("gate-sarif"), "gate.sarif");
        var sarif = SarifWriter.Write(result);
        await File.WriteAllTextAsync(file, sarif);

        // Locations from the repository root, which originalUriBaseIds declares.
        using (var json = System.Text.Json.JsonDocument.Parse(sarif))
        {
            var sarifRun = json.RootElement.GetProperty("runs")[0];
            Assert.True(sarifRun.GetProperty("originalUriBaseIds").TryGetProperty("%SRCROOT%", out _));
            var uris = sarifRun.GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()).Distinct().ToList();
            Assert.Contains("samples/UnsafeService/Dockerfile", uris);
        }

        var valid = await NodeInterop.RunAsync("validate-sarif.mjs", file);
        Assert.True(valid.ExitCode == 0, valid.ToString());
    }

    [Fact]
    public async Task The_fixed_result_with_every_kind_of_finding_validates_and_a_broken_copy_does_not()
    {
        var sarif = SarifWriter.Write(GateResults.Sample());
        var directory = RepositoryPaths.NewTempDirectory("gate-sarif");
        var file = Path.Combine(directory, "gate.sarif");
        await File.WriteAllTextAsync(file, sarif);
        var valid = await NodeInterop.RunAsync("validate-sarif.mjs", file);
        Assert.True(valid.ExitCode == 0, valid.ToString());

        // The validator must be able to say no: a suppression kind SARIF does not define.
        var broken = Path.Combine(directory, "broken.sarif");
        await File.WriteAllTextAsync(broken, sarif.Replace("\"kind\": \"external\"", "\"kind\": \"waived\"", StringComparison.Ordinal));
        Assert.NotEqual(sarif, await File.ReadAllTextAsync(broken));
        var invalid = await NodeInterop.RunAsync("validate-sarif.mjs", broken);
        Assert.Equal(1, invalid.ExitCode);
    }
}
