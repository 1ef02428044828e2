namespace PipelineGuard.Oci;

/// <summary>Limits applied while reading tar archives and layers; exceeding one throws <see cref="OciException"/> (<see cref="OciErrorKind.LimitExceeded"/>).</summary>
public sealed record TarLimits
{
    /// <summary>The largest PAX or GNU long-name header (default 1 MiB): bigger ones are an attack, not a file name.</summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>The most entries in one archive (default 2,000,000).</summary>
    public long MaxEntries { get; init; } = 2_000_000;

    /// <summary>The most uncompressed bytes in one archive or layer (default 64 GiB): stops decompression bombs.</summary>
    public long MaxUncompressedBytes { get; init; } = 64L * 1024 * 1024 * 1024;
}
