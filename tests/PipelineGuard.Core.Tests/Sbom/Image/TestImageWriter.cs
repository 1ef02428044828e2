using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using OciDescriptor = PipelineGuard.Oci.OciDescriptor;

namespace PipelineGuard.Core.Tests.Sbom.Image;

internal enum LayerCompression
{
    Gzip,
    None,
    Zstd,
}

/// <summary>Writes test images into OCI layouts through <see cref="OciLayoutStore"/>, with gzip, zstd or plain layers, or raw layer bytes.</summary>
internal sealed class TestImageWriter
{
    private readonly List<(byte[] Bytes, string MediaType, byte[] DiffSource)> _layers = [];

    public TestImageWriter Layer(LayerCompression compression, params LayerEntry[] entries)
        => RawLayer(OciLayoutBuilder.BuildTar(entries), compression);

    public TestImageWriter RawLayer(byte[] tar, LayerCompression compression)
    {
        var (bytes, mediaType) = compression switch
        {
            LayerCompression.Gzip => (OciLayoutBuilder.Gzip(tar), OciMediaTypes.LayerTarGzip),
            LayerCompression.Zstd => (Zstd(tar), OciMediaTypes.LayerTarZstd),
            _ => (tar, OciMediaTypes.LayerTar),
        };
        _layers.Add((bytes, mediaType, tar));
        return this;
    }

    /// <summary>A layer whose stored bytes are exactly <paramref name="bytes"/> (for truncated or hostile layers).</summary>
    public TestImageWriter StoredLayer(byte[] bytes, string mediaType)
    {
        _layers.Add((bytes, mediaType, bytes));
        return this;
    }

    public async Task<Digest> WriteAsync(string directory, string tag)
    {
        using var store = OciLayoutStore.OpenOrCreate(directory);
        var layers = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var (bytes, mediaType, diffSource) in _layers)
        {
            var digest = Digest.Compute(bytes);
            await store.PutBlobAsync(string.Empty, digest, new MemoryStream(bytes), bytes.Length);
            layers.Add(new OciDescriptor(mediaType, digest, bytes.Length).ToJson());
            diffIds.Add(Digest.Compute(diffSource).ToString());
        }

        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        }.ToJsonString());
        var configDigest = Digest.Compute(config);
        await store.PutBlobAsync(string.Empty, configDigest, new MemoryStream(config), config.Length);
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["config"] = new OciDescriptor(OciMediaTypes.ImageConfig, configDigest, config.Length).ToJson(),
            ["layers"] = layers,
        }.ToJsonString());
        return await store.PutManifestAsync(string.Empty, tag, manifest, OciMediaTypes.ImageManifest);
    }

    public static byte[] Zstd(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zstd = new ZstdSharp.CompressionStream(output, 3))
        {
            zstd.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
