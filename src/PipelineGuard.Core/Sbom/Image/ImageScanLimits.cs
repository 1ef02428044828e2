using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>Limits for reading an image's layers; exceeding one stops the scan with a clear <see cref="OciException"/> (<see cref="OciErrorKind.LimitExceeded"/>).</summary>
public sealed record ImageScanLimits
{
    /// <summary>The most layers an image may have (default 512).</summary>
    public int MaxLayers { get; init; } = 512;

    /// <summary>The most uncompressed bytes of one layer (default 32 GiB).</summary>
    public long MaxLayerUncompressedBytes { get; init; } = 32L * 1024 * 1024 * 1024;

    /// <summary>
    /// The largest ratio of uncompressed to compressed layer size (default 250, plus 64 MiB of slack): beyond it a layer is
    /// treated as a decompression bomb.
    /// </summary>
    public int MaxCompressionRatio { get; init; } = 250;

    /// <summary>The most entries in one layer (default 2,000,000).</summary>
    public long MaxEntriesPerLayer { get; init; } = 2_000_000;

    /// <summary>The largest PAX or GNU long-name header (default 1 MiB).</summary>
    public int MaxTarHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>The largest package database or <c>deps.json</c> read into memory (default 64 MiB).</summary>
    public long MaxCatalogFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most bytes of package databases kept in memory at once (default 256 MiB).</summary>
    public long MaxCatalogBytesTotal { get; init; } = 256L * 1024 * 1024;

    /// <summary>The largest image config (default 8 MiB).</summary>
    public long MaxConfigBytes { get; init; } = 8L * 1024 * 1024;

    internal TarLimits TarLimitsFor(long compressedSize)
    {
        var ratioLimit = compressedSize < 0 ? long.MaxValue : (compressedSize * MaxCompressionRatio) + (64L * 1024 * 1024);
        return new TarLimits
        {
            MaxHeaderBytes = MaxTarHeaderBytes,
            MaxEntries = MaxEntriesPerLayer,
            MaxUncompressedBytes = Math.Min(MaxLayerUncompressedBytes, ratioLimit),
        };
    }
}
