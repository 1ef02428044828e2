using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Sigstore;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Keyless;

/// <summary>
/// The second opinion (@sigstore/verify) on the test kit's keyless bundles, and the verify-blob(-attestation) use cases with
/// cosign's identity options: a GitHub-style SLSA provenance attestation, the key/identity rules, gh's JSON lines.
/// </summary>
public sealed class KeylessInteropAndUseCaseTests : IDisposable
{
    private const string Workflow = "https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.0.0";
    private const string GitHubIssuer = "https://token.actions.githubusercontent.com";
    private readonly TestSigstore _sigstore = new();
    private readonly string _dir = RepositoryPaths.NewTempDirectory("keyless");

    public void Dispose() => _sigstore.Dispose();

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task Sigstore_verify_accepts_the_test_kits_keyless_bundles_as_PipelineGuard_does()
    {
        var artifact = Write("app.tgz", Encoding.UTF8.GetBytes("an artifact " + Guid.NewGuid()));
        var root = Write("trusted_root.json", _sigstore.TrustedRootJson());
        var bundle = Write("app.tgz.sigstore.json", _sigstore.SignBlob(File.ReadAllBytes(artifact), new TestIdentity("alice@example.test", "https://issuer.example.test")));

        var js = await NodeInterop.RunAsync("verify-keyless.mjs", bundle, root, "alice@example.test", "https://issuer.example.test", artifact);
        var ours = KeylessVerifier.Verify(File.ReadAllBytes(bundle), File.ReadAllBytes(artifact),
            new KeylessVerificationOptions(TrustedRootReader.ReadFile(root).GetValueOrThrow(), CertificateIdentityPolicy.Create("alice@example.test", null, "https://issuer.example.test", null).GetValueOrThrow()));

        Assert.True(js.ExitCode == 0, js.StandardOutput + js.StandardError);
        Assert.True(ours.IsValid, ours.Status.Message);
    }

    [Theory]
    [InlineData("set")]
    [InlineData("proof")]
    [InlineData("identity")]
    public async Task Sigstore_verify_rejects_what_PipelineGuard_rejects(string tamper)
    {
        var artifact = Write("app.tgz", Encoding.UTF8.GetBytes("an artifact " + Guid.NewGuid()));
        var root = Write("trusted_root.json", _sigstore.TrustedRootJson());
        var node = JsonNode.Parse(_sigstore.SignBlob(File.ReadAllBytes(artifact), new TestIdentity("alice@example.test", "https://issuer.example.test")))!;
        var entry = node["verificationMaterial"]!["tlogEntries"]![0]!;
        if (tamper == "set")
        {
            entry["integratedTime"] = "1759320001";
        }
        else if (tamper == "proof")
        {
            var hash = Convert.FromBase64String(entry["inclusionProof"]!["hashes"]![0]!.GetValue<string>());
            hash[0] ^= 1;
            entry["inclusionProof"]!["hashes"]![0] = Convert.ToBase64String(hash);
        }

        var bundle = Write("tampered.sigstore.json", Encoding.UTF8.GetBytes(node.ToJsonString()));
        var san = tamper == "identity" ? "mallory@example.test" : "alice@example.test";

        var js = await NodeInterop.RunAsync("verify-keyless.mjs", bundle, root, san, "https://issuer.example.test", artifact);
        var ours = KeylessVerifier.Verify(File.ReadAllBytes(bundle), File.ReadAllBytes(artifact),
            new KeylessVerificationOptions(TrustedRootReader.ReadFile(root).GetValueOrThrow(), CertificateIdentityPolicy.Create(san, null, "https://issuer.example.test", null).GetValueOrThrow()));

        Assert.Equal(1, js.ExitCode);
        Assert.False(ours.IsValid);
    }

    private (string Artifact, string Bundle, string Root) GitHubProvenance()
    {
        var artifact = Write("app-1.0.0.tgz", Encoding.UTF8.GetBytes("release tarball " + Guid.NewGuid()));
        var digest = BlobSigning.Sha256Hex(File.ReadAllBytes(artifact));
        var statement = Encoding.UTF8.GetBytes(
            "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app-1.0.0.tgz\",\"digest\":{\"sha256\":\"" + digest + "\"}}]," +
            "\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{\"buildType\":\"https://actions.github.io/buildtypes/workflow/v1\"},\"runDetails\":{\"builder\":{\"id\":\"" + Workflow + "\"}}}}");
        var identity = new TestIdentity(Workflow, GitHubIssuer) { GitHub = ("push", "0123456789abcdef0123456789abcdef01234567", "release", "octo/app", "refs/tags/v1.0.0") };
        return (artifact, Write("app-1.0.0.tgz.sigstore.json", _sigstore.SignStatement(statement, identity)), Write("trusted_root.json", _sigstore.TrustedRootJson()));
    }

