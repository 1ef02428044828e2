using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>
/// An in-memory ECDSA P-256 signer (System.Security.Cryptography, which measured faster than BouncyCastle here).
/// The private key never leaves this object: no property exposes it and <see cref="ToString"/> shows only the key hint.
/// </summary>
public sealed class EcdsaSigner : ISigner
{
    private readonly ECDsa _key;
    private readonly byte[] _spki;
    private readonly string _hint;

    private EcdsaSigner(ECDsa key)
    {
        _key = key;
        _spki = key.ExportSubjectPublicKeyInfo();
        _hint = PublicKeyHint.Compute(_spki);
    }

    /// <summary>A new random P-256 key.</summary>
    public static EcdsaSigner Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a P-256 key from PKCS#8 DER; other curves are refused.</summary>
    public static SigningResult<EcdsaSigner> FromPkcs8(ReadOnlySpan<byte> pkcs8) => Import(pkcs8, static (key, der) => key.ImportPkcs8PrivateKey(der, out _), "PKCS#8");

    /// <summary>Loads a P-256 key from SEC 1 (<c>EC PRIVATE KEY</c>) DER; other curves are refused.</summary>
    public static SigningResult<EcdsaSigner> FromSec1(ReadOnlySpan<byte> sec1) => Import(sec1, static (key, der) => key.ImportECPrivateKey(der, out _), "EC PRIVATE KEY");

    private delegate void Importer(ECDsa key, ReadOnlySpan<byte> der);

    private static SigningResult<EcdsaSigner> Import(ReadOnlySpan<byte> der, Importer import, string format)
    {
        var key = ECDsa.Create();
        try
        {
            import(key, der);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            // Deliberately no inner exception text: it could quote key bytes.
            return SigningResult<EcdsaSigner>.Failure($"the {format} private key is not an ECDSA key PipelineGuard can read");
        }

        var oid = key.ExportParameters(false).Curve.Oid?.Value;
        if (EcCurve.FromOid(oid) != EcCurve.P256)
        {
            key.Dispose();
            return SigningResult<EcdsaSigner>.Failure($"the private key is on curve {oid ?? "(unnamed)"}; PipelineGuard signs with ECDSA P-256 only");
        }

        return SigningResult<EcdsaSigner>.Success(new EcdsaSigner(key));
    }

    /// <inheritdoc />
    public string Algorithm => EcCurve.P256.Algorithm;

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKey => _spki;

    /// <summary>The bundle hint of the public key.</summary>
    public string KeyHint => _hint;

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Sign(message.Span));
    }

    /// <summary>Signs synchronously (SHA-256, DER signature).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => _key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <inheritdoc />
    public IVerifier CreateVerifier() => new EcdsaVerifier(_key.ExportParameters(false), _spki, EcCurve.P256);

    /// <summary>The private key as PKCS#8 DER, for writing a key file; callers must clear the buffer after use.</summary>
    internal byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>The public key as PEM <c>PUBLIC KEY</c>.</summary>
    public string ExportPublicKeyPem() => PemEncoding.WriteString("PUBLIC KEY", _spki) + "\n";

    /// <inheritdoc />
    public override string ToString() => $"ECDSA P-256 signer (public key {_hint})";

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
