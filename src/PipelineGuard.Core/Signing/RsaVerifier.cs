using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>Verifies RSA PKCS#1 v1.5 SHA-256 signatures (cosign's scheme for RSA keys).</summary>
public sealed class RsaVerifier : IVerifier
{
    private readonly RSAParameters _parameters;
    private readonly byte[] _spki;

    internal RsaVerifier(RSAParameters parameters, byte[] subjectPublicKeyInfo)
    {
        _parameters = parameters;
        _spki = subjectPublicKeyInfo;
        KeyHint = PublicKeyHint.Compute(subjectPublicKeyInfo);
        Algorithm = $"RSA_SIGN_PKCS1_{parameters.Modulus!.Length * 8}_SHA256";
    }

    /// <inheritdoc />
    public string Algorithm { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKey => _spki;

    /// <inheritdoc />
    public string KeyHint { get; }

    /// <inheritdoc />
    public VerificationResult Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        using var rsa = RSA.Create(_parameters);
        if (signature.Length != _parameters.Modulus!.Length)
        {
            return VerificationResult.Reject(VerificationFailure.SignatureEncoding, $"RSA signature is {signature.Length} bytes, the key's modulus is {_parameters.Modulus.Length}");
        }

        return rsa.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? VerificationResult.Valid($"{Algorithm} signature verified with key {KeyHint}")
            : VerificationResult.Reject(VerificationFailure.SignatureMismatch, $"{Algorithm} signature does not verify with key {KeyHint}");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm} verifier (key {KeyHint})";
}
