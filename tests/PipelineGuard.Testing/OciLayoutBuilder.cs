using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Testing;

/// <summary>One entry of a test layer: a file (with content), a directory (no content) or a symbolic link.</summary>
public sealed record LayerEntry(string Path, byte[]? Content = null, string? LinkTarget = null, int Mode = 420)
{
    /// <summary>A regular file with UTF-8 text.</summary>
    public static LayerEntry File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    /// <summary>A directory.</summary>
    public static LayerEntry Directory(string path) => new(path, Mode: 493);

    /// <summary>A symbolic link.</summary>
    public static LayerEntry Symlink(string path, string target) => new(path, LinkTarget: target);

    /// <summary>A whiteout that deletes <paramref name="path"/> from lower layers.</summary>
    public static LayerEntry Whiteout(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(path)?.Replace('\\', '/');
        var name = ".wh." + System.IO.Path.GetFileName(path);
        return new(string.IsNullOrEmpty(dir) ? name : $"{dir}/{name}", []);
    }

    /// <summary>An opaque-directory marker: lower layers' contents of <paramref name="directory"/> are hidden.</summary>
    public static LayerEntry OpaqueDirectory(string directory) => new($"{directory.TrimEnd('/')}/.wh..wh..opq", []);
}

/// <summary>A descriptor as OCI writes it.</summary>
public sealed record OciDescriptor(string MediaType, string Digest, long Size, byte[] Bytes);

/// <summary>What <see cref="OciLayoutBuilder.Write"/> produced.</summary>
public sealed record OciLayoutImage(string Directory, string Tag, OciDescriptor Manifest, OciDescriptor Config, IReadOnlyList<OciDescriptor> Layers)
{
    /// <summary>The reference skopeo and PipelineGuard use for it: <c>oci:DIR:TAG</c>.</summary>
    public string Reference => $"oci:{Directory}:{Tag}";
}

/// <summary>
/// Writes small OCI image layouts for tests: layers from in-memory files (gzip or plain tar), a config,
/// a manifest, and an index naming it by tag. Several platforms make an image index.
/// </summary>
public sealed class OciLayoutBuilder
{
    /// <summary>OCI media types used by the builder.</summary>
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The OCI image index media type.</summary>
    public const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    /// <summary>The OCI image config media type.</summary>
    public const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";

    private readonly List<(IReadOnlyList<LayerEntry> Entries, bool Gzip)> _layers = [];
    private string _os = "linux";
    private string _architecture = "amd64";
    private DateTimeOffset _created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Dictionary<string, string> _labels = [];
    private readonly List<string> _env = [];
    private readonly List<(string CreatedBy, bool EmptyLayer)> _history = [];

    /// <summary>Adds a gzip-compressed layer (the usual case).</summary>
    public OciLayoutBuilder AddLayer(params LayerEntry[] entries)
    {
        _layers.Add((entries, true));
        return this;
    }

    /// <summary>Adds an uncompressed tar layer.</summary>
    public OciLayoutBuilder AddUncompressedLayer(params LayerEntry[] entries)
    {
        _layers.Add((entries, false));
        return this;
    }

    /// <summary>Sets the platform recorded in the config.</summary>
    public OciLayoutBuilder WithPlatform(string os, string architecture)
    {
        _os = os;
        _architecture = architecture;
        return this;
    }

    /// <summary>Sets the config's <c>created</c> time.</summary>
    public OciLayoutBuilder WithCreated(DateTimeOffset created)
    {
        _created = created;
        return this;
    }

    /// <summary>Adds a config <c>Env</c> entry (<c>NAME=value</c>).</summary>
    public OciLayoutBuilder WithEnv(string entry)
    {
        _env.Add(entry);
        return this;
    }

    /// <summary>Adds a config <c>history</c> entry; those without <paramref name="emptyLayer"/> pair with the layers in order.</summary>
    public OciLayoutBuilder WithHistory(string createdBy, bool emptyLayer = false)
    {
        _history.Add((createdBy, emptyLayer));
        return this;
    }

    /// <summary>Adds a config label.</summary>
    public OciLayoutBuilder WithLabel(string key, string value)
    {
        _labels[key] = value;
        return this;
    }

    /// <summary>Writes the image into the layout at <paramref name="directory"/> (created or extended) under <paramref name="tag"/>.</summary>
    public OciLayoutImage Write(string directory, string tag = "latest")
    {
        var (manifest, config, layers) = WriteBlobs(directory);
        AddToIndex(directory, manifest, tag, platform: null);
        return new OciLayoutImage(directory, tag, manifest, config, layers);
    }

