using System.Security.Cryptography;
using System.Text;
using PipelineGuard.Signing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>
/// A bundle's messageDigest algorithm is honoured and checked against the key: cosign 2.6 and later write SHA2_384 for
/// P-384 keys and SHA2_512 for P-521 keys, which were refused, while a P-384 signature labelled SHA2_256 was accepted.
/// </summary>
public sealed class MessageDigestAlgorithmTests
{
    private static readonly byte[] Artifact = Encoding.UTF8.GetBytes("release artifact\n");

    public static TheoryData<string, string> Curves => new()
    {
        { "P-256", "SHA2_256" },
        { "P-384", "SHA2_384" },
        { "P-521", "SHA2_512" },
    };

    private static (ECDsa Key, IVerifier Verifier, MessageDigestAlgorithm Algorithm) Key(string curve)
    {
        var (named, algorithm) = curve switch
        {
            "P-384" => (ECCurve.NamedCurves.nistP384, MessageDigestAlgorithm.Sha384),
            "P-521" => (ECCurve.NamedCurves.nistP521, MessageDigestAlgorithm.Sha512),
            _ => (ECCurve.NamedCurves.nistP256, MessageDigestAlgorithm.Sha256),
        };
        var key = ECDsa.Create(named);
        var verifier = PublicKeyReader.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
        Assert.True(verifier.Succeeded, verifier.Succeeded ? null : verifier.Error);
        return (key, verifier.Value, algorithm);
    }

    private static byte[] Bundle(ECDsa key, IVerifier verifier, MessageDigestAlgorithm labelled)
    {
        var signature = key.SignData(Artifact, MessageDigestAlgorithm.ForSignatureAlgorithm(verifier.Algorithm)!.Hash, DSASignatureFormat.Rfc3279DerSequence);
        var bundle = new SigstoreBundle(SigstoreBundle.MediaTypeV03, PublicKeyHint.Compute(verifier.PublicKey.Span),
            new MessageSignature(labelled.HashData(Artifact), signature) { Algorithm = labelled }, null);
        return BundleWriter.Write(bundle);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void A_bundle_whose_digest_algorithm_matches_the_key_verifies(string curve, string name)
    {
        var (key, verifier, algorithm) = Key(curve);
        using (key)
        {
            Assert.Equal(name, algorithm.Name);
            var json = Bundle(key, verifier, algorithm);
            Assert.Contains($"\"algorithm\": \"{name}\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
            var result = BundleVerifier.VerifyMessage(json, Artifact, verifier, ignoreTlog: true);
            Assert.True(result.IsValid, result.Message);
        }
    }

    [Theory]
    [InlineData("P-384", "SHA2_256")]
    [InlineData("P-521", "SHA2_384")]
    [InlineData("P-256", "SHA2_512")]
    public void A_digest_algorithm_that_is_not_the_keys_is_refused(string curve, string labelled)
    {
        var (key, verifier, _) = Key(curve);
        using (key)
        {
            var result = BundleVerifier.VerifyMessage(Bundle(key, verifier, MessageDigestAlgorithm.FromName(labelled)!), Artifact, verifier, ignoreTlog: true);
            Assert.Equal(VerificationFailure.DigestMismatch, result.Failure);
            Assert.Contains($"messageDigest is {labelled}", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_digest_of_the_wrong_length_for_its_algorithm_is_malformed()
    {
        var (key, verifier, _) = Key("P-384");
        using (key)
        {
            var json = Encoding.UTF8.GetString(Bundle(key, verifier, MessageDigestAlgorithm.Sha384))
                .Replace("\"algorithm\": \"SHA2_384\"", "\"algorithm\": \"SHA2_512\"", StringComparison.Ordinal);
            var (bundle, status) = BundleReader.Read(Encoding.UTF8.GetBytes(json));
            Assert.Null(bundle);
            Assert.Contains("not 64 bytes", status.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_algorithm_a_signature_hashes_with_follows_its_name()
    {
        Assert.Same(MessageDigestAlgorithm.Sha384, MessageDigestAlgorithm.ForSignatureAlgorithm("ECDSA_P384_SHA384"));
        Assert.Same(MessageDigestAlgorithm.Sha256, MessageDigestAlgorithm.ForSignatureAlgorithm("RSA_SIGN_PKCS1_2048_SHA256"));
        Assert.Null(MessageDigestAlgorithm.ForSignatureAlgorithm("ED25519"));
    }
}
