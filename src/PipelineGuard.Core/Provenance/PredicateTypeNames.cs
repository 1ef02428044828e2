namespace PipelineGuard.Provenance;

/// <summary>Predicate types the provenance rules understand; the URIs and short names come from <see cref="Signing.PredicateTypes"/>, the one table.</summary>
public static class PredicateTypeNames
{
    /// <summary>SLSA provenance v1.</summary>
    public const string SlsaV1 = Signing.PredicateTypes.SlsaProvenanceV1;

    /// <summary>SLSA provenance v0.2.</summary>
    public const string SlsaV02 = Signing.PredicateTypes.SlsaProvenanceV02;

    /// <summary>A CycloneDX SBOM.</summary>
    public const string CycloneDx = Signing.PredicateTypes.CycloneDx;

    /// <summary>An SPDX SBOM.</summary>
    public const string Spdx = Signing.PredicateTypes.Spdx;
}
