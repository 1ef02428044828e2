using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Oci;

/// <summary>
/// A read-only image store over a docker-archive tar (what <c>docker save</c> writes: <c>manifest.json</c> naming each
/// image's config and layer files, legacy <c>ID/layer.tar</c> or <c>blobs/sha256/HEX</c> paths). The tar is indexed once
/// without extracting; each image is served as a Docker v2 manifest synthesised from <c>manifest.json</c>, its config
/// digest the config's own hash and each layer's digest its diff ID (legacy) or its blob name, verified on every read.
/// References are <c>""</c> (the only image), a tag from <c>RepoTags</c>, <c>@N</c> (the N-th image) or a manifest digest.
/// </summary>
public sealed class DockerArchiveStore : IImageStore
{
    private const long MaxJsonBytes = 16 * 1024 * 1024;

    private readonly Dictionary<string, (long Offset, long Size)> _files;
    private readonly List<(IReadOnlyList<string> Tags, ManifestContent Manifest)> _images = [];
    private readonly Dictionary<Digest, (long Offset, long Size)> _blobs = [];

    private DockerArchiveStore(string path, Dictionary<string, (long Offset, long Size)> files)
    {
        ArchivePath = path;
        _files = files;
    }

    /// <summary>The archive file.</summary>
    public string ArchivePath { get; }

    /// <inheritdoc />
    public string Description => $"docker archive {ArchivePath}";

    /// <summary>Indexes <paramref name="path"/>; throws <see cref="OciException"/> when it is not a readable docker archive.</summary>
    public static async Task<DockerArchiveStore> OpenAsync(string path, TarLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new OciException(OciErrorKind.NotFound, $"docker archive {full} does not exist.");
        }

