namespace PipelineGuard.Oci;

/// <summary>The OCI and Docker media types PipelineGuard reads and writes.</summary>
public static class OciMediaTypes
{
    /// <summary>OCI image manifest.</summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index.</summary>
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image config.</summary>
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>OCI empty descriptor (artifacts without a config).</summary>
    public const string Empty = "application/vnd.oci.empty.v1+json";

    /// <summary>Docker image manifest v2 schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Docker manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker image config.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>OCI uncompressed layer.</summary>
    public const string LayerTar = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>OCI gzip layer.</summary>
    public const string LayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>OCI zstd layer.</summary>
    public const string LayerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>Docker gzip layer.</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>Docker uncompressed layer (docker save).</summary>
    public const string DockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary>What a manifest GET accepts.</summary>
    public static readonly IReadOnlyList<string> ManifestAccept = [ImageManifest, ImageIndex, DockerManifest, DockerManifestList];

    /// <summary>Whether <paramref name="mediaType"/> is an index or manifest list.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is ImageIndex or DockerManifestList;

    /// <summary>Whether <paramref name="mediaType"/> is a single-image manifest.</summary>
    public static bool IsManifest(string? mediaType) => mediaType is ImageManifest or DockerManifest;
}
