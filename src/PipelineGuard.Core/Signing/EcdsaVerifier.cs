using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>Verifies ECDSA signatures (P-256 with SHA-256, P-384 with SHA-384, P-521 with SHA-512), DER-encoded as cosign writes them.</summary>
public sealed class EcdsaVerifier : IVerifier
{
    private readonly ECParameters _parameters;
    private readonly byte[] _spki;
    private readonly int _fieldSize;
    private readonly HashAlgorithmName _hash;

    // Importing a key costs about ten verifications; keep imported keys for reuse, one per concurrent caller.
    private readonly ConcurrentBag<ECDsa> _keys = [];

    internal EcdsaVerifier(ECParameters parameters, byte[] subjectPublicKeyInfo, EcCurve curve)
    {
        _parameters = parameters;
        _spki = subjectPublicKeyInfo;
        _fieldSize = curve.FieldSize;
        _hash = curve.Hash;
        Algorithm = curve.Algorithm;
        KeyHint = PublicKeyHint.Compute(subjectPublicKeyInfo);
    }

    /// <inheritdoc />
    public string Algorithm { get; }

    /// <summary>The hash this verifier applies to the message.</summary>
    internal HashAlgorithmName Hash => _hash;

    /// <summary>The same key with another message hash (Sigstore signs with SHA-256 on every curve).</summary>
    internal EcdsaVerifier WithHash(HashAlgorithmName hash) =>
        new(_parameters, _spki, new EcCurve(string.Empty, string.Empty, _fieldSize, hash, Algorithm.Split('_')[0] + "_" + Algorithm.Split('_')[1] + "_" + hash.Name));

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKey => _spki;

    /// <inheritdoc />
    public string KeyHint { get; }

    /// <inheritdoc />
    public VerificationResult Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var fixedWidth = DerEcdsaSignature.ToFixedWidth(signature, _fieldSize);
        if (!fixedWidth.Succeeded)
        {
            return VerificationResult.Reject(VerificationFailure.SignatureEncoding, fixedWidth.Error);
        }

        if (!_keys.TryTake(out var ecdsa))
        {
            ecdsa = ECDsa.Create(_parameters);
        }

        bool valid;
        try
        {
            valid = ecdsa.VerifyData(message, fixedWidth.Value, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            _keys.Add(ecdsa);
        }

        return valid
            ? VerificationResult.Valid($"{Algorithm} signature verified with key {KeyHint}")
            : VerificationResult.Reject(VerificationFailure.SignatureMismatch, $"{Algorithm} signature does not verify with key {KeyHint}");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm} verifier (key {KeyHint})";
}

/// <summary>A NIST curve PipelineGuard accepts, with its field size, hash and Sigstore algorithm name.</summary>
internal sealed record EcCurve(string Oid, string Name, int FieldSize, HashAlgorithmName Hash, string Algorithm)
{
    public static readonly EcCurve P256 = new("1.2.840.10045.3.1.7", "P-256", 32, HashAlgorithmName.SHA256, "ECDSA_P256_SHA256");
    public static readonly EcCurve P384 = new("1.3.132.0.34", "P-384", 48, HashAlgorithmName.SHA384, "ECDSA_P384_SHA384");
    public static readonly EcCurve P521 = new("1.3.132.0.35", "P-521", 66, HashAlgorithmName.SHA512, "ECDSA_P521_SHA512");

    public static EcCurve? FromOid(string? oid) => oid switch
    {
        "1.2.840.10045.3.1.7" => P256,
        "1.3.132.0.34" => P384,
        "1.3.132.0.35" => P521,
        _ => null,
    };
}
