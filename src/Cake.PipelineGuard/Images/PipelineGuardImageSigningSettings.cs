using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>Settings for <c>PipelineGuardSignImage</c>, cosign's <c>sign</c>: the signature is stored beside the image as <c>sha256-&lt;hex&gt;.sig</c>.</summary>
public sealed class PipelineGuardSignImageSettings : PipelineGuardPrivateKeySettings, IPipelineGuardRegistrySettings
{
    /// <summary>Annotations signed into the payload (cosign's <c>-a k=v</c>).</summary>
    public IDictionary<string, string> Annotations { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool AllowHttpRegistry { get; set; }

    /// <inheritdoc />
    public string? RegistryUserName { get; set; }

    /// <inheritdoc />
    public string? RegistryPassword { get; set; }

    /// <summary>Adds an annotation.</summary>
    public PipelineGuardSignImageSettings WithAnnotation(string key, string value)
    {
        Annotations[key] = value;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardAttestImage</c>, cosign's <c>attest</c>: the attestation is stored beside the image as <c>sha256-&lt;hex&gt;.att</c>.</summary>
public sealed class PipelineGuardAttestImageSettings : PipelineGuardPrivateKeySettings, IPipelineGuardRegistrySettings
{
    /// <summary>The predicate JSON file (for example SLSA provenance or an SBOM).</summary>
    public FilePath? Predicate { get; set; }

    /// <summary>The predicate type: <c>slsaprovenance1</c>, <c>cyclonedx</c>, <c>spdxjson</c>, <c>custom</c>... or a URI.</summary>
    public string Type { get; set; } = "custom";

    /// <inheritdoc />
    public bool AllowHttpRegistry { get; set; }

    /// <inheritdoc />
    public string? RegistryUserName { get; set; }

    /// <inheritdoc />
    public string? RegistryPassword { get; set; }

    /// <summary>Sets <see cref="Predicate"/> and <see cref="Type"/>.</summary>
    public PipelineGuardAttestImageSettings WithPredicate(FilePath predicate, string type)
    {
        Predicate = predicate;
        Type = type;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardVerifyImage</c>, cosign's <c>verify</c>: passes only when every image has a valid signature by one of the keys, or keyless by the identity.</summary>
public sealed class PipelineGuardVerifyImageSettings : PipelineGuardSettings, IPipelineGuardRegistrySettings, IPipelineGuardKeylessSettings
{
    /// <inheritdoc />
    public PipelineGuardKeylessSettings Keyless { get; } = new();

    /// <summary>Public keys (PEM); a signature by any of them counts.</summary>
    public IList<FilePath> Keys { get; } = [];

    /// <summary>Annotations every accepted signature must carry.</summary>
    public IDictionary<string, string> Annotations { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How many images are verified at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <inheritdoc />
    public bool AllowHttpRegistry { get; set; }

    /// <inheritdoc />
    public string? RegistryUserName { get; set; }

    /// <inheritdoc />
    public string? RegistryPassword { get; set; }

    /// <summary>Adds a public key.</summary>
    public PipelineGuardVerifyImageSettings WithKey(FilePath publicKey)
    {
        Keys.Add(publicKey);
        return this;
    }

    /// <summary>Requires an annotation.</summary>
    public PipelineGuardVerifyImageSettings WithAnnotation(string key, string value)
    {
        Annotations[key] = value;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardVerifyAttestation</c>, cosign's <c>verify-attestation</c>.</summary>
public sealed class PipelineGuardVerifyAttestationSettings : PipelineGuardSettings, IPipelineGuardRegistrySettings, IPipelineGuardKeylessSettings
{
    /// <inheritdoc />
    public PipelineGuardKeylessSettings Keyless { get; } = new();

    /// <summary>Public keys (PEM); an attestation by any of them counts.</summary>
    public IList<FilePath> Keys { get; } = [];

    /// <summary>The predicate type required (short name or URI), or null for any.</summary>
    public string? Type { get; set; }

    /// <summary>How many images are verified at once.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <inheritdoc />
    public bool AllowHttpRegistry { get; set; }

    /// <inheritdoc />
    public string? RegistryUserName { get; set; }

    /// <inheritdoc />
    public string? RegistryPassword { get; set; }

    /// <summary>Adds a public key.</summary>
    public PipelineGuardVerifyAttestationSettings WithKey(FilePath publicKey)
    {
        Keys.Add(publicKey);
        return this;
    }

    /// <summary>Sets <see cref="Type"/>.</summary>
    public PipelineGuardVerifyAttestationSettings WithType(string type)
    {
        Type = type;
        return this;
    }
}
