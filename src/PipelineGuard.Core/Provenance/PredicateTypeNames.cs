namespace PipelineGuard.Provenance;

/// <summary>Predicate types the provenance rules understand.</summary>
public static class PredicateTypeNames
{
    /// <summary>SLSA provenance v1.</summary>
    public const string SlsaV1 = "https://slsa.dev/provenance/v1";

    /// <summary>SLSA provenance v0.2.</summary>
    public const string SlsaV02 = "https://slsa.dev/provenance/v0.2";

    /// <summary>A CycloneDX SBOM.</summary>
    public const string CycloneDx = "https://cyclonedx.org/bom";

    /// <summary>An SPDX SBOM.</summary>
    public const string Spdx = "https://spdx.dev/Document";
}
