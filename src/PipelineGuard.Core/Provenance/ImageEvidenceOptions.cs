using PipelineGuard.Oci;

namespace PipelineGuard.Provenance;

/// <summary>How the evidence collector reaches images.</summary>
public sealed record ImageEvidenceOptions
{
    /// <summary>
    /// Registry client settings (timeouts, retries, credentials). <see cref="RegistryClientOptions.AllowHttp"/> is set per
    /// registry from <see cref="AllowHttp"/>. By default a check waits less than a push does: 30 s a request, 2 retries.
    /// </summary>
    public RegistryClientOptions Registry { get; init; } = new() { RequestTimeout = TimeSpan.FromSeconds(30), MaxRetries = 2 };

    /// <summary>Registry host patterns that may be reached over plain HTTP.</summary>
    public IReadOnlyList<string> AllowHttp { get; init; } = [];

    /// <summary>Image names (<c>registry/repository</c>) served from a local OCI layout folder instead of their registry.</summary>
    public IReadOnlyDictionary<string, string> Layouts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The platform chosen from an image index (default linux/amd64).</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>How Notation verification checks revocation; null (the default) checks online as Notation 1.3 does, with the CRL cache and the trust store's CRL files.</summary>
    public Signing.Revocation.IRevocationChecker? Revocation { get; init; }

    /// <summary>These options with plain HTTP allowed to every registry (cosign's <c>--allow-http-registry</c>) or not.</summary>
    public ImageEvidenceOptions WithAllowHttpRegistry(bool allow) => this with { Registry = Registry with { AllowHttp = allow } };
}
