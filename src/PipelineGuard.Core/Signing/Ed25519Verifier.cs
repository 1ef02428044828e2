using Org.BouncyCastle.Crypto.Parameters;

namespace PipelineGuard.Signing;

/// <summary>Verifies Ed25519 signatures (over the message itself, as cosign signs with Ed25519 keys).</summary>
public sealed class Ed25519Verifier : IVerifier
{
    private readonly Ed25519PublicKeyParameters _key;
    private readonly byte[] _spki;

    internal Ed25519Verifier(byte[] rawKey, byte[] subjectPublicKeyInfo)
    {
        _key = new Ed25519PublicKeyParameters(rawKey);
        _spki = subjectPublicKeyInfo;
        KeyHint = PublicKeyHint.Compute(subjectPublicKeyInfo);
    }

    /// <inheritdoc />
    public string Algorithm => "ED25519";

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKey => _spki;

    /// <inheritdoc />
    public string KeyHint { get; }

    /// <inheritdoc />
    public VerificationResult Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519PublicKeyParameters.KeySize * 2)
        {
            return VerificationResult.Reject(VerificationFailure.SignatureEncoding, $"Ed25519 signature is {signature.Length} bytes, not 64");
        }

        return _key.Verify(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, message.ToArray(), 0, message.Length, signature.ToArray(), 0)
            ? VerificationResult.Valid($"ED25519 signature verified with key {KeyHint}")
            : VerificationResult.Reject(VerificationFailure.SignatureMismatch, $"ED25519 signature does not verify with key {KeyHint}");
    }

    /// <inheritdoc />
    public override string ToString() => $"ED25519 verifier (key {KeyHint})";
}
