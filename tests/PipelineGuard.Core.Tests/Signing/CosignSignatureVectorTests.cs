using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>Every row of cosign-signatures/README.md: signatures made by real cosign and skopeo.</summary>
public sealed class CosignSignatureVectorTests
{
    private const string ValidRepository = "192.168.64.2:5000/cosign-signed-single-sample";

    private static string Dir => Path.Combine(RepositoryPaths.Vectors!, "cosign-signatures");

    private static IVerifier Key(string file) => PublicKeyReader.ReadPem(File.ReadAllText(Path.Combine(Dir, file))).GetValueOrThrow();

    private static ImageSignatureVerification Verify(string vector, string key, IdentityPolicy identity)
    {
        var directory = Path.Combine(Dir, vector);
        var manifest = ContainersSignatureFile.ReadFollowingLinks(Path.Combine(directory, "manifest.json"));
        var layers = ContainersSignatureFile.ReadDirectory(directory);
        return CosignSignatureVerifier.Verify(manifest, layers, [Key(key)], new SignatureRequirements(identity, new Dictionary<string, string>()));
    }

    [VectorTheory]
    [InlineData("dir-img-cosign-valid", "cosign.pub", ValidRepository, 1)]
    [InlineData("dir-img-cosign-valid-2", "cosign.pub", ValidRepository, 2)]
    [InlineData("dir-img-cosign-mixed", "cosign.pub", ValidRepository, 1)]
    [InlineData("dir-img-cosign-key-rekor-valid", "cosign2.pub", "192.168.64.2:5000/cosign-signed/key-1", 1)]
    [InlineData("dir-img-cosign-valid-with-tag", "cosign.pub", "192.168.64.2:5000/skopeo-signed:tag", 1)]
    public void Signatures_made_by_cosign_and_skopeo_are_accepted(string vector, string key, string reference, int validCount)
    {
        var result = Verify(vector, key, new IdentityPolicy(IdentityMatch.RepositoryOnly, reference));

        Assert.True(result.IsValid, result.Status.Message);
        Assert.Equal(validCount, result.VerifiedPayloads.Count());
    }

    [VectorFact]
    public void The_skopeo_signature_with_a_tag_passes_an_exact_identity_policy_and_fails_for_another_tag()
    {
        Assert.True(Verify("dir-img-cosign-valid-with-tag", "cosign.pub", new IdentityPolicy(IdentityMatch.Exact, "192.168.64.2:5000/skopeo-signed:tag")).IsValid);

        var other = Verify("dir-img-cosign-valid-with-tag", "cosign.pub", new IdentityPolicy(IdentityMatch.Exact, "192.168.64.2:5000/skopeo-signed:othertag"));

        Assert.False(other.IsValid);
        Assert.Equal(VerificationFailure.IdentityMismatch, other.Status.Failure);
    }

    [VectorFact]
    public void The_mixed_vector_rejects_the_signature_by_the_unknown_key_and_accepts_the_other()
    {
        var result = Verify("dir-img-cosign-mixed", "cosign.pub", IdentityPolicy.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Layers[0].Status.Failure);
        Assert.True(result.Layers[1].Status.IsValid);
    }

    [VectorTheory]
    [InlineData("dir-img-cosign-manifest-digest-error", VerificationFailure.ManifestMissing)]
    [InlineData("dir-img-cosign-modified-manifest", VerificationFailure.DigestMismatch)]
    [InlineData("dir-img-cosign-no-manifest", VerificationFailure.ManifestMissing)]
    public void Broken_manifests_are_rejected_for_the_stated_reason(string vector, VerificationFailure reason)
    {
        var result = Verify(vector, "cosign.pub", new IdentityPolicy(IdentityMatch.RepositoryOnly, ValidRepository));

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Status.Failure);
    }

    [VectorFact]
    public void The_modified_manifest_has_a_good_signature_but_another_digest()
    {
        var result = Verify("dir-img-cosign-modified-manifest", "cosign.pub", IdentityPolicy.None);

        Assert.Contains("sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00", result.Status.Message, StringComparison.Ordinal);
        Assert.Contains(result.ImageDigest!, result.Status.Message, StringComparison.Ordinal);
    }

    [VectorFact]
    public void An_attachment_that_is_not_a_simple_signing_signature_is_rejected()
    {
        var result = Verify("dir-img-cosign-other-attachment", "cosign.pub", new IdentityPolicy(IdentityMatch.RepositoryOnly, "testing/manifest:latest"));

        Assert.False(result.IsValid);
        Assert.Equal(VerificationFailure.UnsupportedMediaType, result.Status.Failure);
    }

    [VectorFact]
    public void A_signature_by_an_unknown_key_is_rejected()
    {
        var manifest = ContainersSignatureFile.ReadFollowingLinks(Path.Combine(Dir, "dir-img-cosign-valid", "manifest.json"));
        var layer = ContainersSignatureFile.Parse(File.ReadAllBytes(Path.Combine(Dir, "unknown-cosign-key.signature")));

        var result = CosignSignatureVerifier.Verify(manifest, [layer], [Key("cosign.pub")], SignatureRequirements.KeyOnly);

        Assert.False(result.IsValid);
        Assert.Equal(VerificationFailure.SignatureMismatch, result.Status.Failure);
    }

    [VectorFact]
    public void The_valid_vector_is_rejected_under_an_exact_policy_for_another_image()
    {
        var result = Verify("dir-img-cosign-valid", "cosign.pub", new IdentityPolicy(IdentityMatch.Exact, "testing/manifest:notlatest"));

        Assert.False(result.IsValid);
        Assert.Equal(VerificationFailure.IdentityMismatch, result.Status.Failure);
    }

    [VectorFact]
    public void The_valid_vector_fails_with_the_other_key()
    {
        var result = Verify("dir-img-cosign-valid", "cosign2.pub", IdentityPolicy.None);

        Assert.Equal(VerificationFailure.SignatureMismatch, result.Status.Failure);
    }
}
