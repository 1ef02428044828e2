using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>What <see cref="ImageSbomGenerator"/> needs: the image, and how to reach and read it.</summary>
public sealed record ImageSbomOptions
{
    /// <summary>The image: a registry reference, <c>oci:DIR[:TAG]</c> or <c>docker-archive:FILE[:REF]</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The platform to pick from an index; null means linux/amd64 (or the only image).</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>Registry transport, credentials, timeouts and retries.</summary>
    public RegistryClientOptions Registry { get; init; } = new();

    /// <summary>Limits on layers, decompression and package databases.</summary>
    public ImageScanLimits Limits { get; init; } = new();

    /// <summary>SOURCE_DATE_EPOCH: when set, the timestamp and serial number are reproducible.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>Receives each layer's progress (bytes of the blob read), for a progress display; null for none.</summary>
    public IProgress<ImageScanProgress>? Progress { get; init; }
}

/// <summary>The SBOM of an image, or the diagnostics saying why there is none.</summary>
public sealed record ImageSbomResult(SbomDocument? Document, ImageCatalog? Catalog, IReadOnlyList<SbomDiagnostic> Diagnostics)
{
    /// <summary>Whether a document was made.</summary>
    public bool Succeeded => Document is not null;

    /// <summary>Whether the failure was the caller's input (a malformed image name), not the image or the registry.</summary>
    public bool IsUsageError { get; init; }
}
