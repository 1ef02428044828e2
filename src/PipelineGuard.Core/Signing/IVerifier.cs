namespace PipelineGuard.Signing;

/// <summary>Verifies signatures with one public key.</summary>
public interface IVerifier
{
    /// <summary>The signature algorithm, in Sigstore's naming (for example <c>ECDSA_P256_SHA256</c>).</summary>
    string Algorithm { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo.</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The bundle key hint for this key: base64 of SHA-256 over the SubjectPublicKeyInfo.</summary>
    string KeyHint { get; }

    /// <summary>Checks <paramref name="signature"/> over <paramref name="message"/>; the reason says why not.</summary>
    VerificationResult Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}
