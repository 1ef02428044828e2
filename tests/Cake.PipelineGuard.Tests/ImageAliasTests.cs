using PipelineGuard.Testing;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace Cake.PipelineGuard.Tests;

/// <summary>The image aliases against a real registry server: a test image is pushed with skopeo, then signed, attested and verified from a Cake script.</summary>
public sealed class ImageAliasTests : IClassFixture<RegistryFixture>
{
    private const string Password = "cake-image-pass-4b1d";
    private readonly RegistryFixture _registry;

    public ImageAliasTests(RegistryFixture registry)
    {
        _registry = registry;
    }

    private static Dictionary<string, string?> WithPassword => new() { ["PIPELINEGUARD_PASSWORD"] = Password };

    private const string MakeKeys = """
        var registry = Argument<string>("registry");
        var keys = PipelineGuardGenerateKeyPair("./keys/release", new PipelineGuardGenerateKeyPairSettings());
        System.IO.File.WriteAllText("./provenance.json", "{\"buildDefinition\":{\"buildType\":\"https://example.com/cake\"},\"runDetails\":{\"builder\":{\"id\":\"https://example.com/builder\"}}}");

        """;

    [Fact]
    public async Task Sign_attest_and_both_verifications_pass_against_the_registry()
    {
        var image = await PushImageAsync("app-pass");
        var run = await CakeScript.RunAsync(MakeKeys + """
            var image = $"{registry}/app-pass:v1";
            var signed = PipelineGuardSignImage(image, new PipelineGuardSignImageSettings().WithKey(keys.PrivateKey).WithAnnotation("git-sha", "abc123").WithAllowHttpRegistry());
            var attested = PipelineGuardAttestImage(image, new PipelineGuardAttestImageSettings().WithPredicate("./provenance.json", "slsaprovenance1").WithKey(keys.PrivateKey).WithAllowHttpRegistry());
            var verified = PipelineGuardVerifyImage(image, new PipelineGuardVerifyImageSettings().WithKey(keys.PublicKey).WithAnnotation("git-sha", "abc123").WithAllowHttpRegistry());
            var attestations = PipelineGuardVerifyAttestation(image, new PipelineGuardVerifyAttestationSettings().WithKey(keys.PublicKey).WithType("slsaprovenance1").WithAllowHttpRegistry());
            Information("result: signed={0} tag={1} attested={2} verified={3} attestations={4}", signed.Digest, signed.Tag, attested.Tag, verified.AllValid, attestations.AllValid);
            """, [$"--registry={_registry.Host}"], WithPassword);

        Scripts.Passed(run);
        var hex = image.Manifest.Digest["sha256:".Length..];
        Assert.Contains($"pipelineguard sign: signed {_registry.Host}/app-pass:v1 ({image.Manifest.Digest}); signature sha256-{hex}.sig", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard attest: attested {_registry.Host}/app-pass:v1 ({image.Manifest.Digest}); attestation sha256-{hex}.att", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard verify: {_registry.Host}/app-pass:v1 ({image.Manifest.Digest}): Verified OK (1 valid)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"pipelineguard verify-attestation: {_registry.Host}/app-pass:v1 ({image.Manifest.Digest}): Verified OK (1 valid)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"result: signed={image.Manifest.Digest} tag=sha256-{hex}.sig attested=sha256-{hex}.att verified=True attestations=True", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_image_fails_the_build_for_an_unsigned_image()
    {
        await PushImageAsync("app-unsigned");
        var run = await CakeScript.RunAsync(MakeKeys + """
            PipelineGuardVerifyImage($"{registry}/app-unsigned:v1", new PipelineGuardVerifyImageSettings().WithKey(keys.PublicKey).WithAllowHttpRegistry());
            Information("not reached");
            """, [$"--registry={_registry.Host}"], WithPassword);

        Scripts.FailedWith(run, $"pipelineguard verify: {_registry.Host}/app-unsigned:v1: invalid (NoSignatures)");
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_attestation_fails_the_build_for_another_predicate_type()
    {
        await PushImageAsync("app-att");
        var run = await CakeScript.RunAsync(MakeKeys + """
            var image = $"{registry}/app-att:v1";
            PipelineGuardAttestImage(image, new PipelineGuardAttestImageSettings().WithPredicate("./provenance.json", "custom").WithKey(keys.PrivateKey).WithAllowHttpRegistry());
            PipelineGuardVerifyAttestation(image, new PipelineGuardVerifyAttestationSettings().WithKey(keys.PublicKey).WithType("slsaprovenance1").WithAllowHttpRegistry());
            Information("not reached");
            """, [$"--registry={_registry.Host}"], WithPassword);

        Scripts.FailedWith(run, $"pipelineguard verify-attestation: {_registry.Host}/app-att:v1: invalid (");
        Assert.Contains("pipelineguard attest: attested", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_image_fails_closed_for_an_image_the_registry_does_not_have_and_without_plain_HTTP()
    {
        var run = await CakeScript.RunAsync(MakeKeys + """
            var https = PipelineGuardSignImage($"{registry}/missing:v1", new PipelineGuardSignImageSettings().WithKey(keys.PrivateKey).WithFailOnError(false));
            Information("result: https={0}", https.Succeeded);
            PipelineGuardSignImage($"{registry}/missing:v1", new PipelineGuardSignImageSettings().WithKey(keys.PrivateKey).WithAllowHttpRegistry());
            Information("not reached");
            """, [$"--registry={_registry.Host}"], WithPassword);

        Scripts.FailedWith(run, $"pipelineguard sign: ");
        Assert.Contains("result: https=False", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attest_image_fails_the_build_without_a_predicate_file()
    {
        await PushImageAsync("app-nopred");
        var run = await CakeScript.RunAsync(MakeKeys + """
            PipelineGuardAttestImage($"{registry}/app-nopred:v1", new PipelineGuardAttestImageSettings().WithPredicate("./missing.json", "slsaprovenance1").WithKey(keys.PrivateKey).WithAllowHttpRegistry());
            Information("not reached");
            """, [$"--registry={_registry.Host}"], WithPassword);

        Scripts.FailedWith(run, "pipelineguard attest: ");
        Assert.Contains("missing.json", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_image_keyless_passes_for_the_signing_identity_and_fails_the_build_for_another()
    {
        await PushImageAsync("app-keyless");
        using var sigstore = new TestSigstore();
        const string workflow = "https://github.com/acme/app/.github/workflows/release.yaml@refs/heads/main";
        await KeylessImageWriter.SignAsync(sigstore, $"{_registry.Host}/app-keyless:v1", new TestIdentity(workflow, "https://token.actions.githubusercontent.com"));
        var root = System.IO.Path.Combine(RepositoryPaths.NewTempDirectory("cake-keyless-root"), "trusted_root.json");
        await System.IO.File.WriteAllBytesAsync(root, sigstore.TrustedRootJson());
        string Script(string identity) => $$"""
            var registry = Argument<string>("registry");
            var verified = PipelineGuardVerifyImage($"{registry}/app-keyless:v1", new PipelineGuardVerifyImageSettings()
                .WithCertificateIdentity("{{identity}}", "https://token.actions.githubusercontent.com")
                .WithTrustedRoot({{Scripts.Literal(root)}})
                .WithAllowHttpRegistry());
            Information("result: verified={0}", verified.AllValid);
            """;

        var pass = await CakeScript.RunAsync(Script(workflow), [$"--registry={_registry.Host}"], null);
        var fail = await CakeScript.RunAsync(Script("someone@example.test"), [$"--registry={_registry.Host}"], null);

        Scripts.Passed(pass);
        Assert.Contains("result: verified=True", pass.StandardOutput, StringComparison.Ordinal);
        Scripts.FailedWith(fail, "expected identity 'someone@example.test'");
    }

    private async Task<OciLayoutImage> PushImageAsync(string repository)
    {
        var layout = new OciLayoutBuilder()
            .AddLayer(LayerEntry.File("app/hello.txt", $"hello from {repository}\n"))
            .Write(RepositoryPaths.NewTempDirectory("cake-image"), "v1");
        var skopeo = ProcessRunner.Require("skopeo", "install the Debian package skopeo");
        var push = await ProcessRunner.RunAsync(skopeo, ["--insecure-policy", "copy", "--dest-tls-verify=false", "--preserve-digests", $"oci:{layout.Directory}:v1", $"docker://{_registry.Host}/{repository}:v1"]);
        Assert.True(push.ExitCode == 0, push.ToString());
        return layout;
    }
}