        var files = new Dictionary<string, (long Offset, long Size)>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = new TarStreamReader(OpenArchive(full), limits))
        {
            while (await reader.NextAsync(cancellationToken) is { } entry)
            {
                var name = ArchivePathOf(entry.Name);
                if (name is null)
                {
                    continue;
                }

                if (entry.Kind == TarEntryKind.File)
                {
                    files[name] = (entry.DataOffset, entry.Size);
                }
                else if (entry.Kind is TarEntryKind.SymbolicLink or TarEntryKind.HardLink)
                {
                    var target = entry.Kind == TarEntryKind.HardLink ? entry.LinkName : Path.Combine(Path.GetDirectoryName(name) ?? string.Empty, entry.LinkName).Replace('\\', '/');
                    var resolved = ArchivePathOf(target);
                    if (resolved is not null)
                    {
                        links[name] = resolved;
                    }
                }
            }
        }

        foreach (var (name, target) in links)
        {
            if (files.TryGetValue(target, out var location))
            {
                files.TryAdd(name, location);
            }
        }

        var store = new DockerArchiveStore(full, files);
        await store.LoadManifestAsync(cancellationToken);
        return store;
    }

    /// <inheritdoc />
    public Task<OciDescriptor> ResolveAsync(string repository, string reference, CancellationToken cancellationToken = default)
        => Task.FromResult(Find(reference).Descriptor);

    /// <inheritdoc />
    public Task<ManifestContent> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
        => Task.FromResult(Find(reference));

    /// <inheritdoc />
    public Task<DigestVerifyingStream> OpenBlobAsync(string repository, Digest digest, long expectedSize = -1, CancellationToken cancellationToken = default)
    {
        if (!_blobs.TryGetValue(digest, out var location))
        {
            throw new OciException(OciErrorKind.NotFound, $"{Description}: no blob {digest}.");
        }

        var file = OpenArchive(ArchivePath);
        return Task.FromResult(new DigestVerifyingStream(new SubStream(file, location.Offset, location.Size), digest, expectedSize >= 0 ? expectedSize : location.Size));
    }

    /// <inheritdoc />
    public async Task<byte[]> GetBlobAsync(string repository, Digest digest, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (_blobs.TryGetValue(digest, out var location) && location.Size > maxBytes)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: blob {digest} is larger than the limit of {maxBytes} bytes.");
        }

        await using var stream = await OpenBlobAsync(repository, digest, -1, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
        => Task.FromResult(_blobs.ContainsKey(digest));

    /// <inheritdoc />
    public Task<Digest> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default)
        => throw ReadOnly();

    /// <inheritdoc />
    public Task PutBlobAsync(string repository, Digest digest, Stream content, long size, CancellationToken cancellationToken = default)
        => throw ReadOnly();

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<string>>(_images.SelectMany(i => i.Tags).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<OciDescriptor>> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<OciDescriptor>>([]);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private OciException ReadOnly() => new(OciErrorKind.NotSupported, $"{Description} is read-only: write to an OCI layout (oci:DIR) or a registry instead.");

    private ManifestContent Find(string reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return _images.Count == 1
                ? _images[0].Manifest
                : throw new OciException(OciErrorKind.InvalidInput, $"{Description} holds {_images.Count} images; name one as docker-archive:FILE:NAME:TAG or docker-archive:FILE:@N.");
        }

        if (reference.StartsWith('@') && int.TryParse(reference.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n < _images.Count ? _images[n].Manifest : throw new OciException(OciErrorKind.NotFound, $"{Description} has no image @{n} ({_images.Count} images).");
        }

        if (Digest.TryParse(reference, out var digest, out _))
        {
            return _images.FirstOrDefault(i => i.Manifest.Digest == digest).Manifest
                ?? throw new OciException(OciErrorKind.NotFound, $"{Description} has no image {digest}.");
        }

        var wanted = ImageReference.TryParse(reference, out var parsed, out _) ? parsed.ToString() : reference;
        foreach (var (tags, manifest) in _images)
        {
            if (tags.Any(t => t == reference || (ImageReference.TryParse(t, out var tag, out _) && tag.ToString() == wanted)))
            {
                return manifest;
            }
        }

        throw new OciException(OciErrorKind.NotFound, $"{Description} has no image tagged '{reference}' (tags: {string.Join(", ", _images.SelectMany(i => i.Tags))}).");
    }

    private async Task LoadManifestAsync(CancellationToken cancellationToken)
    {
        if (!_files.ContainsKey("manifest.json"))
        {
            throw new OciException(OciErrorKind.InvalidInput, $"{Description} has no manifest.json: not a docker-archive (for an OCI layout use oci:DIR).");
        }

        var manifestBytes = await ReadFileAsync("manifest.json", cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(manifestBytes);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new OciException(OciErrorKind.Protocol, $"{Description}: manifest.json is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: manifest.json is not an array.");
            }

            var i = 0;
            foreach (var image in document.RootElement.EnumerateArray())
            {
                var where = $"{Description}: manifest.json[{i++}]";
                if (image.ValueKind != JsonValueKind.Object)
                {
                    throw new OciException(OciErrorKind.Protocol, $"{where} is {image.ValueKind.ToString().ToLowerInvariant()}, not an object with Config and Layers.");
                }

                await LoadImageAsync(image, where, cancellationToken);
            }
        }

        if (_images.Count == 0)
        {
            throw new OciException(OciErrorKind.InvalidInput, $"{Description}: manifest.json lists no image.");
        }
    }

    private async Task LoadImageAsync(JsonElement image, string where, CancellationToken cancellationToken)
    {
        var configPath = image.TryGetProperty("Config", out var c) && c.ValueKind == JsonValueKind.String ? ArchivePathOf(c.GetString()!) : null;
        if (configPath is null || !_files.TryGetValue(configPath, out var configLocation))
        {
            throw new OciException(OciErrorKind.Protocol, $"{where}: Config names no file in the archive.");
        }

        var configBytes = await ReadFileAsync(configPath, cancellationToken);
        var configDigest = Digest.Compute(configBytes);
        _blobs[configDigest] = configLocation;
        var diffIds = new List<Digest>();
        try
        {
            using var config = JsonDocument.Parse(configBytes);
            if (config.RootElement.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
            {
                diffIds.AddRange(ids.EnumerateArray().Select(id => Digest.TryParse(id.GetString(), out var d, out _) ? d : null).OfType<Digest>());
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new OciException(OciErrorKind.Protocol, $"{where}: the config {configPath} is not valid JSON ({ex.Message}).", ex);
        }

        var layers = new JsonArray();
        var index = 0;
        foreach (var layer in image.TryGetProperty("Layers", out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray() : default)
        {
            var layerPath = layer.ValueKind == JsonValueKind.String ? ArchivePathOf(layer.GetString()!) : null;
            if (layerPath is null || !_files.TryGetValue(layerPath, out var location))
            {
                throw new OciException(OciErrorKind.Protocol, $"{where}: layer {index} names no file in the archive.");
            }

            var digest = BlobDigestOf(layerPath)
                ?? (index < diffIds.Count ? diffIds[index] : throw new OciException(OciErrorKind.Protocol, $"{where}: layer {index} has no diff ID in the config."));
            _blobs[digest] = location;
            var mediaType = await LayerMediaTypeAsync(location, cancellationToken);
            layers.Add((JsonNode)new OciDescriptor(mediaType, digest, location.Size).ToJson());
            index++;
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.DockerManifest,
            ["config"] = new OciDescriptor(OciMediaTypes.DockerConfig, configDigest, configBytes.LongLength).ToJson(),
            ["layers"] = layers,
        };
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var tags = image.TryGetProperty("RepoTags", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        _images.Add((tags, new ManifestContent(bytes, OciMediaTypes.DockerManifest, Digest.Compute(bytes))));
    }

    private async Task<string> LayerMediaTypeAsync((long Offset, long Size) location, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        await using var file = OpenArchive(ArchivePath);
        file.Seek(location.Offset, SeekOrigin.Begin);
        var read = await file.ReadAtLeastAsync(head, (int)Math.Min(4, location.Size), throwOnEndOfStream: false, cancellationToken);
        if (read >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return OciMediaTypes.DockerLayerGzip;
        }

        return read >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd ? OciMediaTypes.LayerTarZstd : OciMediaTypes.DockerLayerTar;
    }

    private async Task<byte[]> ReadFileAsync(string name, CancellationToken cancellationToken)
    {
        var (offset, size) = _files[name];
        if (size > MaxJsonBytes)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: {name} is {size} bytes, more than the limit of {MaxJsonBytes}.");
        }

        await using var file = OpenArchive(ArchivePath);
        file.Seek(offset, SeekOrigin.Begin);
        var bytes = new byte[size];
        await file.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    private static Digest? BlobDigestOf(string path)
    {
        var parts = path.Split('/');
        return parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse($"{parts[1]}:{parts[2]}", out var digest, out _) ? digest : null;
    }

    /// <summary>A tar member name made relative and normalised, or null when it leaves the archive (<c>..</c>).</summary>
    private static string? ArchivePathOf(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>Opens the archive; a FIFO or device in its place is an <see cref="OciException"/>, not a wait.</summary>
    private static FileStream OpenArchive(string path)
    {
        try
        {
            return IO.InputFile.OpenRead(path, 4096, FileOptions.SequentialScan);
        }
        catch (IO.InputFileException ex)
        {
            throw new OciException(OciErrorKind.InvalidInput, ex.Message, ex);
        }
    }
}
