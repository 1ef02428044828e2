using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>verify-blob and verify-blob-attestation with cosign's keyless flags, on real public-good bundles (no network).</summary>
public sealed class KeylessCommandTests
{
    private const string Workflow = "https://github.com/trailofbits/rfc8785.py/.github/workflows/release.yml@refs/tags/v0.1.2";

    private static string Vector(string path) => Path.Combine(RepositoryPaths.Vectors!, "sigstore-keyless", path);

    [VectorFact]
    public async Task A_github_workflow_bundle_verifies_keyless_with_the_embedded_root_and_prints_who_signed()
    {
        var (code, _, error) = await CliRunner.RunAsync("verify-blob", Vector("bundles/sigstore-python/bundle_v3_github.whl"),
            "--bundle", Vector("bundles/sigstore-python/bundle_v3_github.whl.sigstore"),
            "--certificate-identity-regexp", "^https://github.com/trailofbits/", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com",
            "--certificate-github-workflow-repository", "trailofbits/rfc8785.py");

        Assert.Equal(0, code);
        Assert.Contains(Workflow, error, StringComparison.Ordinal);
        Assert.Contains("index 79605083", error, StringComparison.Ordinal);
    }

    [VectorFact]
    public async Task Another_identity_fails_with_exit_1_showing_expected_and_found()
    {
        var (code, _, error) = await CliRunner.RunAsync("verify-blob", Vector("bundles/sigstore-python/bundle_v3_github.whl"),
            "--bundle", Vector("bundles/sigstore-python/bundle_v3_github.whl.sigstore"),
            "--certificate-identity", "someone@example.test", "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com");

        Assert.Equal(1, code);
        Assert.Contains($"expected identity 'someone@example.test', found '{Workflow}'", error, StringComparison.Ordinal);
    }

    [VectorFact]
    public async Task A_keyless_bundle_given_a_key_fails_saying_it_is_keyless()
    {
        var (code, _, error) = await CliRunner.RunAsync("verify-blob", Vector("bundles/sigstore-python/bundle_v3_github.whl"),
            "--bundle", Vector("bundles/sigstore-python/bundle_v3_github.whl.sigstore"), "--key", Path.Combine(RepositoryPaths.Vectors!, "cosign-signatures", "cosign.pub"));

        Assert.Equal(1, code);
        Assert.Contains("signed keyless", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify-blob")]
    [InlineData("verify-blob-attestation")]
    public async Task Neither_a_key_nor_an_identity_or_both_or_half_an_identity_is_a_usage_error(string verb)
    {
        var dir = RepositoryPaths.NewTempDirectory("keyless-cli");
        var file = Path.Combine(dir, "a.txt");
        await File.WriteAllTextAsync(file, "a");

        var neither = await CliRunner.RunAsync(verb, file, "--bundle", file);
        var both = await CliRunner.RunAsync(verb, file, "--bundle", file, "--key", file, "--certificate-identity", "a@b", "--certificate-oidc-issuer", "https://i");
        var half = await CliRunner.RunAsync(verb, file, "--bundle", file, "--certificate-identity", "a@b");

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(2, half.ExitCode);
        Assert.Contains("--certificate-oidc-issuer", half.Error, StringComparison.Ordinal);
    }
}
