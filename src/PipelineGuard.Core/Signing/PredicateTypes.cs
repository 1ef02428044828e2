namespace PipelineGuard.Signing;

/// <summary>cosign's <c>--type</c> short names and the predicateType URIs they stand for; any other URI stands for itself.</summary>
public static class PredicateTypes
{
    /// <summary>SLSA provenance v1.</summary>
    public const string SlsaProvenanceV1 = "https://slsa.dev/provenance/v1";

    /// <summary>SLSA provenance v0.2.</summary>
    public const string SlsaProvenanceV02 = "https://slsa.dev/provenance/v0.2";

    /// <summary>CycloneDX SBOM.</summary>
    public const string CycloneDx = "https://cyclonedx.org/bom";

    /// <summary>SPDX SBOM.</summary>
    public const string Spdx = "https://spdx.dev/Document";

    /// <summary>cosign's custom predicate.</summary>
    public const string Custom = "https://cosign.sigstore.dev/attestation/v1";

    private static readonly Dictionary<string, string> s_shortNames = new(StringComparer.Ordinal)
    {
        ["slsaprovenance"] = SlsaProvenanceV02,
        ["slsaprovenance02"] = SlsaProvenanceV02,
        ["slsaprovenance1"] = SlsaProvenanceV1,
        ["cyclonedx"] = CycloneDx,
        ["spdx"] = Spdx,
        ["spdxjson"] = Spdx,
        ["link"] = "https://in-toto.io/Link/v1",
        ["vuln"] = "https://cosign.sigstore.dev/attestation/vuln/v1",
        ["openvex"] = "https://openvex.dev/ns",
        ["custom"] = Custom,
    };

    /// <summary>The URI for a short name or URI; a failure for anything else.</summary>
    public static SigningResult<string> Resolve(string type)
    {
        if (s_shortNames.TryGetValue(type, out var uri))
        {
            return SigningResult<string>.Success(uri);
        }

        return Uri.TryCreate(type, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
            ? SigningResult<string>.Success(type)
            : SigningResult<string>.Failure($"--type '{type}' is neither a known predicate type ({string.Join(", ", s_shortNames.Keys)}) nor an absolute URI");
    }
}
