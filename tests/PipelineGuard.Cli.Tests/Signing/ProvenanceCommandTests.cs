using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>
/// <c>pipelineguard provenance</c> as a process in a simulated GitHub Actions job: the statement it writes is attested
/// with <c>attest-blob</c> and verifies with <c>verify-blob-attestation --type slsaprovenance1</c>, naming the job's
/// repository, commit and workflow.
/// </summary>
public sealed class ProvenanceCommandTests
{
    [Fact]
    public async Task Provenance_from_a_GitHub_Actions_job_attests_and_verifies()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "pipelineguard.dll");
        var dotnet = ProcessRunner.Require("dotnet", "install the .NET SDK");
        var dir = RepositoryPaths.NewTempDirectory("provenance-cli");
        var artifact = Path.Combine(dir, "app.tgz");
        File.WriteAllText(artifact, "release");
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_REPOSITORY"] = "acme/shop",
            ["GITHUB_SHA"] = "89abcdef0123456789abcdef0123456789abcdef",
            ["GITHUB_REF"] = "refs/tags/v1.2.0",
            ["GITHUB_WORKFLOW_REF"] = "acme/shop/.github/workflows/release.yml@refs/tags/v1.2.0",
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_RUN_ID"] = "7",
            ["RUNNER_ENVIRONMENT"] = "github-hosted",
            ["GITLAB_CI"] = null,
            ["TF_BUILD"] = null,
            ["PIPELINEGUARD_PASSWORD"] = Cli.Password,
        };
        Task<ProcessResult> Run(params string[] args) => ProcessRunner.RunAsync(dotnet, [tool, .. args], dir, environment, timeout: TimeSpan.FromMinutes(1));

        var written = await Run("provenance", artifact, "-o", "provenance.json");
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.Contains("from GitHubActions", written.StandardError, StringComparison.Ordinal);
        Assert.True((await Run("generate-key-pair")).ExitCode == 0);
        var attested = await Run("attest-blob", artifact, "--predicate", "provenance.json", "--key", "cosign.key", "--bundle", "app.tgz.sigstore.json");
        Assert.True(attested.ExitCode == 0, attested.ToString());
        Assert.Contains("https://slsa.dev/provenance/v1", attested.StandardError, StringComparison.Ordinal);

        var verified = await Run("verify-blob-attestation", artifact, "--key", "cosign.pub", "--bundle", "app.tgz.sigstore.json", "--type", "slsaprovenance1");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        var bundle = Path.Combine(dir, "app.tgz.sigstore.json");
        var payload = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(bundle))!["dsseEnvelope"]!["payload"]!.GetValue<string>();
        Assert.Contains("\"repository\":\"https://github.com/acme/shop\"", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload)).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var statement = File.ReadAllText(Path.Combine(dir, "provenance.json"));
        Assert.Contains("\"path\":\".github/workflows/release.yml\"", statement, StringComparison.Ordinal);
        Assert.Contains("89abcdef0123456789abcdef0123456789abcdef", statement, StringComparison.Ordinal);

        // Usage errors exit 2: no subject, no output.
        Assert.Equal(2, (await Run("provenance", "-o", "x.json")).ExitCode);
        Assert.Equal(2, (await Run("provenance", artifact)).ExitCode);
    }
}
