namespace PipelineGuard.Provenance;

/// <summary>Stable identifiers of the provenance rules; the policy, SARIF and the docs use the same ids.</summary>
public static class ProvenanceRuleIds
{
    /// <summary>The base image's registry is not in <c>allowedRegistries</c>.</summary>
    public const string AllowedRegistry = "PG1001";

    /// <summary>The base image's repository is not in <c>allowedRepositories</c>.</summary>
    public const string AllowedRepository = "PG1002";

    /// <summary>The base image is not pinned by digest.</summary>
    public const string RequireDigest = "PG1003";

    /// <summary>The base image is on the deny list of images.</summary>
    public const string DeniedImage = "PG1004";

    /// <summary>The base image's tag is on the deny list of tags.</summary>
    public const string DeniedTag = "PG1005";

    /// <summary>The base image has no valid signature by a trusted key.</summary>
    public const string Signature = "PG1006";

    /// <summary>The base image lacks a required attestation, or its predicate fails the conditions.</summary>
    public const string Attestation = "PG1007";

    /// <summary>The base image is older than <c>maxAgeDays</c>.</summary>
    public const string MaxAge = "PG1008";

    /// <summary>A produced image has no valid signature by the release key.</summary>
    public const string ImageSignature = "PG2001";

    /// <summary>A produced image carries no SBOM attestation signed by the release key.</summary>
    public const string ImageSbomAttestation = "PG2002";
}
