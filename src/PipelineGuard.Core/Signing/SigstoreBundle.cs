namespace PipelineGuard.Signing;

/// <summary>A message signature: the digest of the artifact (SHA-256 unless <see cref="Algorithm"/> says otherwise) and the signature over the artifact.</summary>
public sealed record MessageSignature(byte[] Digest, byte[] Signature)
{
    /// <summary>The digest's algorithm, as the bundle's <c>messageDigest.algorithm</c> names it.</summary>
    public MessageDigestAlgorithm Algorithm { get; init; } = MessageDigestAlgorithm.Sha256;
}

/// <summary>A Sigstore bundle signed with a public key (no certificate, no transparency log entry).</summary>
/// <param name="MediaType">The bundle media type.</param>
/// <param name="KeyHint">The <c>verificationMaterial.publicKey.hint</c>, if any.</param>
/// <param name="MessageSignature">A signature over an artifact, or null.</param>
/// <param name="DsseEnvelope">A DSSE envelope, or null; exactly one of the two is set.</param>
public sealed record SigstoreBundle(string MediaType, string? KeyHint, MessageSignature? MessageSignature, DsseEnvelope? DsseEnvelope)
{
    /// <summary>The v0.3 media type PipelineGuard writes.</summary>
    public const string MediaTypeV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>Media types read (v0.1 to v0.3).</summary>
    public static IReadOnlyList<string> ReadableMediaTypes { get; } =
    [
        MediaTypeV03,
        "application/vnd.dev.sigstore.bundle+json;version=0.3",
        "application/vnd.dev.sigstore.bundle+json;version=0.2",
        "application/vnd.dev.sigstore.bundle+json;version=0.1",
    ];
}
