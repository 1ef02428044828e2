using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary><c>check-base</c> against a real registry: signed, unsigned, trusted and untrusted builders, unpinned, gone.</summary>
public sealed class CheckBaseCommandTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly EcdsaSigner _key = EcdsaSigner.Generate();
    private readonly EcdsaSigner _otherKey = EcdsaSigner.Generate();

    public CheckBaseCommandTests(RegistryFixture registry) => _registry = registry;

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }

    private static Task<(int ExitCode, string Output, string Error)> CheckAsync(string dockerfile, string publicKey, params string[] extra) =>
        CliRunner.RunAsync(["check-base", dockerfile, "--key", publicKey, "--allow-http-registry", .. extra]);

    [Fact]
    public async Task A_signed_base_image_passes()
    {
        var digest = await RegistryImages.PushAsync(_registry, "cb/signed", "1", "signed");
        await RegistryImages.SignAsync(_registry, "cb/signed", digest, _key);
        var dockerfile = RegistryImages.WriteDockerfile($"ARG BASE={_registry.Host}/cb/signed:1\nFROM ${{BASE}}@{digest} AS runtime\nFROM runtime\nRUN true\n");

        var (code, output, error) = await CheckAsync(dockerfile, RegistryImages.WritePublicKey(_key, "base.pub"), "--require-digest", "--allowed-registry", "127.0.0.1:*");

        Assert.True(code == 0, output + error);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
        Assert.Contains("PG3006 signature: Signed by", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), l => l.StartsWith("PASS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsigned_base_image_fails()
    {
        var digest = await RegistryImages.PushAsync(_registry, "cb/unsigned", "1", "unsigned");
        var dockerfile = RegistryImages.WriteDockerfile($"FROM {_registry.Host}/cb/unsigned:1@{digest}\n");
        var (code, output, _) = await CheckAsync(dockerfile, RegistryImages.WritePublicKey(_key, "base.pub"));
        Assert.Equal(1, code);
        Assert.Contains("FAIL PG3006 signature: No signature is stored", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attestation_type_takes_cosigns_short_names_as_the_readme_shows()
    {
        // check-base --attestation-type slsaprovenance1 compared the short name with the statement's URI and never matched.
        var digest = await RegistryImages.PushAsync(_registry, "cb/short", "1", "short");
        await RegistryImages.AttestAsync(_registry, "cb/short", digest, RegistryImages.TrustedBuilder, _key);
        var dockerfile = RegistryImages.WriteDockerfile($"FROM {_registry.Host}/cb/short:1\n");
        var key = RegistryImages.WritePublicKey(_key, "short.pub");

        var run = await CliRunner.RunAsync("check-base", dockerfile, "--allow-http-registry", "--attestation-type", "slsaprovenance1", "--key", key, "--builder-id", RegistryImages.TrustedBuilder);

        Assert.Contains("ok   PG3007 attestation: https://slsa.dev/provenance/v1 attestation signed by", run.Output, StringComparison.Ordinal);
        var unknown = await CliRunner.RunAsync("check-base", dockerfile, "--attestation-type", "slsa-provenance-one", "--key", key);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("neither a known predicate type", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provenance_from_a_trusted_builder_passes_and_from_an_untrusted_one_fails()
    {
        var trusted = await RegistryImages.PushAsync(_registry, "cb/trusted", "1", "trusted");
        await RegistryImages.SignAsync(_registry, "cb/trusted", trusted, _key);
        await RegistryImages.AttestAsync(_registry, "cb/trusted", trusted, RegistryImages.TrustedBuilder, _key);
        var untrusted = await RegistryImages.PushAsync(_registry, "cb/untrusted", "1", "untrusted");
        await RegistryImages.SignAsync(_registry, "cb/untrusted", untrusted, _key);
        await RegistryImages.AttestAsync(_registry, "cb/untrusted", untrusted, "https://builds.pipelineguard.test/somebody-else@v1", _key);
        var key = RegistryImages.WritePublicKey(_key, "builder.pub");
        string[] flags = ["--attestation-type", "https://slsa.dev/provenance/v1", "--builder-id", RegistryImages.TrustedBuilder];

        var good = await CheckAsync(RegistryImages.WriteDockerfile($"FROM {_registry.Host}/cb/trusted:1\n"), key, flags);
        Assert.True(good.ExitCode == 0, good.Output + good.Error);
        Assert.Contains($"built by {RegistryImages.TrustedBuilder}", good.Output, StringComparison.Ordinal);

        var bad = await CheckAsync(RegistryImages.WriteDockerfile($"FROM {_registry.Host}/cb/untrusted:1\n"), key, flags);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Builder https://builds.pipelineguard.test/somebody-else@v1 is not trusted", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpinned_base_fails_under_require_digest()
    {
        var digest = await RegistryImages.PushAsync(_registry, "cb/unpinned", "1", "unpinned");
        await RegistryImages.SignAsync(_registry, "cb/unpinned", digest, _key);
        var dockerfile = RegistryImages.WriteDockerfile($"FROM {_registry.Host}/cb/unpinned:1\n");

        var (code, output, _) = await CheckAsync(dockerfile, RegistryImages.WritePublicKey(_key, "base.pub"), "--require-digest");

        Assert.Equal(1, code);
        Assert.Contains($"FAIL PG3003 require-digest: Not pinned by digest; a tag can be moved to other content. It currently resolves to {digest}", output, StringComparison.Ordinal);
        Assert.Contains("ok   PG3006", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_has_gone_away_is_a_failure()
    {
        var gone = new RegistryFixture();
        await gone.InitializeAsync();
        var digest = await RegistryImages.PushAsync(gone, "cb/gone", "1", "gone");
        await RegistryImages.SignAsync(gone, "cb/gone", digest, _key);
        var dockerfile = RegistryImages.WriteDockerfile($"FROM {gone.Host}/cb/gone:1@{digest}\n");
        await gone.DisposeAsync();

        var (code, output, error) = await CheckAsync(dockerfile, RegistryImages.WritePublicKey(_key, "base.pub"));

        Assert.True(code == 1, output + error);
        Assert.True(output.Contains("Could not check signatures", StringComparison.Ordinal), output);
        Assert.Contains("?? ", output, StringComparison.Ordinal);
        Assert.Contains("Could not check signatures", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scratch_and_stage_aliases_are_not_checked_against_the_registry()
    {
        var dockerfile = RegistryImages.WriteDockerfile("FROM scratch AS empty\nFROM empty\nCOPY a /a\n");
        var (code, output, _) = await CliRunner.RunAsync("check-base", dockerfile, "--require-digest");
        Assert.Equal(0, code);
        Assert.StartsWith("scratch", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_rules_and_bad_policies_are_usage_errors()
    {
        var dockerfile = RegistryImages.WriteDockerfile("FROM scratch\n");
        Assert.Equal(2, (await CliRunner.RunAsync("check-base", dockerfile)).ExitCode);

        var policy = Path.Combine(RepositoryPaths.NewTempDirectory("policy"), "pipelineguard.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\nbaseImages:\n  requireDigest: true\n  signatures:\n    keys: [a.pub]\n");
        var (code, _, error) = await CliRunner.RunAsync("check-base", dockerfile, "--policy", policy);
        Assert.Equal(2, code);
        Assert.Contains("pipelineguard.yaml:4:3: baseImages.signatures: unknown key 'signatures'; did you mean 'signature'?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--key a.pub --certificate-identity me@acme.test --certificate-oidc-issuer https://issuer.test", "a key, a keyless identity and a Notation trust policy exclude each other")]
    [InlineData("--certificate-identity me@acme.test --certificate-oidc-issuer https://issuer.test --trust-policy-preset microsoft-dotnet", "a key, a keyless identity and a Notation trust policy exclude each other")]
    [InlineData("--certificate-oidc-issuer https://issuer.test", "exactly one of --certificate-identity and --certificate-identity-regexp is required")]
    [InlineData("--certificate-identity me@acme.test", "exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp is required")]
    [InlineData("--certificate-identity me@acme.test --certificate-identity-regexp .* --certificate-oidc-issuer https://issuer.test", "exactly one of --certificate-identity and --certificate-identity-regexp is required")]
    [InlineData("--certificate-identity-regexp ( --certificate-oidc-issuer https://issuer.test", "--certificate-identity-regexp '(' is not a regular expression")]
    [InlineData("--certificate-github-workflow-repository acme/base", "exactly one of --certificate-identity and --certificate-identity-regexp is required")]
    [InlineData("--require-digest --trusted-root root.json", "--trusted-root, --insecure-ignore-tlog and --insecure-ignore-sct apply to a keyless identity")]
    [InlineData("--require-digest --insecure-ignore-tlog", "--trusted-root, --insecure-ignore-tlog and --insecure-ignore-sct apply to a keyless identity")]
    [InlineData("--attestation-type slsaprovenance1", "--attestation-type needs --key or a certificate identity")]
    public async Task Identity_flags_that_do_not_make_exactly_one_way_of_verifying_are_usage_errors(string flags, string message)
    {
        var dockerfile = RegistryImages.WriteDockerfile("FROM registry.example/a:1\n");

        var (code, output, error) = await CliRunner.RunAsync(["check-base", dockerfile, .. flags.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task A_bad_trusted_root_given_with_an_identity_is_a_usage_error_naming_the_file()
    {
        var dockerfile = RegistryImages.WriteDockerfile("FROM registry.example/a:1\n");
        var root = Path.Combine(RepositoryPaths.NewTempDirectory("bad-root"), "trusted_root.json");
        await File.WriteAllTextAsync(root, "{ \"mediaType\": ");

        var (code, _, error) = await CliRunner.RunAsync("check-base", dockerfile, "--certificate-identity", "me@acme.test", "--certificate-oidc-issuer", "https://issuer.test", "--trusted-root", root);

        Assert.Equal(2, code);
        Assert.Contains("trusted root", error, StringComparison.Ordinal);
        Assert.Contains(root, error, StringComparison.Ordinal);
    }
}
