using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>
/// <c>verify</c> and <c>verify-attestation</c> keyless, with cosign's identity flags: cosign's legacy keyless <c>.sig</c>/<c>.att</c>
/// layers and keyless referrer bundles, made by a private test Sigstore whose trusted root is passed with <c>--trusted-root</c>,
/// and the real keyless cosign image vector with the embedded public-good root.
/// </summary>
public sealed class KeylessImageCommandTests : IDisposable
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string Workflow = "https://github.com/acme/base/.github/workflows/release.yaml@refs/heads/main";
    private static readonly TestIdentity Releaser = new(Workflow, Issuer) { GitHub = ("push", "0123456789abcdef0123456789abcdef01234567", "release", "acme/base", "refs/heads/main") };
    private readonly TestSigstore _sigstore = new();
    private readonly string _dir = RepositoryPaths.NewTempDirectory("keyless-image");

    public void Dispose() => _sigstore.Dispose();

    private string TrustedRoot()
    {
        var path = Path.Combine(_dir, "trusted_root.json");
        File.WriteAllBytes(path, _sigstore.TrustedRootJson());
        return path;
    }

    private OciLayoutImage NewImage(string marker) =>
        new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", marker)).Write(Path.Combine(_dir, marker), "1");

    private string[] Identity(string subject = Workflow, string issuer = Issuer) =>
        ["--certificate-identity", subject, "--certificate-oidc-issuer", issuer, "--trusted-root", TrustedRoot()];

    [Fact]
    public async Task A_keyless_signature_layer_verifies_for_its_identity_and_json_shows_the_identity_and_log_index()
    {
        var image = NewImage("signed");
        await KeylessImageWriter.SignAsync(_sigstore, image.Reference, Releaser);

        var (code, output, error) = await Cli.RunAsync(["verify", image.Reference, .. Identity(), "--certificate-github-workflow-repository", "acme/base"]);

        Assert.True(code == 0, error);
        var payload = Assert.Single(JsonNode.Parse(output)!.AsArray())!;
        Assert.Equal(image.Manifest.Digest, payload["critical"]!["image"]!["docker-manifest-digest"]!.GetValue<string>());
        Assert.Equal(Workflow, payload["optional"]!["Subject"]!.GetValue<string>());
        Assert.Equal(Issuer, payload["optional"]!["Issuer"]!.GetValue<string>());
        Assert.True(payload["optional"]!["logIndex"]!.GetValue<long>() > 0);
        Assert.Contains($"keyless signer {Workflow} (issuer {Issuer}), transparency log index", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://github.com/acme/other/.github/workflows/release.yaml@refs/heads/main", Issuer)]
    [InlineData(Workflow, "https://accounts.google.com")]
    public async Task Any_other_identity_or_issuer_fails_showing_what_was_expected_and_found(string subject, string issuer)
    {
        var image = NewImage("other-identity");
        await KeylessImageWriter.SignAsync(_sigstore, image.Reference, Releaser);

        var (code, _, error) = await Cli.RunAsync(["verify", image.Reference, .. Identity(subject, issuer)]);

        Assert.Equal(1, code);
        Assert.Contains("certificate identity mismatch", error, StringComparison.Ordinal);
        Assert.Contains($"found '{(subject == Workflow ? Issuer : Workflow)}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_github_claim_that_differs_fails()
    {
        var image = NewImage("claims");
        await KeylessImageWriter.SignAsync(_sigstore, image.Reference, Releaser);

        var (code, _, error) = await Cli.RunAsync(["verify", image.Reference, .. Identity(), "--certificate-github-workflow-ref", "refs/heads/dev"]);

        Assert.Equal(1, code);
        Assert.Contains("expected github-workflow-ref 'refs/heads/dev', found 'refs/heads/main'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_from_another_sigstore_fails_at_the_chain()
    {
        using var other = new TestSigstore();
        var image = NewImage("untrusted-ca");
        await KeylessImageWriter.SignAsync(other, image.Reference, Releaser);

        var (code, _, error) = await Cli.RunAsync(["verify", image.Reference, .. Identity()]);

        Assert.Equal(1, code);
        Assert.Contains("does not name", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Verification for", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_layer_without_a_log_entry_fails_unless_the_log_is_ignored_and_a_timestamp_is_absent_too()
    {
        var image = NewImage("no-log");
        await KeylessImageWriter.SignAsync(_sigstore, image.Reference, Releaser, options: new TestBundleOptions { Log = false });

        var (code, _, error) = await Cli.RunAsync(["verify", image.Reference, .. Identity()]);
        var (ignored, _, ignoredError) = await Cli.RunAsync(["verify", image.Reference, .. Identity(), "--insecure-ignore-tlog"]);

        Assert.Equal(1, code);
        Assert.Contains("no transparency-log entry", error, StringComparison.Ordinal);

        // Without the log there is no verified signing time at all, so ignoring the log alone still fails closed.
        Assert.Equal(1, ignored);
        Assert.Contains("no verified signing time", ignoredError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_signature_given_a_key_says_it_is_keyless_and_a_key_signature_given_an_identity_says_it_used_a_key()
    {
        var keyless = NewImage("keyless-with-key");
        await KeylessImageWriter.SignAsync(_sigstore, keyless.Reference, Releaser);
        var keyed = NewImage("key-with-identity");
        var prefix = await Cli.NewKeyPairAsync(_dir, "release");
        using (var signer = (await PrivateKeyReader.ReadFileAsync(prefix + ".key", PasswordSource.Fixed(Cli.Password))).GetValueOrThrow())
        {
            await CosignImageWriter.SignAsync(keyed.Reference, signer);
        }

        var withKey = await Cli.RunAsync("verify", keyless.Reference, "--key", prefix + ".pub");
        var withIdentity = await Cli.RunAsync(["verify", keyed.Reference, .. Identity()]);

        Assert.Equal(1, withKey.ExitCode);
        Assert.Contains($"signed keyless (a Fulcio certificate for {Workflow}", withKey.Error, StringComparison.Ordinal);
        Assert.Contains("instead of --key", withKey.Error, StringComparison.Ordinal);
        Assert.Equal(1, withIdentity.ExitCode);
        Assert.Contains("it was signed with a key, not keyless", withIdentity.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("verify-attestation")]
    public async Task Neither_a_key_nor_an_identity_or_both_is_a_usage_error(string verb)
    {
        var image = NewImage("usage-" + verb);
        var key = Path.Combine(_dir, "any.pub");
        await File.WriteAllTextAsync(key, "not used");

        var neither = await Cli.RunAsync(verb, image.Reference);
        var both = await Cli.RunAsync([verb, image.Reference, "--key", key, .. Identity()]);
        var half = await Cli.RunAsync(verb, image.Reference, "--certificate-identity", Workflow);

        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("give --key", neither.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
        Assert.Equal(2, half.ExitCode);
        Assert.Contains("--certificate-oidc-issuer", half.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--certificate-identity-regexp", "(unclosed")]
    [InlineData("--certificate-identity-regexp", "^https://github.com/(?=acme)")]
    [InlineData("--certificate-oidc-issuer-regexp", "(a)\\1")]
    public async Task A_regular_expression_that_is_refused_is_a_usage_error_naming_the_flag_not_a_crash(string flag, string pattern)
    {
        var image = NewImage("regexp-" + (uint)pattern.GetHashCode(StringComparison.Ordinal));
        string[] identity = flag == "--certificate-identity-regexp"
            ? [flag, pattern, "--certificate-oidc-issuer", Issuer]
            : ["--certificate-identity", Workflow, flag, pattern];

        var (code, _, error) = await Cli.RunAsync(["verify", image.Reference, .. identity]);

        Assert.Equal(2, code);
        Assert.Contains($"{flag} '{pattern}' is not a regular expression", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_referrer_bundle_over_the_manifest_verifies_and_a_bundle_over_other_bytes_does_not()
    {
        var image = NewImage("referrer");
        await ReferrerBundleWriter.AttachAsync(image.Directory, image, _sigstore.SignBlob(image.Manifest.Bytes, Releaser));
        var other = NewImage("referrer-other");
        await ReferrerBundleWriter.AttachAsync(other.Directory, other, _sigstore.SignBlob(image.Manifest.Bytes, Releaser));

        var (code, output, error) = await Cli.RunAsync(["verify", image.Reference, .. Identity()]);
        var wrong = await Cli.RunAsync(["verify", other.Reference, .. Identity()]);

        Assert.True(code == 0, error);
        Assert.Equal(Workflow, JsonNode.Parse(output)!.AsArray()[0]!["optional"]!["Subject"]!.GetValue<string>());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("referrer bundle", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("messageDigest", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_attestation_layer_verifies_for_its_type_and_identity_and_not_for_another_type()
    {
        var image = NewImage("attested");
        await KeylessImageWriter.AttestAsync(_sigstore, image.Reference, PredicateTypes.SlsaProvenanceV1, CosignImageWriter.SlsaProvenance("https://builder.test/v1", "git+https://git.test/acme/base"), Releaser);

        var (code, output, error) = await Cli.RunAsync(["verify-attestation", image.Reference, "--type", "slsaprovenance1", .. Identity()]);
        var wrongType = await Cli.RunAsync(["verify-attestation", image.Reference, "--type", "spdxjson", .. Identity()]);
        var wrongIdentity = await Cli.RunAsync(["verify-attestation", image.Reference, "--type", "slsaprovenance1", .. Identity("someone@example.test")]);

        Assert.True(code == 0, error);
        Assert.Equal(PredicateTypes.SlsaProvenanceV1, JsonNode.Parse(output)!.AsArray()[0]!["predicateType"]!.GetValue<string>());
        Assert.Contains($"keyless signer {Workflow}", error, StringComparison.Ordinal);
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Contains("predicateType", wrongType.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongIdentity.ExitCode);
        Assert.Contains("expected identity 'someone@example.test'", wrongIdentity.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_dsse_referrer_bundle_verifies_as_an_attestation()
    {
        var image = NewImage("referrer-att");
        var statement = new InTotoStatement([new InTotoSubject("app", new Dictionary<string, string> { ["sha256"] = image.Manifest.Digest["sha256:".Length..] })],
            PredicateTypes.SlsaProvenanceV1, new JsonObject { ["runDetails"] = new JsonObject() });
        await ReferrerBundleWriter.AttachAsync(image.Directory, image, _sigstore.SignStatement(statement.ToJson(), Releaser));

        var (code, _, error) = await Cli.RunAsync(["verify-attestation", image.Reference, "--type", "slsaprovenance1", .. Identity()]);

        Assert.True(code == 0, error);
        Assert.Contains("transparency log index", error, StringComparison.Ordinal);
    }

    [VectorFact]
    public async Task The_real_keyless_cosign_image_signature_verifies_with_the_embedded_root_and_fails_for_another_identity()
    {
        var reference = await ContainersDirLayout.WriteAsync(
            Path.Combine(RepositoryPaths.Vectors!, "cosign-signatures", "dir-img-cosign-fulcio-rekor-valid"), Path.Combine(_dir, "vector"));

        var (code, output, error) = await Cli.RunAsync("verify", reference, "--certificate-identity", "mitr@redhat.com", "--certificate-oidc-issuer", "https://github.com/login/oauth");
        var other = await Cli.RunAsync("verify", reference, "--certificate-identity", "someone@redhat.com", "--certificate-oidc-issuer", "https://github.com/login/oauth");
        var withKey = await Cli.RunAsync("verify", reference, "--key", Path.Combine(RepositoryPaths.Vectors!, "cosign-signatures", "cosign.pub"));

        Assert.True(code == 0, error);
        Assert.Equal(11605770, JsonNode.Parse(output)!.AsArray()[0]!["optional"]!["logIndex"]!.GetValue<long>());
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("expected identity 'someone@redhat.com', found 'mitr@redhat.com'", other.Error, StringComparison.Ordinal);
        Assert.Equal(1, withKey.ExitCode);
        Assert.Contains("signed keyless", withKey.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The real keyless image vector as a base image: a folder with a Dockerfile naming it by digest, the layout the policy
    /// maps its repository to, and a policy with <paramref name="baseImages"/> (no signature rule: the flags give it).
    /// </summary>
    private async Task<(string Folder, string Dockerfile)> VectorBaseAsync(string name, string baseImages)
    {
        var folder = Path.Combine(_dir, name);
        Directory.CreateDirectory(folder);
        var vector = Path.Combine(RepositoryPaths.Vectors!, "cosign-signatures", "dir-img-cosign-fulcio-rekor-valid");
        await ContainersDirLayout.WriteAsync(vector, Path.Combine(folder, "base-image"));
        var digest = Digest.Compute(await File.ReadAllBytesAsync(Path.Combine(vector, "manifest.json")));
        var dockerfile = Path.Combine(folder, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, $"FROM registry.pipelineguard.test/vector/keyless:vector@{digest}\nUSER 65532\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "pipelineguard.yaml"), $"""
            version: 1
            lint:
              enabled: false
            sbom:
              enabled: false
            registries:
              layouts:
                registry.pipelineguard.test/vector/keyless: base-image
            baseImages:
              requireDigest: true
            {baseImages}
            """);
        return (folder, dockerfile);
    }

    [VectorTheory]
    [InlineData("mitr@redhat.com", "https://github.com/login/oauth", 0)]
    [InlineData("someone@redhat.com", "https://github.com/login/oauth", 1)]
    [InlineData("mitr@redhat.com", "https://accounts.google.com", 1)]
    public async Task The_real_keyless_image_vector_as_a_base_passes_check_base_and_gate_for_its_signer_only(string identity, string issuer, int expected)
    {
        var (folder, dockerfile) = await VectorBaseAsync($"vector-{expected}-{identity}-{issuer.Length}", string.Empty);
        string[] flags = ["--certificate-identity", identity, "--certificate-oidc-issuer", issuer];

        var checkBase = await Cli.RunAsync(["check-base", dockerfile, "--policy", Path.Combine(folder, "pipelineguard.yaml"), .. flags]);
        var gate = await Cli.RunAsync(["gate", folder, "--output-dir", Path.Combine(folder, "out"), "--annotations", "plain", .. flags]);

        Assert.True(checkBase.ExitCode == expected, checkBase.Output + checkBase.Error);
        Assert.True(gate.ExitCode == expected, gate.Output + gate.Error);
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "out", "pipelineguard.md"));
        if (expected == 0)
        {
            Assert.Contains("ok   PG3006 signature: Signed by mitr@redhat.com from https://github.com/login/oauth.", checkBase.Output, StringComparison.Ordinal);
            Assert.Contains("keyless signer mitr@redhat.com (issuer https://github.com/login/oauth), transparency log index 11605770", report, StringComparison.Ordinal);
        }
        else
        {
            var mismatch = identity == "mitr@redhat.com" ? $"expected issuer '{issuer}', found 'https://github.com/login/oauth'" : $"expected identity '{identity}', found 'mitr@redhat.com'";
            Assert.Contains("FAIL PG3006 signature:", checkBase.Output, StringComparison.Ordinal);
            Assert.Contains(mismatch, checkBase.Output, StringComparison.Ordinal);
            Assert.Contains(mismatch, report, StringComparison.Ordinal);
        }
    }

    [VectorFact]
    public async Task A_config_rule_on_the_keyless_image_vector_without_its_config_blob_fails_closed()
    {
        var (folder, dockerfile) = await VectorBaseAsync("vector-max-age", "  maxAgeDays: 36500");

        var run = await Cli.RunAsync("check-base", dockerfile, "--policy", Path.Combine(folder, "pipelineguard.yaml"),
            "--certificate-identity", "mitr@redhat.com", "--certificate-oidc-issuer", "https://github.com/login/oauth");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ok   PG3006 signature: Signed by mitr@redhat.com", run.Output, StringComparison.Ordinal);
        Assert.Contains("PG3008 max-age: Could not tell the image's age: the image config sha256:3b0f78b718417dfa432fd8da26d0e3ac4ca3566d0825b0d2b056ccc4dd29e644 could not be read", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 blocking finding(s)", run.Output, StringComparison.Ordinal);
    }
}
