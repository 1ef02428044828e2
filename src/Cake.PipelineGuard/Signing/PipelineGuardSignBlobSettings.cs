using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>Settings for <c>PipelineGuardSignBlob</c>, cosign's <c>sign-blob</c>.</summary>
public sealed class PipelineGuardSignBlobSettings : PipelineGuardPrivateKeySettings
{
    /// <summary>Where to write the Sigstore bundle v0.3; by default <c>&lt;file&gt;.sigstore.json</c> beside the file.</summary>
    public FilePath? Bundle { get; set; }

    /// <summary>Write no bundle (only the signature in the result, and <see cref="OutputSignature"/> when set).</summary>
    public bool NoBundle { get; set; }

    /// <summary>Also write the base64 signature to this file.</summary>
    public FilePath? OutputSignature { get; set; }

    /// <summary>Sets <see cref="Bundle"/>.</summary>
    public PipelineGuardSignBlobSettings WithBundle(FilePath bundle)
    {
        Bundle = bundle;
        NoBundle = false;
        return this;
    }

    /// <summary>Sets <see cref="NoBundle"/>.</summary>
    public PipelineGuardSignBlobSettings WithNoBundle(bool noBundle = true)
    {
        NoBundle = noBundle;
        return this;
    }

    /// <summary>Sets <see cref="OutputSignature"/>.</summary>
    public PipelineGuardSignBlobSettings WithOutputSignature(FilePath signature)
    {
        OutputSignature = signature;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardAttestBlob</c>, cosign's <c>attest-blob</c>.</summary>
public sealed class PipelineGuardAttestBlobSettings : PipelineGuardPrivateKeySettings
{
    /// <summary>The predicate JSON file (for example an SBOM or SLSA provenance).</summary>
    public FilePath? Predicate { get; set; }

    /// <summary>The predicate type: <c>slsaprovenance1</c>, <c>cyclonedx</c>, <c>spdxjson</c>, <c>custom</c>... or a URI.</summary>
    public string Type { get; set; } = "custom";

    /// <summary>Where to write the bundle; by default <c>&lt;file&gt;.att.sigstore.json</c> beside the file.</summary>
    public FilePath? Bundle { get; set; }

    /// <summary>Sets <see cref="Predicate"/> and <see cref="Type"/>.</summary>
    public PipelineGuardAttestBlobSettings WithPredicate(FilePath predicate, string type)
    {
        Predicate = predicate;
        Type = type;
        return this;
    }

    /// <summary>Sets <see cref="Bundle"/>.</summary>
    public PipelineGuardAttestBlobSettings WithBundle(FilePath bundle)
    {
        Bundle = bundle;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardGenerateKeyPair</c>, cosign's <c>generate-key-pair</c>.</summary>
public sealed class PipelineGuardGenerateKeyPairSettings : PipelineGuardSettings
{
    /// <summary>The password to encrypt the private key with; null reads <c>PIPELINEGUARD_PASSWORD</c>, then <c>COSIGN_PASSWORD</c>. Never logged.</summary>
    public string? KeyPassword { get; set; }

    /// <summary>Replace existing key files instead of failing.</summary>
    public bool Overwrite { get; set; }

    /// <summary>Sets <see cref="KeyPassword"/>.</summary>
    public PipelineGuardGenerateKeyPairSettings WithKeyPassword(string password)
    {
        KeyPassword = password;
        return this;
    }

    /// <summary>Sets <see cref="Overwrite"/>.</summary>
    public PipelineGuardGenerateKeyPairSettings WithOverwrite(bool overwrite = true)
    {
        Overwrite = overwrite;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"PipelineGuardGenerateKeyPairSettings {{ Overwrite = {Overwrite}, KeyPassword = {(KeyPassword is null ? "(unset)" : "***")} }}";
}
