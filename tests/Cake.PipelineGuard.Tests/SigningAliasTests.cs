using PipelineGuard.Testing;
using Xunit;

namespace Cake.PipelineGuard.Tests;

public sealed class SigningAliasTests
{
    private const string Password = "cake-test-pass-7f3a";

    // Every script makes its own key pair with the alias, the password coming from the environment as in CI.
    private const string MakeKeys = """
        var keys = PipelineGuardGenerateKeyPair("./keys/release", new PipelineGuardGenerateKeyPairSettings());
        System.IO.File.WriteAllText("./App.1.0.0.nupkg", "not really a package, but bytes to sign");

        """;

    private static Dictionary<string, string?> WithPassword => new() { ["PIPELINEGUARD_PASSWORD"] = Password };

    [Fact]
    public async Task Sign_blob_writes_a_bundle_beside_the_file_that_verify_blob_and_sigstore_accept()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sign");
        var run = await CakeScript.RunAsync(MakeKeys + """
            var signed = PipelineGuardSignBlob("./App.1.0.0.nupkg", new PipelineGuardSignBlobSettings().WithKey(keys.PrivateKey));
            var verified = PipelineGuardVerifyBlob("./App.1.0.0.nupkg", new PipelineGuardVerifyBlobSettings().WithKey(keys.PublicKey));
            Information("result: signed={0} valid={1} bundle={2}", signed.Succeeded, verified.IsValid, signed.Bundle.GetFilename());
            """, [], WithPassword, dir);

        var package = Path.Combine(dir, "App.1.0.0.nupkg");
        Scripts.Passed(run);
        Assert.Contains($"pipelineguard sign-blob: signed {package}; bundle {package}.sigstore.json", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard verify-blob: {package}: Verified OK", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("result: signed=True valid=True bundle=App.1.0.0.nupkg.sigstore.json", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);
        var sigstore = await NodeInterop.RunAsync("verify-bundle.mjs", package + ".sigstore.json", Path.Combine(dir, "keys", "release.pub"), package);
        Assert.True(sigstore.ExitCode == 0, sigstore.ToString());
    }

    [Fact]
    public async Task Verify_blob_fails_the_build_when_the_file_changed_after_signing()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sign");
        var run = await CakeScript.RunAsync(MakeKeys + """
            PipelineGuardSignBlob("./App.1.0.0.nupkg", new PipelineGuardSignBlobSettings().WithKey(keys.PrivateKey));
            System.IO.File.AppendAllText("./App.1.0.0.nupkg", "!");
            PipelineGuardVerifyBlob("./App.1.0.0.nupkg", new PipelineGuardVerifyBlobSettings().WithKey(keys.PublicKey));
            Information("not reached");
            """, [], WithPassword, dir);

        Scripts.FailedWith(run, $"pipelineguard verify-blob: {Path.Combine(dir, "App.1.0.0.nupkg")}: invalid (DigestMismatch): the bundle's messageDigest");
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_blob_with_FailOnError_off_returns_the_reason()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-sign");
        var run = await CakeScript.RunAsync(MakeKeys + """
            var verified = PipelineGuardVerifyBlob("./App.1.0.0.nupkg", new PipelineGuardVerifyBlobSettings().WithKey(keys.PublicKey).WithFailOnError(false));
            Information("result: valid={0} failure={1}", verified.IsValid, verified.Failure);
            """, [], WithPassword, dir);

        Scripts.Passed(run);
        Assert.Contains("result: valid=False failure=InputUnavailable", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("App.1.0.0.nupkg.sigstore.json: cannot read the bundle", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_blob_with_a_wrong_password_fails_and_never_logs_the_password()
    {
        const string wrong = "wrong-password-91c2";
        var dir = RepositoryPaths.NewTempDirectory("cake-sign");
        var run = await CakeScript.RunAsync(MakeKeys + """
            PipelineGuardSignBlob("./App.1.0.0.nupkg", new PipelineGuardSignBlobSettings()
                .WithKey(keys.PrivateKey)
                .WithKeyPasswordVariable("RELEASE_KEY_PASSWORD"));
            """, [], new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = Password, ["RELEASE_KEY_PASSWORD"] = wrong }, dir);

        Scripts.FailedWith(run, "pipelineguard sign-blob: ");
        Assert.Contains("password", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(wrong, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "App.1.0.0.nupkg.sigstore.json")));
    }

    [Fact]
    public async Task Attest_blob_writes_a_DSSE_bundle_that_verifies_for_its_predicate_type()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-attest");
        var run = await CakeScript.RunAsync(MakeKeys + """
            System.IO.File.WriteAllText("./predicate.json", "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}");
            var attested = PipelineGuardAttestBlob("./App.1.0.0.nupkg", new PipelineGuardAttestBlobSettings()
                .WithPredicate("./predicate.json", "cyclonedx")
                .WithKey(keys.PrivateKey));
            var verified = PipelineGuardVerifyBlobAttestation("./App.1.0.0.nupkg", new PipelineGuardVerifyBlobAttestationSettings()
                .WithKey(keys.PublicKey)
                .WithType("cyclonedx"));
            Information("result: type={0} valid={1}", attested.Statement.PredicateType, verified.IsValid);
            """, [], WithPassword, dir);

        var package = Path.Combine(dir, "App.1.0.0.nupkg");
        Scripts.Passed(run);
        Assert.Contains($"pipelineguard attest-blob: attested {package} (https://cyclonedx.org/bom); bundle {package}.att.sigstore.json", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard verify-blob-attestation: {package}: Verified OK", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("result: type=https://cyclonedx.org/bom valid=True", run.StandardOutput, StringComparison.Ordinal);
        var sigstore = await NodeInterop.RunAsync("verify-bundle.mjs", package + ".att.sigstore.json", Path.Combine(dir, "keys", "release.pub"));
        Assert.True(sigstore.ExitCode == 0, sigstore.ToString());
    }

    [Fact]
    public async Task Attest_blob_fails_on_a_predicate_that_is_not_JSON_and_verification_fails_on_another_type()
    {
        var dir = RepositoryPaths.NewTempDirectory("cake-attest");
        var run = await CakeScript.RunAsync(MakeKeys + """
            System.IO.File.WriteAllText("./predicate.json", "{\"ok\":true}");
            System.IO.File.WriteAllText("./broken.json", "{ not json");
            PipelineGuardAttestBlob("./App.1.0.0.nupkg", new PipelineGuardAttestBlobSettings().WithPredicate("./predicate.json", "custom").WithKey(keys.PrivateKey));
            var broken = PipelineGuardAttestBlob("./App.1.0.0.nupkg", new PipelineGuardAttestBlobSettings()
                .WithPredicate("./broken.json", "custom").WithKey(keys.PrivateKey).WithBundle("./broken.att.json").WithFailOnError(false));
            Information("result: broken={0}", broken.Succeeded);
            PipelineGuardVerifyBlobAttestation("./App.1.0.0.nupkg", new PipelineGuardVerifyBlobAttestationSettings().WithKey(keys.PublicKey).WithType("slsaprovenance1"));
            Information("not reached");
            """, [], WithPassword, dir);

        Scripts.FailedWith(run, "invalid (PredicateTypeMismatch)");
        Assert.Contains("broken.json: the predicate is not JSON (line 1)", run.Output, StringComparison.Ordinal);
        Assert.Contains("result: broken=False", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "broken.att.json")));
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }
}
