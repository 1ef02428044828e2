using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Oci;

/// <summary>
/// An OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/ALG/HEX</c>) as an image store.
/// A layout holds one repository, so the repository argument is ignored. Tags are the
/// <c>org.opencontainers.image.ref.name</c> annotations of <c>index.json</c>; an empty reference means the only image.
/// Writes go to temporary files inside the layout and are moved into place, so readers never see partial content.
/// </summary>
public sealed class OciLayoutStore : IImageStore
{
    /// <summary>The annotation naming a tag in <c>index.json</c>.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private readonly long _maxManifestBytes;

    private OciLayoutStore(string directory, long maxManifestBytes)
    {
        Directory = Path.GetFullPath(directory);
        _maxManifestBytes = maxManifestBytes;
    }

    /// <summary>The layout directory.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public string Description => $"OCI layout {Directory}";

    /// <summary>Opens an existing layout; throws <see cref="OciException"/> (<see cref="OciErrorKind.NotFound"/>) when it is not one.</summary>
    public static OciLayoutStore Open(string directory, long maxManifestBytes = 4 * 1024 * 1024)
    {
        var store = new OciLayoutStore(directory, maxManifestBytes);
        if (!File.Exists(Path.Combine(store.Directory, "oci-layout")) || !File.Exists(Path.Combine(store.Directory, "index.json")))
        {
            throw new OciException(OciErrorKind.NotFound, $"{store.Directory} is not an OCI image layout (oci-layout and index.json are required).");
        }

        return store;
    }

    /// <summary>Opens a layout, creating an empty one when the directory has none.</summary>
    public static OciLayoutStore OpenOrCreate(string directory, long maxManifestBytes = 4 * 1024 * 1024)
    {
        var store = new OciLayoutStore(directory, maxManifestBytes);
        System.IO.Directory.CreateDirectory(store.Directory);
        var marker = Path.Combine(store.Directory, "oci-layout");
        if (!File.Exists(marker))
        {
            File.WriteAllText(marker, "{\"imageLayoutVersion\":\"1.0.0\"}");
        }

        var index = Path.Combine(store.Directory, "index.json");
        if (!File.Exists(index))
        {
            File.WriteAllText(index, "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
        }

        return store;
    }

    /// <inheritdoc />
    public async Task<OciDescriptor> ResolveAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var entries = await ReadIndexAsync(cancellationToken);
        if (Digest.TryParse(reference, out var digest, out _))
        {
            var listed = entries.FirstOrDefault(e => e.Digest == digest);
            if (listed is not null)
            {
                return listed;
            }

            if (!File.Exists(BlobPath(digest)))
            {
                throw new OciException(OciErrorKind.NotFound, $"{Description}: no manifest {digest}.");
            }

            var bytes = await GetBlobAsync(repository, digest, _maxManifestBytes, cancellationToken);
            return new OciDescriptor(OciManifest.Parse(bytes, null, $"{Description}: {digest}").MediaType, digest, bytes.LongLength);
        }

        if (string.IsNullOrEmpty(reference))
        {
            return entries.Count == 1
                ? entries[0]
                : throw new OciException(OciErrorKind.InvalidInput, $"{Description} holds {entries.Count} images; name one as oci:DIR:TAG (tags: {string.Join(", ", Tags(entries))}).");
        }

        return entries.LastOrDefault(e => e.Annotations.TryGetValue(RefNameAnnotation, out var name) && name == reference)
            ?? throw new OciException(OciErrorKind.NotFound, $"{Description}: no tag '{reference}' (tags: {string.Join(", ", Tags(entries))}).");
    }

