namespace PipelineGuard.Signing;

/// <summary>
/// Signs messages with a private key that may live anywhere: in memory (a cosign key file), or later in a KMS or a
/// PKCS#11 token. Callers only see the public key and an asynchronous sign call, so remote signers fit the same shape.
/// </summary>
public interface ISigner : IDisposable
{
    /// <summary>The signature algorithm, in Sigstore's naming (for example <c>ECDSA_P256_SHA256</c>).</summary>
    string Algorithm { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo.</summary>
    ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>Signs <paramref name="message"/> (hashing it as the algorithm prescribes) and returns the signature as cosign writes it (DER for ECDSA).</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>A verifier for this signer's public key.</summary>
    IVerifier CreateVerifier();
}
