namespace PipelineGuard.Signing.Keyless;

/// <summary>An RFC 6962 inclusion proof of a log entry, with the log's signed checkpoint.</summary>
/// <param name="LogIndex">The entry's index in the tree the proof is for (the shard's index for Rekor v1).</param>
/// <param name="RootHash">The tree root the proof claims.</param>
/// <param name="TreeSize">The tree size the proof is for.</param>
/// <param name="Hashes">The audit path, leaf side first.</param>
/// <param name="Checkpoint">The signed note (checkpoint) envelope, or null when the bundle has none (v0.1).</param>
public sealed record InclusionProof(long LogIndex, byte[] RootHash, long TreeSize, IReadOnlyList<byte[]> Hashes, string? Checkpoint);

/// <summary>One transparency-log entry of a bundle.</summary>
/// <param name="LogIndex">The entry's global index.</param>
/// <param name="LogId">The log's id (SHA-256 of its key).</param>
/// <param name="Kind">The entry kind (<c>hashedrekord</c>, <c>dsse</c>, <c>intoto</c>).</param>
/// <param name="Version">The kind's version (<c>0.0.1</c>, <c>0.0.2</c>).</param>
/// <param name="IntegratedTime">Seconds since the epoch at which the log says it integrated the entry, or null (Rekor v2).</param>
/// <param name="SignedEntryTimestamp">The log's signed promise (SET), or null.</param>
/// <param name="Proof">The inclusion proof, or null.</param>
/// <param name="CanonicalizedBody">The entry body as logged.</param>
public sealed record TransparencyLogEntry(
    long LogIndex, byte[] LogId, string Kind, string Version, long? IntegratedTime, byte[]? SignedEntryTimestamp, InclusionProof? Proof, byte[] CanonicalizedBody);

/// <summary>What a bundle carries besides its signature: the signer's certificates or key hint, log entries and timestamps.</summary>
/// <param name="Content">The signature or DSSE envelope.</param>
/// <param name="Certificates">The signing certificate and any chain, leaf first (DER); empty for a key-based bundle.</param>
/// <param name="TlogEntries">Transparency-log entries.</param>
/// <param name="Rfc3161Timestamps">RFC 3161 timestamp responses or tokens (DER).</param>
public sealed record SigstoreEvidenceBundle(SigstoreBundle Content, IReadOnlyList<byte[]> Certificates, IReadOnlyList<TransparencyLogEntry> TlogEntries, IReadOnlyList<byte[]> Rfc3161Timestamps)
{
    /// <summary>Whether the bundle was signed keyless (carries a certificate).</summary>
    public bool IsKeyless => Certificates.Count > 0;

    /// <summary>The bytes that were signed, and that a timestamp's imprint covers: the signature itself.</summary>
    public byte[] SignatureBytes => Content.MessageSignature?.Signature ?? Content.DsseEnvelope!.Signatures[0].Signature;
}