    [Fact]
    public async Task A_GitHub_style_SLSA_provenance_verifies_with_an_identity_regexp_and_the_actions_issuer()
    {
        var (artifact, bundle, root) = GitHubProvenance();

        var result = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(artifact, null, bundle, "slsaprovenance1",
            new CertificateVerificationOptions(IdentityRegExp: "^https://github.com/octo/app/.github/workflows/", OidcIssuer: GitHubIssuer, TrustedRootPath: root,
                GitHub: new GitHubWorkflowClaims(null, null, null, "octo/app", "refs/tags/v1.0.0"))));

        Assert.True(result.Status.IsValid, result.Status.Message);
        Assert.Equal("https://slsa.dev/provenance/v1", result.Statement!.PredicateType);
        Assert.Contains(Workflow, result.Status.Message, StringComparison.Ordinal);
        Assert.Contains("index 90006", result.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_workflow_or_repository_fails_showing_expected_and_found()
    {
        var (artifact, bundle, root) = GitHubProvenance();

        var result = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(artifact, null, bundle, null,
            new CertificateVerificationOptions(IdentityRegExp: "^https://github.com/octo/other/", OidcIssuer: GitHubIssuer, TrustedRootPath: root)));

        Assert.Equal(VerificationFailure.CertificateIdentityMismatch, result.Status.Failure);
        Assert.Contains("expected identity matching /^https://github.com/octo/other//, found '" + Workflow + "'", result.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_lines_of_gh_attestation_download_verify_when_one_bundle_is_about_the_artifact()
    {
        var (artifact, bundle, root) = GitHubProvenance();
        var other = _sigstore.SignStatement(Encoding.UTF8.GetBytes("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":{\"sha256\":\"" + new string('b', 64) + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}"),
            new TestIdentity(Workflow, GitHubIssuer));
        var lines = Write("attestations.jsonl", [.. other, (byte)'\n', .. File.ReadAllBytes(bundle), (byte)'\n']);
        var options = new CertificateVerificationOptions(IdentityRegExp: "^https://github.com/octo/app/", OidcIssuer: GitHubIssuer, TrustedRootPath: root);

        var result = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(artifact, null, lines, null, options));
        var onlyOther = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(artifact, null, Write("other.jsonl", [.. other, (byte)'\n', .. other]), null, options));

        Assert.True(result.Status.IsValid, result.Status.Message);
        Assert.Equal(VerificationFailure.SubjectDigestMismatch, onlyOther.Status.Failure);
    }

    [Fact]
    public async Task Exactly_one_of_a_key_and_an_identity_is_required()
    {
        var (artifact, bundle, root) = GitHubProvenance();

        var neither = await BlobSigning.VerifyAsync(new VerifyBlobOptions(artifact, null, bundle));
        var both = await BlobSigning.VerifyAsync(new VerifyBlobOptions(artifact, "cosign.pub", bundle, null, new CertificateVerificationOptions(Identity: Workflow, OidcIssuer: GitHubIssuer, TrustedRootPath: root)));

        Assert.Contains("give --key", neither.Message, StringComparison.Ordinal);
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
        Assert.Null(CertificateVerificationOptions.KeyOrIdentityError(null, new CertificateVerificationOptions(Identity: Workflow, OidcIssuer: GitHubIssuer)));
        Assert.False(new CertificateVerificationOptions(Identity: Workflow).Resolve().Succeeded);
        Assert.Contains("--certificate-identity-regexp '(' is not a regular expression", new CertificateVerificationOptions(IdentityRegExp: "(", OidcIssuer: GitHubIssuer).Resolve().Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dsse_bundle_given_to_verify_blob_and_a_bad_trusted_root_fail_with_what_is_wrong()
    {
        var (artifact, bundle, root) = GitHubProvenance();
        var badRoot = Write("bad_root.json", Encoding.UTF8.GetBytes("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":[{\"publicKey\":{\"rawBytes\":\"!!\"}}]}"));
        var identity = new CertificateVerificationOptions(Identity: Workflow, OidcIssuer: GitHubIssuer, TrustedRootPath: root);

        var dsse = await BlobSigning.VerifyAsync(new VerifyBlobOptions(artifact, null, bundle, null, identity));
        var broken = await BlobSigning.VerifyAsync(new VerifyBlobOptions(artifact, null, bundle, null, identity with { TrustedRootPath = badRoot }));

        Assert.Contains("use verify-blob-attestation", dsse.Message, StringComparison.Ordinal);
        Assert.Contains("bad_root.json: tlogs[0].publicKey.rawBytes is not valid base64", broken.Message, StringComparison.Ordinal);
    }
}
