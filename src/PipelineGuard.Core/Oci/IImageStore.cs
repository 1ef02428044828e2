namespace PipelineGuard.Oci;

/// <summary>Manifest bytes as stored, with their media type and digest (verified when they were read).</summary>
public sealed record ManifestContent(byte[] Bytes, string MediaType, Digest Digest)
{
    /// <summary>The descriptor of these bytes.</summary>
    public OciDescriptor Descriptor => new(MediaType, Digest, Bytes.LongLength);

    /// <summary>Parses the bytes (throws <see cref="OciException"/> when malformed).</summary>
    public OciManifest Parse(string where) => OciManifest.Parse(Bytes, MediaType, where);
}

/// <summary>
/// Where images live: a registry (<see cref="RegistryClient"/>), an OCI image layout (<see cref="OciLayoutStore"/>) or a
/// docker-archive tar (<see cref="DockerArchiveStore"/>, read-only). Everything is addressed by repository and by tag
/// or digest; every read is verified against its digest. Failures throw <see cref="OciException"/>.
/// </summary>
public interface IImageStore : IDisposable
{
    /// <summary>A short description for messages (<c>registry 127.0.0.1:5000</c>, <c>OCI layout ./img</c>).</summary>
    string Description { get; }

    /// <summary>The descriptor (media type, digest, size) that <paramref name="reference"/> (a tag or digest) names.</summary>
    Task<OciDescriptor> ResolveAsync(string repository, string reference, CancellationToken cancellationToken = default);

    /// <summary>The manifest or index that <paramref name="reference"/> (a tag or digest) names, verified against its digest.</summary>
    Task<ManifestContent> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default);

    /// <summary>Stores manifest bytes under <paramref name="reference"/> (a tag, or the bytes' own digest) and returns their digest.</summary>
    Task<Digest> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a blob for streaming. The stream checks size and digest when its end is read and throws
    /// <see cref="OciException"/> on a mismatch; use what was read only after reaching the end.
    /// </summary>
    Task<DigestVerifyingStream> OpenBlobAsync(string repository, Digest digest, long expectedSize = -1, CancellationToken cancellationToken = default);

    /// <summary>A whole blob in memory, verified, refused when larger than <paramref name="maxBytes"/>.</summary>
    Task<byte[]> GetBlobAsync(string repository, Digest digest, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Whether the store has the blob.</summary>
    Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default);

    /// <summary>Stores a blob of <paramref name="size"/> bytes read from <paramref name="content"/>; it must have <paramref name="digest"/>.</summary>
    Task PutBlobAsync(string repository, Digest digest, Stream content, long size, CancellationToken cancellationToken = default);

    /// <summary>The repository's tags.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default);

    /// <summary>
    /// Manifests whose <c>subject</c> is <paramref name="subject"/> (OCI 1.1 referrers), falling back to the
    /// <c>sha256-HEX</c> tag-schema index when the store has no referrers API; optionally filtered by artifact type.
    /// </summary>
    Task<IReadOnlyList<OciDescriptor>> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default);
}
