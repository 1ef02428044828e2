using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>One layer as scanned: its digest, media type, compressed size, and the entries and uncompressed bytes read.</summary>
public sealed record ImageLayerScan(Digest Digest, string MediaType, long Size, long Entries, long UncompressedBytes);

/// <summary>What the catalogers found in an image's final filesystem.</summary>
public sealed record ImageCatalog
{
    /// <summary>The image as named (<c>oci:DIR:TAG</c>, a registry reference, <c>docker-archive:FILE</c>).</summary>
    public required string Image { get; init; }

    /// <summary>The resolved image (index or manifest digest, chosen platform manifest, config).</summary>
    public required ResolvedImage Resolved { get; init; }

    /// <summary>The distribution, from <c>etc/os-release</c> (or <c>usr/lib/os-release</c>).</summary>
    public OsRelease? OperatingSystem { get; init; }

    /// <summary>Where os-release was read and the layer that wrote it.</summary>
    public (string Location, string LayerDigest)? OperatingSystemSource { get; init; }

    /// <summary>Packages, in a stable order (kind, name, version, location).</summary>
    public IReadOnlyList<ImagePackage> Packages { get; init; } = [];

    /// <summary>The layers as scanned, lowest first.</summary>
    public IReadOnlyList<ImageLayerScan> Layers { get; init; } = [];

    /// <summary>Warnings: unsafe entries refused, unreadable databases, unsupported databases.</summary>
    public IReadOnlyList<SbomDiagnostic> Diagnostics { get; init; } = [];
}
