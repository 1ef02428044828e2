using System.Text;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

public sealed class CosignKeyVectorTests
{
    private static readonly string[] s_names = ["p256-n32768", "p256-n65536", "p256-empty-password"];

    public static TheoryData<string> Keys => new(s_names);

    private static string Dir => Path.Combine(RepositoryPaths.Vectors!, "cosign-keys");

    private static string Password(string name) => Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Dir, name + ".password")));

    private static IVerifier PublicKey(string name) => PublicKeyReader.ReadPem(File.ReadAllText(Path.Combine(Dir, name + ".pub"))).GetValueOrThrow();

    [VectorTheory]
    [MemberData(nameof(Keys))]
    public void Every_key_decrypts_with_its_password_to_the_published_public_key(string name)
    {
        var signer = PrivateKeyReader.ReadPem(File.ReadAllText(Path.Combine(Dir, name + ".key")), PasswordSource.Fixed(Password(name)));

        Assert.True(signer.Succeeded, signer.Error);
        Assert.Equal(PublicKey(name).PublicKey.ToArray(), signer.Value!.PublicKey.ToArray());
    }

    [VectorTheory]
    [MemberData(nameof(Keys))]
    public void A_wrong_password_is_a_clear_error(string name)
    {
        var signer = PrivateKeyReader.ReadPem(File.ReadAllText(Path.Combine(Dir, name + ".key")), PasswordSource.Fixed(Password(name) + "x"));

        Assert.False(signer.Succeeded);
        Assert.Contains("wrong password", signer.Error, StringComparison.Ordinal);
    }

    [VectorTheory]
    [MemberData(nameof(Keys))]
    public async Task A_signature_made_with_the_decrypted_key_verifies_with_the_public_key(string name)
    {
        using var signer = PrivateKeyReader.ReadPem(File.ReadAllText(Path.Combine(Dir, name + ".key")), PasswordSource.Fixed(Password(name))).GetValueOrThrow();
        var message = "fresh message"u8.ToArray();

        var signature = await signer.SignAsync(message);

        Assert.True(PublicKey(name).Verify(message, signature).IsValid);
    }

    [VectorTheory]
    [MemberData(nameof(Keys))]
    public void Every_signature_and_bundle_verifies_with_its_own_key_and_fails_with_the_others(string name)
    {
        var artifact = File.ReadAllBytes(Path.Combine(Dir, "artifact.txt"));
        var signature = Convert.FromBase64String(File.ReadAllText(Path.Combine(Dir, name + ".artifact.sig")).Trim());
        var bundle = File.ReadAllBytes(Path.Combine(Dir, name + ".artifact.sigstore.json"));
        var attestation = File.ReadAllBytes(Path.Combine(Dir, name + ".artifact.intoto.sigstore.json"));
        var artifactSha = BlobSigning.Sha256Hex(artifact);

        foreach (var other in s_names)
        {
            var key = PublicKey(other);
            var expected = other == name;
            Assert.Equal(expected, key.Verify(artifact, signature).IsValid);
            Assert.Equal(expected, BundleVerifier.VerifyMessage(bundle, artifact, key).IsValid);
            var (statement, status) = BundleVerifier.VerifyAttestation(attestation, key, PredicateTypes.SlsaProvenanceV1, artifactSha);
            Assert.Equal(expected, status.IsValid);
            if (expected)
            {
                Assert.Equal("artifact.txt", statement!.Subjects.Single().Name);
            }
            else
            {
                Assert.Equal(VerificationFailure.KeyHintMismatch, status.Failure);
            }
        }
    }

    [VectorFact]
    public void The_n32768_key_uses_the_sigstore_label_and_the_n65536_key_the_cosign_label()
    {
        Assert.Contains(CosignEncryptedKey.SigstoreLabel, File.ReadAllText(Path.Combine(Dir, "p256-n32768.key")), StringComparison.Ordinal);
        Assert.Contains(CosignEncryptedKey.CosignLabel, File.ReadAllText(Path.Combine(Dir, "p256-n65536.key")), StringComparison.Ordinal);
    }
}
