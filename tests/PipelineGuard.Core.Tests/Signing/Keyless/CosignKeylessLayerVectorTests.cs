using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Keyless;

/// <summary>cosign-signatures/dir-img-cosign-fulcio-rekor-valid: a real cosign keyless <c>.sig</c> layer (certificate, chain and Rekor SET annotations).</summary>
public sealed class CosignKeylessLayerVectorTests
{
    private static string Dir => Path.Combine(RepositoryPaths.Vectors!, "cosign-signatures", "dir-img-cosign-fulcio-rekor-valid");

    private static (SimpleSigningPayload? Payload, KeylessVerification Result) Verify(string subject, string issuer, string? imageDigest = null)
    {
        var manifest = ContainersSignatureFile.ReadFollowingLinks(Path.Combine(Dir, "manifest.json"));
        var layer = Assert.Single(ContainersSignatureFile.ReadDirectory(Dir));
        var policy = CertificateIdentityPolicy.Create(subject, null, issuer, null).GetValueOrThrow();
        return CosignKeylessLayerVerifier.VerifyLayer(layer, imageDigest ?? CosignSignatureVerifier.ManifestDigest(manifest!), new KeylessVerificationOptions(TrustedRoot.PublicGood, policy), SignatureRequirements.KeyOnly);
    }

    [VectorFact]
    public void The_keyless_layer_verifies_for_its_identity_with_the_embedded_public_good_root()
    {
        var (payload, result) = Verify("mitr@redhat.com", "https://github.com/login/oauth");

        Assert.True(result.IsValid, result.Status.Message);
        Assert.Equal("sha256:0489474da8ea22426ece86ace6c1c0026ab2fd3cdfbbd62b7e94650266c37d9a", payload!.ManifestDigest);
        Assert.Equal(11605770, result.LogIndex);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1674247893), Assert.Single(result.Times).Time);
    }

    [VectorTheory]
    [InlineData("someone@redhat.com", "https://github.com/login/oauth")]
    [InlineData("mitr@redhat.com", "https://accounts.google.com")]
    public void Any_other_identity_or_issuer_is_rejected(string subject, string issuer)
    {
        var (_, result) = Verify(subject, issuer);

        Assert.Equal(VerificationFailure.CertificateIdentityMismatch, result.Status.Failure);
        Assert.Contains("found '", result.Status.Message, StringComparison.Ordinal);
    }

    [VectorFact]
    public void Another_image_digest_is_rejected()
    {
        var (_, result) = Verify("mitr@redhat.com", "https://github.com/login/oauth", "sha256:" + new string('0', 64));

        Assert.Equal(VerificationFailure.DigestMismatch, result.Status.Failure);
    }
}
