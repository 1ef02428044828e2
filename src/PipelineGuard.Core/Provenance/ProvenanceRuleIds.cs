namespace PipelineGuard.Provenance;

/// <summary>Stable identifiers of the provenance rules (base images PG3xxx, produced images PG2xxx); the policy, SARIF and the docs use the same ids, declared in <see cref="PipelineGuard.Findings.RuleRegistry"/>.</summary>
public static class ProvenanceRuleIds
{
    /// <summary>The base image's registry is not in <c>allowedRegistries</c>.</summary>
    public const string AllowedRegistry = "PG3001";

    /// <summary>The base image's repository is not in <c>allowedRepositories</c>.</summary>
    public const string AllowedRepository = "PG3002";

    /// <summary>The base image is not pinned by digest.</summary>
    public const string RequireDigest = "PG3003";

    /// <summary>The base image is on the deny list of images.</summary>
    public const string DeniedImage = "PG3004";

    /// <summary>The base image's tag is on the deny list of tags.</summary>
    public const string DeniedTag = "PG3005";

    /// <summary>The base image has no valid signature by a trusted key.</summary>
    public const string Signature = "PG3006";

    /// <summary>The base image lacks a required attestation, or its predicate fails the conditions.</summary>
    public const string Attestation = "PG3007";

    /// <summary>The base image is older than <c>maxAgeDays</c>.</summary>
    public const string MaxAge = "PG3008";

    /// <summary>A produced image has no valid signature by the release key.</summary>
    public const string ImageSignature = "PG2001";

    /// <summary>A produced image carries no SBOM attestation signed by the release key.</summary>
    public const string ImageSbomAttestation = "PG2002";
}
