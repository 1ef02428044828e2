using System.IO.Compression;
using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>Opens a layer blob as a tar stream: gzip, zstd or uncompressed, chosen by the content's magic number (the media type must agree).</summary>
public static class LayerDecompression
{
    private const int BufferSize = 128 * 1024;

    /// <summary>
    /// A decompressing stream over <paramref name="blob"/> (which it owns). Throws <see cref="OciException"/> when the
    /// media type promises a compression the content does not have.
    /// </summary>
    public static async Task<Stream> OpenAsync(Stream blob, string mediaType, CancellationToken cancellationToken = default)
    {
        var buffered = new BufferedStream(blob, BufferSize);
        var head = new byte[4];
        var read = await buffered.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var source = new PrefixedStream(head, read, buffered);
        var gzip = read >= 2 && head[0] == 0x1f && head[1] == 0x8b;
        var zstd = read >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd;
        if ((mediaType.EndsWith("gzip", StringComparison.Ordinal) && !gzip) || (mediaType.EndsWith("zstd", StringComparison.Ordinal) && !zstd))
        {
            await source.DisposeAsync();
            throw new OciException(OciErrorKind.Protocol, $"layer of media type {mediaType} does not start with the matching compression header.");
        }

        Stream decompressed = gzip ? new GZipStream(source, CompressionMode.Decompress)
            : zstd ? new ZstdSharp.DecompressionStream(source)
            : source;
        return new BufferedStream(decompressed, BufferSize);
    }
}
