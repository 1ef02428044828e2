using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyTests
{
    private static readonly byte[] s_message = "PipelineGuard key test"u8.ToArray();

    [Fact]
    public async Task Generated_key_files_are_cosign_format_with_N_32768_and_mode_0600()
    {
        var dir = RepositoryPaths.NewTempDirectory("keys");
        var prefix = Path.Combine(dir, "release");

        var result = await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(prefix), PasswordSource.Fixed("correct horse"));

        Assert.True(result.Succeeded, result.Error);
        var pem = await File.ReadAllTextAsync(prefix + ".key");
        Assert.StartsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
        PemEncoding.TryFind(pem, out var fields);
        using var body = JsonDocument.Parse(Convert.FromBase64String(pem[fields.Base64Data]));
        Assert.Equal(32768, body.RootElement.GetProperty("kdf").GetProperty("params").GetProperty("N").GetInt32());
        Assert.Equal(8, body.RootElement.GetProperty("kdf").GetProperty("params").GetProperty("r").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("kdf").GetProperty("params").GetProperty("p").GetInt32());
        Assert.Equal("nacl/secretbox", body.RootElement.GetProperty("cipher").GetProperty("name").GetString());

        using var signer = (await PrivateKeyReader.ReadFileAsync(prefix + ".key", PasswordSource.Fixed("correct horse"))).GetValueOrThrow();
        var verifier = (await PublicKeyReader.ReadFileAsync(prefix + ".pub")).GetValueOrThrow();
        var signature = await signer.SignAsync(s_message);
        Assert.True(verifier.Verify(s_message, signature).IsValid);
        Assert.Equal(result.Value!.KeyHint, verifier.KeyHint);
    }

    [Fact]
    public async Task Generating_over_existing_files_is_refused_unless_asked()
    {
        var prefix = Path.Combine(RepositoryPaths.NewTempDirectory("keys"), "k");
        await File.WriteAllTextAsync(prefix + ".key", "keep me");

        var refused = await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(prefix), PasswordSource.Fixed("p"));
        var forced = await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(prefix, Overwrite: true), PasswordSource.Fixed("p"));

        Assert.Contains("already exists", refused.Error, StringComparison.Ordinal);
        Assert.True(forced.Succeeded);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
    }

    [Theory]
    [InlineData(32768, CosignEncryptedKey.SigstoreLabel)]
    [InlineData(65536, CosignEncryptedKey.CosignLabel)]
    [InlineData(131072, CosignEncryptedKey.SigstoreLabel)]
    public async Task Keys_with_every_cosign_scrypt_cost_and_both_labels_are_read(int cost, string label)
    {
        using var original = EcdsaSigner.Generate();
        var pem = CosignEncryptedKey.Encrypt(original.ExportPkcs8(), "pw", cost, label);

        using var loaded = PrivateKeyReader.ReadPem(pem, PasswordSource.Fixed("pw")).GetValueOrThrow();

        Assert.Equal(original.PublicKey.ToArray(), loaded.PublicKey.ToArray());
        var signature = await loaded.SignAsync(s_message);
        Assert.True(original.CreateVerifier().Verify(s_message, signature).IsValid);
    }

    [Fact]
    public void An_unsupported_scrypt_cost_is_refused_with_the_parameters_named()
    {
        using var original = EcdsaSigner.Generate();
        var pem = CosignEncryptedKey.Encrypt(original.ExportPkcs8(), "pw", 16384);

        var loaded = PrivateKeyReader.ReadPem(pem, PasswordSource.Fixed("pw"));

        Assert.Contains("N=16384", loaded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_altered_ciphertext_fails_the_tag_check_like_a_wrong_password()
    {
        using var original = EcdsaSigner.Generate();
        var pem = CosignEncryptedKey.Encrypt(original.ExportPkcs8(), "pw");
        PemEncoding.TryFind(pem, out var fields);
        var json = JsonDocument.Parse(Convert.FromBase64String(pem[fields.Base64Data])).RootElement;
        var box = Convert.FromBase64String(json.GetProperty("ciphertext").GetString()!);
        box[^1] ^= 1;
        var altered = Encoding.UTF8.GetBytes(json.GetRawText().Replace(json.GetProperty("ciphertext").GetString()!, Convert.ToBase64String(box), StringComparison.Ordinal));

        var result = CosignEncryptedKey.Decrypt(altered, "pw");

        Assert.Contains("wrong password", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unencrypted_pkcs8_and_ec_private_keys_are_read()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();

        using var pkcs8 = PrivateKeyReader.ReadPem(ecdsa.ExportPkcs8PrivateKeyPem(), PasswordSource.Fixed("unused")).GetValueOrThrow();
        using var sec1 = PrivateKeyReader.ReadPem(ecdsa.ExportECPrivateKeyPem(), PasswordSource.Fixed("unused")).GetValueOrThrow();

        Assert.Equal(spki, pkcs8.PublicKey.ToArray());
        Assert.Equal(spki, sec1.PublicKey.ToArray());
        Assert.True(ecdsa.VerifyData(s_message, await sec1.SignAsync(s_message), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void A_private_key_on_another_curve_is_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var result = PrivateKeyReader.ReadPem(p384.ExportPkcs8PrivateKeyPem(), PasswordSource.Fixed("unused"));

        Assert.Contains("P-256 only", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ed25519_public_keys_verify_ed25519_signatures()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var signer = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
        signer.Init(true, pair.Private);
        signer.BlockUpdate(s_message, 0, s_message.Length);
        var signature = signer.GenerateSignature();
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded();

        var verifier = PublicKeyReader.ReadPem(PemEncoding.WriteString("PUBLIC KEY", spki)).GetValueOrThrow();

        Assert.Equal("ED25519", verifier.Algorithm);
        Assert.True(verifier.Verify(s_message, signature).IsValid);
        signature[3] ^= 1;
        Assert.Equal(VerificationFailure.SignatureMismatch, verifier.Verify(s_message, signature).Failure);
    }

    [Fact]
    public void Rsa_public_keys_verify_pkcs1_sha256_signatures()
    {
        using var rsa = RSA.Create(2048);
        var signature = rsa.SignData(s_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var verifier = PublicKeyReader.ReadPem(rsa.ExportSubjectPublicKeyInfoPem()).GetValueOrThrow();

        Assert.True(verifier.Verify(s_message, signature).IsValid);
        Assert.False(verifier.Verify("other"u8, signature).IsValid);
    }

    [Fact]
    public void Signers_and_errors_never_show_private_key_material()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privateScalar = Convert.ToBase64String(ecdsa.ExportParameters(true).D!);
        var pem = ecdsa.ExportPkcs8PrivateKeyPem();
        using var signer = PrivateKeyReader.ReadPem(pem, PasswordSource.Fixed("unused")).GetValueOrThrow();
        var broken = PrivateKeyReader.ReadPem(pem.Replace("PRIVATE KEY", "EC PRIVATE KEY", StringComparison.Ordinal), PasswordSource.Fixed("unused"));

        foreach (var text in new[] { signer.ToString()!, broken.Error!, broken.ToString() })
        {
            Assert.DoesNotContain(privateScalar, text, StringComparison.Ordinal);
            Assert.DoesNotContain(pem.Split('\n')[1], text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(typeof(EcdsaSigner).GetProperties(), p => p.PropertyType == typeof(ECDsa) || p.Name.Contains("Private", StringComparison.Ordinal));
    }

    [Fact]
    public void Passwords_come_from_pipelineguard_then_cosign_variables_then_the_prompt()
    {
        var both = new Dictionary<string, string?> { ["PIPELINEGUARD_PASSWORD"] = "pg", ["COSIGN_PASSWORD"] = "cosign" };
        var cosignEmpty = new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = string.Empty };
        var none = new Dictionary<string, string?>();

        Assert.Equal("pg", new PasswordSource(n => both.GetValueOrDefault(n), (_, _) => "prompt").GetPassword("x").Value);
        Assert.Equal(string.Empty, new PasswordSource(n => cosignEmpty.GetValueOrDefault(n), (_, _) => "prompt").GetPassword("x").Value);
        Assert.Equal("prompt", new PasswordSource(n => none.GetValueOrDefault(n), (_, _) => "prompt").GetPassword("x").Value);
        var noTerminal = new PasswordSource(n => none.GetValueOrDefault(n), (_, _) => null).GetPassword("x");
        Assert.Contains("PIPELINEGUARD_PASSWORD", noTerminal.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dsse_pae_is_exactly_the_spec_encoding()
    {
        var pae = Dsse.PreAuthenticationEncoding("application/vnd.in-toto+json", "hello world"u8);

        Assert.Equal("DSSEv1 28 application/vnd.in-toto+json 11 hello world", Encoding.UTF8.GetString(pae));
        Assert.Equal("DSSEv1 0  0 ", Encoding.UTF8.GetString(Dsse.PreAuthenticationEncoding(string.Empty, [])));
        Assert.Equal("DSSEv1 1 t 4 \u00e9\u00e9", Encoding.UTF8.GetString(Dsse.PreAuthenticationEncoding("t", "\u00e9\u00e9"u8)));
    }
}
