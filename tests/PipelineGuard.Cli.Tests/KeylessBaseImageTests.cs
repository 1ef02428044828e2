using System.Text.Json.Nodes;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>
/// <c>check-base</c> and <c>gate</c> with keyless identities in the policy, against a real registry: a base image signed
/// keyless (by a private test Sigstore whose <c>trusted_root.json</c> the policy names) passes for the trusted identity and
/// fails for any other; the reports show who signed and the log index.
/// </summary>
public sealed class KeylessBaseImageTests : IClassFixture<RegistryFixture>, IDisposable
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string Workflow = "https://github.com/acme/base/.github/workflows/release.yaml@refs/heads/main";
    private readonly RegistryFixture _registry;
    private readonly TestSigstore _sigstore = new();

    public KeylessBaseImageTests(RegistryFixture registry) => _registry = registry;

    public void Dispose() => _sigstore.Dispose();

    /// <summary>A folder with the Dockerfile, the test Sigstore's trusted root and a policy trusting <paramref name="identity"/>.</summary>
    private async Task<string> ProjectAsync(string from, string identity)
    {
        var dir = RepositoryPaths.NewTempDirectory("keyless-base");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), $"FROM {from}\nUSER 65532\n");
        await File.WriteAllBytesAsync(Path.Combine(dir, "trusted_root.json"), _sigstore.TrustedRootJson());
        await File.WriteAllTextAsync(Path.Combine(dir, "pipelineguard.yaml"), $"""
            version: 1
            lint:
              enabled: false
            sbom:
              enabled: false
            registries:
              allowHttp: ["127.0.0.1:*"]
            baseImages:
              requireDigest: true
            {(identity.Length == 0 ? string.Empty : "  signature:\n" + identity)}
            """);
        return dir;
    }

    private static string Identity(string subject, string issuer = Issuer) => $"""
                identities:
                  - issuer: {issuer}
                    subject: {subject}
                    github: {"{"} repository: acme/base {"}"}
                    trustedRoot: trusted_root.json
        """;

    private async Task<string> SignedBaseAsync(string repository)
    {
        var digest = await RegistryImages.PushAsync(_registry, repository, "1", repository);
        await KeylessImageWriter.SignAsync(_sigstore, $"{_registry.Host}/{repository}@{digest}",
            new TestIdentity(Workflow, Issuer) { GitHub = ("push", "0123456789abcdef0123456789abcdef01234567", "release", "acme/base", "refs/heads/main") });
        return $"{_registry.Host}/{repository}:1@{digest}";
    }

    [Fact]
    public async Task Check_base_passes_a_keyless_signed_base_for_the_trusted_identity_and_fails_it_for_any_other()
    {
        var from = await SignedBaseAsync("keyless/check");
        var trusted = await ProjectAsync(from, Identity(Workflow));
        var otherSubject = await ProjectAsync(from, Identity("https://github.com/acme/other/.github/workflows/release.yaml@refs/heads/main"));
        var otherIssuer = await ProjectAsync(from, Identity(Workflow, "https://accounts.google.com"));

        var pass = await CliRunner.RunAsync("check-base", Path.Combine(trusted, "Dockerfile"), "--policy", Path.Combine(trusted, "pipelineguard.yaml"));
        var failSubject = await CliRunner.RunAsync("check-base", Path.Combine(otherSubject, "Dockerfile"), "--policy", Path.Combine(otherSubject, "pipelineguard.yaml"));
        var failIssuer = await CliRunner.RunAsync("check-base", Path.Combine(otherIssuer, "Dockerfile"), "--policy", Path.Combine(otherIssuer, "pipelineguard.yaml"));

        Assert.True(pass.ExitCode == 0, pass.Output + pass.Error);
        Assert.Contains($"PG3006 signature: Signed by {Workflow} from {Issuer}.", pass.Output, StringComparison.Ordinal);
        Assert.Equal(1, failSubject.ExitCode);
        Assert.Contains("FAIL PG3006 signature:", failSubject.Output, StringComparison.Ordinal);
        Assert.Contains($"expected identity 'https://github.com/acme/other/.github/workflows/release.yaml@refs/heads/main', found '{Workflow}'", failSubject.Output, StringComparison.Ordinal);
        Assert.Equal(1, failIssuer.ExitCode);
        Assert.Contains($"expected issuer 'https://accounts.google.com', found '{Issuer}'", failIssuer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_passes_the_keyless_signed_base_with_the_signer_and_log_index_in_every_report_and_fails_another_identity()
    {
        var from = await SignedBaseAsync("keyless/gate");
        var trusted = await ProjectAsync(from, Identity(Workflow));
        var other = await ProjectAsync(from, Identity("release@acme.test"));
        var reports = RepositoryPaths.NewTempDirectory("keyless-gate-out");
        var otherReports = RepositoryPaths.NewTempDirectory("keyless-gate-other");

        var pass = await CliRunner.RunAsync("gate", trusted, "--output-dir", reports, "--annotations", "plain");
        var fail = await CliRunner.RunAsync("gate", other, "--output-dir", otherReports, "--annotations", "plain");

        Assert.True(pass.ExitCode == 0, pass.Output + pass.Error);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "pipelineguard.json")))!.ToJsonString();
        foreach (var report in new[] { json, await File.ReadAllTextAsync(Path.Combine(reports, "pipelineguard.md")), await File.ReadAllTextAsync(Path.Combine(reports, "pipelineguard.html")) })
        {
            Assert.Contains($"keyless signer {Workflow} (issuer {Issuer}), transparency log index", report, StringComparison.Ordinal);
        }

        Assert.Equal(1, fail.ExitCode);
        var result = Assert.Single(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(otherReports, "pipelineguard.sarif")))!["runs"]![0]!["results"]!.AsArray())!;
        Assert.Equal("PG3006", result["ruleId"]!.GetValue<string>());
        Assert.Contains($"expected identity 'release@acme.test', found '{Workflow}'", result["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_flag_adds_to_the_policys_identities_instead_of_replacing_them()
    {
        var from = await SignedBaseAsync("keyless/plus-key");
        var dir = await ProjectAsync(from, Identity(Workflow));
        using var other = PipelineGuard.Signing.EcdsaSigner.Generate();

        var run = await CliRunner.RunAsync("check-base", Path.Combine(dir, "Dockerfile"), "--policy", Path.Combine(dir, "pipelineguard.yaml"),
            "--key", RegistryImages.WritePublicKey(other, "other.pub"));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"PG3006 signature: Signed by {Workflow} from {Issuer}.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_base_or_one_signed_with_a_key_fails_an_identity_only_policy()
    {
        var digest = await RegistryImages.PushAsync(_registry, "keyless/unsigned", "1", "unsigned");
        var keyed = await RegistryImages.PushAsync(_registry, "keyless/keyed", "1", "keyed");
        using (var key = PipelineGuard.Signing.EcdsaSigner.Generate())
        {
            await RegistryImages.SignAsync(_registry, "keyless/keyed", keyed, key);
        }

        var unsigned = await ProjectAsync($"{_registry.Host}/keyless/unsigned:1@{digest}", Identity(Workflow));
        var withKey = await ProjectAsync($"{_registry.Host}/keyless/keyed:1@{keyed}", Identity(Workflow));

        var none = await CliRunner.RunAsync("check-base", Path.Combine(unsigned, "Dockerfile"), "--policy", Path.Combine(unsigned, "pipelineguard.yaml"));
        var keyOnly = await CliRunner.RunAsync("check-base", Path.Combine(withKey, "Dockerfile"), "--policy", Path.Combine(withKey, "pipelineguard.yaml"));

        Assert.Equal(1, none.ExitCode);
        Assert.Contains("FAIL PG3006 signature: No signature is stored", none.Output, StringComparison.Ordinal);
        Assert.Equal(1, keyOnly.ExitCode);
        Assert.Contains("signed with a key, not keyless", keyOnly.Output, StringComparison.Ordinal);
    }

    /// <summary>A folder with only the Dockerfile (no policy file): the rules come from the flags.</summary>
    private async Task<(string Dockerfile, string TrustedRoot)> FlagsProjectAsync(string from)
    {
        var dir = RepositoryPaths.NewTempDirectory("keyless-flags");
        await File.WriteAllTextAsync(Path.Combine(dir, "Dockerfile"), $"FROM {from}\nUSER 65532\n");
        await File.WriteAllBytesAsync(Path.Combine(dir, "trusted_root.json"), _sigstore.TrustedRootJson());
        return (Path.Combine(dir, "Dockerfile"), Path.Combine(dir, "trusted_root.json"));
    }

    [Fact]
    public async Task Check_base_identity_flags_pass_the_keyless_signed_base_for_its_signer_and_fail_any_other()
    {
        var from = await SignedBaseAsync("keyless/flags");
        var (dockerfile, root) = await FlagsProjectAsync(from);
        string[] common = ["check-base", dockerfile, "--allow-http-registry", "--require-digest", "--trusted-root", root];

        var pass = await CliRunner.RunAsync([.. common, "--certificate-identity", Workflow, "--certificate-oidc-issuer", Issuer, "--certificate-github-workflow-repository", "acme/base", "--certificate-github-workflow-ref", "refs/heads/main"]);
        var regexp = await CliRunner.RunAsync([.. common, "--certificate-identity-regexp", "^https://github\\.com/acme/base/", "--certificate-oidc-issuer-regexp", "^https://token\\.actions\\.githubusercontent\\.com$", "--format", "json"]);
        var otherSubject = await CliRunner.RunAsync([.. common, "--certificate-identity", "release@acme.test", "--certificate-oidc-issuer", Issuer]);
        var otherIssuer = await CliRunner.RunAsync([.. common, "--certificate-identity", Workflow, "--certificate-oidc-issuer", "https://accounts.google.com"]);
        var otherRepository = await CliRunner.RunAsync([.. common, "--certificate-identity", Workflow, "--certificate-oidc-issuer", Issuer, "--certificate-github-workflow-repository", "acme/other"]);
        var publicGood = await CliRunner.RunAsync("check-base", dockerfile, "--allow-http-registry", "--certificate-identity", Workflow, "--certificate-oidc-issuer", Issuer);

        Assert.True(pass.ExitCode == 0, pass.Output + pass.Error);
        Assert.Contains($"ok   PG3006 signature: Signed by {Workflow} from {Issuer}.", pass.Output, StringComparison.Ordinal);
        Assert.True(regexp.ExitCode == 0, regexp.Output + regexp.Error);
        Assert.Contains("\"passed\": true", regexp.Output, StringComparison.Ordinal);
        Assert.Equal(1, otherSubject.ExitCode);
        Assert.Contains($"expected identity 'release@acme.test', found '{Workflow}'", otherSubject.Output, StringComparison.Ordinal);
        Assert.Equal(1, otherIssuer.ExitCode);
        Assert.Contains($"expected issuer 'https://accounts.google.com', found '{Issuer}'", otherIssuer.Output, StringComparison.Ordinal);
        Assert.Equal(1, otherRepository.ExitCode);
        Assert.Contains("FAIL PG3006 signature:", otherRepository.Output, StringComparison.Ordinal);
        Assert.Contains("acme/other", otherRepository.Output, StringComparison.Ordinal);
        // Without --trusted-root the embedded public-good root is used: the test Sigstore's chain does not reach it.
        Assert.Equal(1, publicGood.ExitCode);
        Assert.Contains("FAIL PG3006 signature:", publicGood.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_base_insecure_ignore_sct_accepts_a_certificate_without_an_SCT_that_fails_without_it()
    {
        var digest = await RegistryImages.PushAsync(_registry, "keyless/nosct", "1", "nosct");
        await KeylessImageWriter.SignAsync(_sigstore, $"{_registry.Host}/keyless/nosct@{digest}", new TestIdentity(Workflow, Issuer) { EmbedSct = false });
        var (dockerfile, root) = await FlagsProjectAsync($"{_registry.Host}/keyless/nosct:1@{digest}");
        string[] identity = ["check-base", dockerfile, "--allow-http-registry", "--trusted-root", root, "--certificate-identity", Workflow, "--certificate-oidc-issuer", Issuer];

        var strict = await CliRunner.RunAsync(identity);
        var ignored = await CliRunner.RunAsync([.. identity, "--insecure-ignore-sct"]);

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("SCT", strict.Output, StringComparison.Ordinal);
        Assert.True(ignored.ExitCode == 0, ignored.Output + ignored.Error);
    }

    [Fact]
    public async Task Gate_takes_the_identity_flags_beside_a_policy_without_a_signature_rule()
    {
        var from = await SignedBaseAsync("keyless/gate-flags");
        var dir = await ProjectAsync(from, string.Empty);
        var reports = RepositoryPaths.NewTempDirectory("keyless-gate-flags");
        var otherReports = RepositoryPaths.NewTempDirectory("keyless-gate-flags-other");
        string[] root = ["--trusted-root", Path.Combine(dir, "trusted_root.json"), "--annotations", "plain"];

        var pass = await CliRunner.RunAsync(["gate", dir, "--output-dir", reports, .. root, "--certificate-identity", Workflow, "--certificate-oidc-issuer", Issuer]);
        var fail = await CliRunner.RunAsync(["gate", dir, "--output-dir", otherReports, .. root, "--certificate-identity", "release@acme.test", "--certificate-oidc-issuer", Issuer]);

        Assert.True(pass.ExitCode == 0, pass.Output + pass.Error);
        Assert.Contains($"keyless signer {Workflow} (issuer {Issuer})", await File.ReadAllTextAsync(Path.Combine(reports, "pipelineguard.md")), StringComparison.Ordinal);
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains($"expected identity 'release@acme.test', found '{Workflow}'", await File.ReadAllTextAsync(Path.Combine(otherReports, "pipelineguard.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_trusted_root_is_a_configuration_error()
    {
        var from = await SignedBaseAsync("keyless/noroot");
        var dir = await ProjectAsync(from, Identity(Workflow));
        File.Delete(Path.Combine(dir, "trusted_root.json"));

        var run = await CliRunner.RunAsync("check-base", Path.Combine(dir, "Dockerfile"), "--policy", Path.Combine(dir, "pipelineguard.yaml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("trusted root trusted_root.json of identity", run.Error, StringComparison.Ordinal);
    }
}