    /// <summary>Writes an image index of several platform images under <paramref name="tag"/>.</summary>
    public static OciDescriptor WriteIndex(string directory, string tag, params OciLayoutBuilder[] platforms)
    {
        var manifests = new JsonArray();
        foreach (var builder in platforms)
        {
            var (manifest, _, _) = builder.WriteBlobs(directory);
            manifests.Add(new JsonObject
            {
                ["mediaType"] = manifest.MediaType,
                ["digest"] = manifest.Digest,
                ["size"] = manifest.Size,
                ["platform"] = new JsonObject { ["architecture"] = builder._architecture, ["os"] = builder._os },
            });
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = IndexMediaType, ["manifests"] = manifests };
        var descriptor = WriteBlob(directory, IndexMediaType, Encoding.UTF8.GetBytes(index.ToJsonString()));
        AddToIndex(directory, descriptor, tag, platform: null);
        return descriptor;
    }

    private (OciDescriptor Manifest, OciDescriptor Config, List<OciDescriptor> Layers) WriteBlobs(string directory)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        System.IO.File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");

        var layers = new List<OciDescriptor>();
        var diffIds = new JsonArray();
        foreach (var (entries, gzip) in _layers)
        {
            var tar = BuildTar(entries);
            diffIds.Add("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)));
            var bytes = gzip ? Gzip(tar) : tar;
            var mediaType = gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar";
            layers.Add(WriteBlob(directory, mediaType, bytes));
        }

        var configJson = new JsonObject
        {
            ["created"] = _created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["architecture"] = _architecture,
            ["os"] = _os,
            ["config"] = new JsonObject { ["Labels"] = new JsonObject(_labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))) },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        if (_env.Count > 0)
        {
            configJson["config"]!["Env"] = new JsonArray([.. _env.Select(e => (JsonNode?)e)]);
        }

        if (_history.Count > 0)
        {
            configJson["history"] = new JsonArray([.. _history.Select(h => (JsonNode?)(h.EmptyLayer ? new JsonObject { ["created_by"] = h.CreatedBy, ["empty_layer"] = true } : new JsonObject { ["created_by"] = h.CreatedBy }))]);
        }

        var config = WriteBlob(directory, ConfigMediaType, Encoding.UTF8.GetBytes(configJson.ToJsonString()));

        var manifestJson = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor(config),
            ["layers"] = new JsonArray(layers.Select(l => (JsonNode)Descriptor(l)).ToArray()),
        };
        var manifest = WriteBlob(directory, ManifestMediaType, Encoding.UTF8.GetBytes(manifestJson.ToJsonString()));
        return (manifest, config, layers);
    }

    private static JsonObject Descriptor(OciDescriptor descriptor) => new()
    {
        ["mediaType"] = descriptor.MediaType,
        ["digest"] = descriptor.Digest,
        ["size"] = descriptor.Size,
    };

    private static OciDescriptor WriteBlob(string directory, string mediaType, byte[] bytes)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = Path.Combine(directory, "blobs", "sha256", hex);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return new OciDescriptor(mediaType, "sha256:" + hex, bytes.LongLength, bytes);
    }

    private static void AddToIndex(string directory, OciDescriptor descriptor, string tag, JsonObject? platform)
    {
        var indexPath = Path.Combine(directory, "index.json");
        var index = System.IO.File.Exists(indexPath)
            ? JsonNode.Parse(System.IO.File.ReadAllText(indexPath))!.AsObject()
            : new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = IndexMediaType, ["manifests"] = new JsonArray() };
        var manifests = index["manifests"]!.AsArray();
        foreach (var existing in manifests.ToList())
        {
            if (existing?["annotations"]?["org.opencontainers.image.ref.name"]?.GetValue<string>() == tag)
            {
                manifests.Remove(existing);
            }
        }

        var entry = Descriptor(descriptor);
        entry["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        if (platform is not null)
        {
            entry["platform"] = platform;
        }

        manifests.Add(entry);
        System.IO.File.WriteAllText(indexPath, index.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>A tar archive of <paramref name="entries"/>, deterministic (fixed times and owners).</summary>
    public static byte[] BuildTar(IEnumerable<LayerEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var item in entries)
            {
                TarEntry entry;
                if (item.LinkTarget is not null)
                {
                    entry = new PaxTarEntry(TarEntryType.SymbolicLink, item.Path) { LinkName = item.LinkTarget };
                }
                else if (item.Content is null)
                {
                    entry = new PaxTarEntry(TarEntryType.Directory, item.Path.TrimEnd('/') + "/");
                }
                else
                {
                    entry = new PaxTarEntry(TarEntryType.RegularFile, item.Path) { DataStream = new MemoryStream(item.Content) };
                }

                entry.Mode = (UnixFileMode)item.Mode;
                entry.ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                writer.WriteEntry(entry);
            }
        }

        return stream.ToArray();
    }

    /// <summary>gzip of <paramref name="data"/>.</summary>
    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
