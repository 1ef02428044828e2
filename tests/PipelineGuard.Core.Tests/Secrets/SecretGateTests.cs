using PipelineGuard.Gate;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Secrets;
using Xunit;

namespace PipelineGuard.Core.Tests.Secrets;

/// <summary>The gate's <c>secrets</c> section: build contexts and named paths scanned, findings under their PG4xxx rules, the allow list with expiry, strict parsing, fail closed.</summary>
public sealed class SecretGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static (string Directory, string Token) Project(string name)
    {
        var directory = RepositoryPaths.NewTempDirectory(name);
        var token = PlantedSecrets.GitHubToken(31);
        File.WriteAllText(Path.Combine(directory, "Dockerfile"), "FROM scratch\nCOPY config/ /app/config/\n");
        Directory.CreateDirectory(Path.Combine(directory, "config"));
        File.WriteAllText(Path.Combine(directory, "config", "deploy.env.txt"), $"\nGITHUB={token}\n");
        return (directory, token);
    }

    private static async Task<GateResult> GateAsync(string directory, string secrets)
    {
        var loaded = PolicyLoader.Parse($"version: 1\nlint:\n  enabled: false\nsbom:\n  enabled: false\nsecrets:\n{secrets}\n", Path.Combine(directory, "pipelineguard.yaml"), directory);
        Assert.True(loaded.Policy is not null, string.Join("; ", loaded.Diagnostics));
        var run = await GateRunner.RunAsync(new GateOptions { Path = directory, Policy = loaded.Policy, Now = Now });
        Assert.True(run.Result is not null, string.Join("; ", run.ConfigurationErrors));
        return run.Result;
    }

    [Fact]
    public async Task A_token_in_the_build_context_fails_the_gate_at_its_file_and_line_naming_the_COPY_and_never_the_token()
    {
        var (directory, token) = Project("gate-secrets");
        var result = await GateAsync(directory, "  context: true");

        Assert.False(result.Passed);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("PG4003", finding.RuleId);
        Assert.Equal(FindingSource.Secrets, finding.Source);
        Assert.Equal("config/deploy.env.txt", finding.Location!.File);
        Assert.Equal(2, finding.Location.Line);
        Assert.Contains("COPY", finding.Message, StringComparison.Ordinal);
        foreach (var report in new[] { GateJsonWriter.Write(result), SarifWriter.Write(result), MarkdownSummaryWriter.Write(result), HtmlReportWriter.Write(result) })
        {
            Assert.DoesNotContain(token, report, StringComparison.Ordinal);
            Assert.DoesNotContain(token[4..], report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_allow_list_lets_a_named_finding_pass_until_it_expires()
    {
        var (directory, _) = Project("gate-secrets-allow");
        var allowed = await GateAsync(directory, "  allow:\n    - path: config/*.txt\n      rule: github-token\n      reason: revoked, kept as a fixture\n      expires: 2026-12-31\n");
        Assert.True(allowed.Passed, string.Join("; ", allowed.Findings.Select(f => f.Message)));

        var expired = await GateAsync(directory, "  allow:\n    - path: config/*.txt\n      reason: revoked\n      expires: 2026-12-01\n");
        Assert.False(expired.Passed);
        Assert.Equal("PG4003", Assert.Single(expired.Findings).RuleId);
    }

    [Fact]
    public async Task A_package_named_in_paths_is_scanned_entry_by_entry()
    {
        var directory = RepositoryPaths.NewTempDirectory("gate-secrets-package");
        var planted = PlantedPackages.ConnectionString;
        PlantedPackages.WriteWithConnectionString(Path.Combine(directory, "Web.1.0.0.nupkg"));

        var result = await GateAsync(directory, "  context: false\n  paths: [Web.1.0.0.nupkg]");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("PG4040", finding.RuleId);
        Assert.Equal("Web.1.0.0.nupkg", finding.Location!.File);
        Assert.Contains("in content/appsettings.Development.json:3:", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(planted.Secret!, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_cannot_be_scanned_fails_closed()
    {
        var directory = RepositoryPaths.NewTempDirectory("gate-secrets-missing");
        var result = await GateAsync(directory, "  context: false\n  paths: [missing]");
        Assert.False(result.Passed);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("PG0002", finding.RuleId);
        Assert.Contains("could not run", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  allow:\n    - rule: require-digest\n      reason: r", "secrets.allow[0].rule")]
    [InlineData("  allow:\n    - fingerprint: abc\n      reason: r", "secrets.allow[0].fingerprint")]
    [InlineData("  allow:\n    - reason: r", "secrets.allow[0]")]
    [InlineData("  allow:\n    - path: a.txt", "secrets.allow[0]")]
    [InlineData("  contexts: true", "secrets")]
    public void Bad_secrets_sections_are_errors_naming_the_field(string section, string field)
    {
        var loaded = PolicyLoader.Parse($"version: 1\nsecrets:\n{section}\n", "pipelineguard.yaml", Path.GetTempPath());
        Assert.Null(loaded.Policy);
        Assert.Contains(loaded.Diagnostics, d => d.Field.StartsWith(field, StringComparison.Ordinal));
    }
}