    /// <inheritdoc />
    public async Task<ManifestContent> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var descriptor = await ResolveAsync(repository, reference, cancellationToken);
        var bytes = await GetBlobAsync(repository, descriptor.Digest, _maxManifestBytes, cancellationToken);
        var parsed = OciManifest.Parse(bytes, descriptor.MediaType, $"{Description}: {reference}");
        return new ManifestContent(bytes, parsed.MediaType, descriptor.Digest);
    }

    /// <inheritdoc />
    public async Task<Digest> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default)
    {
        var digest = Digest.Compute(bytes.Span);
        var isDigest = Digest.TryParse(reference, out var wanted, out _);
        if (isDigest && Digest.Compute(bytes.Span, wanted!.Algorithm) != wanted)
        {
            throw new OciException(OciErrorKind.InvalidInput, $"manifest bytes do not have the digest {wanted} they are to be stored under.");
        }

        var parsed = OciManifest.Parse(bytes.Span, mediaType, "manifest to store");
        await WriteBlobAsync(digest, new MemoryStream(bytes.ToArray(), writable: false), bytes.Length, cancellationToken);
        var descriptor = new OciDescriptor(mediaType, digest, bytes.Length) { ArtifactType = parsed.ArtifactType };
        await _indexLock.WaitAsync(cancellationToken);
        try
        {
            var index = await ReadIndexNodeAsync(cancellationToken);
            var manifests = index["manifests"]!.AsArray();
            foreach (var existing in manifests.ToList())
            {
                var name = existing?["annotations"]?[RefNameAnnotation]?.GetValue<string>();
                var sameTag = !isDigest && name == reference;
                var sameUntagged = isDigest && name is null && existing?["digest"]?.GetValue<string>() == digest.ToString();
                if (sameTag || sameUntagged)
                {
                    manifests.Remove(existing);
                }
            }

            if (!isDigest)
            {
                descriptor = descriptor with { Annotations = new Dictionary<string, string> { [RefNameAnnotation] = reference } };
            }

            manifests.Add((JsonNode)descriptor.ToJson());
            await WriteAtomicAsync(Path.Combine(Directory, "index.json"), System.Text.Encoding.UTF8.GetBytes(index.ToJsonString()), cancellationToken);
        }
        finally
        {
            _indexLock.Release();
        }

        return digest;
    }

    /// <inheritdoc />
    public Task<DigestVerifyingStream> OpenBlobAsync(string repository, Digest digest, long expectedSize = -1, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            throw new OciException(OciErrorKind.NotFound, $"{Description}: blob {digest} is missing.");
        }

        var stream = OpenFile(path);
        return Task.FromResult(new DigestVerifyingStream(stream, digest, expectedSize));
    }

    /// <inheritdoc />
    public async Task<byte[]> GetBlobAsync(string repository, Digest digest, long maxBytes, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            throw new OciException(OciErrorKind.NotFound, $"{Description}: blob {digest} is missing.");
        }

        if (new FileInfo(path).Length > maxBytes)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: blob {digest} is larger than the limit of {maxBytes} bytes.");
        }

        var bytes = await ReadFileAsync(path, maxBytes, cancellationToken);
        var actual = Digest.Compute(bytes, digest.Algorithm);
        return actual == digest
            ? bytes
            : throw new OciException(OciErrorKind.DigestMismatch, $"{Description}: blob {digest} has content with digest {actual}: the layout is corrupt, content rejected.");
    }

    /// <inheritdoc />
    public Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
        => Task.FromResult(File.Exists(BlobPath(digest)));

    /// <inheritdoc />
    public async Task PutBlobAsync(string repository, Digest digest, Stream content, long size, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(BlobPath(digest)))
        {
            await WriteBlobAsync(digest, content, size, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default)
        => Tags(await ReadIndexAsync(cancellationToken)).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<OciDescriptor>> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default)
    {
        var result = new List<OciDescriptor>();
        foreach (var entry in await ReadIndexAsync(cancellationToken))
        {
            if (!OciMediaTypes.IsManifest(entry.MediaType) || entry.Size > _maxManifestBytes || !File.Exists(BlobPath(entry.Digest)))
            {
                continue;
            }

            var manifest = OciManifest.Parse(await GetBlobAsync(repository, entry.Digest, _maxManifestBytes, cancellationToken), entry.MediaType, $"{Description}: {entry.Digest}");
            if (manifest.Subject?.Digest == subject && result.All(r => r.Digest != entry.Digest))
            {
                result.Add(new OciDescriptor(entry.MediaType, entry.Digest, entry.Size)
                {
                    ArtifactType = manifest.ArtifactType ?? manifest.Config?.MediaType,
                    Annotations = manifest.Annotations,
                });
            }
        }

        try
        {
            var fallback = await GetManifestAsync(repository, subject.ToTagSchema(), cancellationToken);
            var index = fallback.Parse(Description);
            if (index.IsIndex)
            {
                result.AddRange(index.Manifests.Where(m => result.All(r => r.Digest != m.Digest)));
            }
        }
        catch (OciException ex) when (ex.Kind == OciErrorKind.NotFound)
        {
        }

        return RegistryClient.Filter(result, artifactType);
    }

    /// <inheritdoc />
    public void Dispose() => _indexLock.Dispose();

    private string BlobPath(Digest digest) => Path.Combine(Directory, "blobs", digest.Algorithm, digest.Hex);

    private static IEnumerable<string> Tags(IEnumerable<OciDescriptor> entries)
        => entries.Select(e => e.Annotations.GetValueOrDefault(RefNameAnnotation)).OfType<string>().Distinct(StringComparer.Ordinal);

    private async Task<List<OciDescriptor>> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, "index.json");
        byte[] bytes;
        try
        {
            bytes = await ReadFileAsync(path, IO.InputFile.DefaultMaxBytes, cancellationToken);
        }
        catch (FileNotFoundException ex)
        {
            throw new OciException(OciErrorKind.NotFound, $"{Description}: index.json is missing.", ex);
        }

        return OciManifest.Parse(bytes, OciMediaTypes.ImageIndex, $"{path}").Manifests.ToList();
    }

    private async Task<JsonObject> ReadIndexNodeAsync(CancellationToken cancellationToken)
    {
        var bytes = await ReadFileAsync(Path.Combine(Directory, "index.json"), IO.InputFile.DefaultMaxBytes, cancellationToken);
        try
        {
            var node = JsonNode.Parse(bytes)?.AsObject() ?? throw new OciException(OciErrorKind.Protocol, $"{Description}: index.json is empty.");
            node["manifests"] ??= new JsonArray();
            return node;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new OciException(OciErrorKind.Protocol, $"{Description}: index.json is not a JSON object ({ex.Message}).", ex);
        }
    }

    private async Task WriteBlobAsync(Digest digest, Stream content, long size, CancellationToken cancellationToken)
    {
        var final = BlobPath(digest);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temp = Path.Combine(Path.GetDirectoryName(final)!, $".tmp-{Guid.NewGuid():N}");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            await using (var verifying = new DigestVerifyingStream(content, digest, size, leaveOpen: true))
            {
                await verifying.CopyToAsync(output, 128 * 1024, cancellationToken);
                if (!verifying.Verified)
                {
                    await verifying.DrainAsync(cancellationToken);
                }
            }

            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteAtomicAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = path + $".tmp-{Guid.NewGuid():N}";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Opens a layout file; a FIFO or device in its place is an <see cref="OciException"/>, not a wait.</summary>
    private static FileStream OpenFile(string path)
    {
        try
        {
            return IO.InputFile.OpenRead(path, 1, FileOptions.SequentialScan);
        }
        catch (IO.InputFileException ex)
        {
            throw new OciException(OciErrorKind.InvalidInput, ex.Message, ex);
        }
    }

    /// <summary>Reads a layout file under <paramref name="maxBytes"/>; a FIFO, device or oversized file is an <see cref="OciException"/>.</summary>
    private static async Task<byte[]> ReadFileAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await IO.InputFile.ReadAllBytesAsync(path, maxBytes, cancellationToken);
        }
        catch (IO.InputFileException ex)
        {
            throw new OciException(OciErrorKind.InvalidInput, ex.Message, ex);
        }
    }
}
