using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>Settings for <c>PipelineGuardGate</c>: the whole gate from one policy file.</summary>
public sealed class PipelineGuardGateSettings : PipelineGuardSettings, IPipelineGuardNotationSettings
{
    /// <inheritdoc />
    public FilePath? TrustPolicy { get; set; }

    /// <inheritdoc />
    public DirectoryPath? TrustStore { get; set; }

    /// <inheritdoc />
    public string? TrustPolicyPreset { get; set; }

    /// <summary>Verifies base images' Notary Project signatures with a Notation trust policy and its trust store.</summary>
    public PipelineGuardGateSettings WithTrustPolicy(FilePath trustPolicy, DirectoryPath trustStore)
    {
        TrustPolicy = trustPolicy;
        TrustStore = trustStore;
        return this;
    }

    /// <summary>Verifies base images' Notary Project signatures with a built-in preset (<c>microsoft-dotnet</c>).</summary>
    public PipelineGuardGateSettings WithTrustPolicyPreset(string preset)
    {
        TrustPolicyPreset = preset;
        return this;
    }

    /// <summary>The policy file; by default <c>pipelineguard.yaml</c> in the gate's folder.</summary>
    public FilePath? Policy { get; set; }

    /// <summary>Where the reports (JSON, SARIF, Markdown, HTML) and the SBOM are written; <c>pipelineguard-report</c> in the working directory by default.</summary>
    public DirectoryPath? OutputDirectory { get; set; }

    /// <summary>Allow plain HTTP to registries (cosign's <c>--allow-http-registry</c>).</summary>
    public bool AllowHttpRegistry { get; set; }

    /// <summary>Sets <see cref="Policy"/>.</summary>
    public PipelineGuardGateSettings WithPolicy(FilePath policy)
    {
        Policy = policy;
        return this;
    }

    /// <summary>Sets <see cref="OutputDirectory"/>.</summary>
    public PipelineGuardGateSettings WithOutputDirectory(DirectoryPath directory)
    {
        OutputDirectory = directory;
        return this;
    }

    /// <summary>Sets <see cref="AllowHttpRegistry"/>.</summary>
    public PipelineGuardGateSettings WithAllowHttpRegistry(bool allow = true)
    {
        AllowHttpRegistry = allow;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardCheckBaseImages</c>: the base-image rules of a policy file.</summary>
public sealed class PipelineGuardCheckBaseImagesSettings : PipelineGuardSettings, IPipelineGuardNotationSettings
{
    /// <inheritdoc />
    public FilePath? TrustPolicy { get; set; }

    /// <inheritdoc />
    public DirectoryPath? TrustStore { get; set; }

    /// <inheritdoc />
    public string? TrustPolicyPreset { get; set; }

    /// <summary>Verifies base images' Notary Project signatures with a Notation trust policy and its trust store.</summary>
    public PipelineGuardCheckBaseImagesSettings WithTrustPolicy(FilePath trustPolicy, DirectoryPath trustStore)
    {
        TrustPolicy = trustPolicy;
        TrustStore = trustStore;
        return this;
    }

    /// <summary>Verifies base images' Notary Project signatures with a built-in preset (<c>microsoft-dotnet</c>).</summary>
    public PipelineGuardCheckBaseImagesSettings WithTrustPolicyPreset(string preset)
    {
        TrustPolicyPreset = preset;
        return this;
    }

    /// <summary>The policy file whose <c>baseImages</c> rules apply (required).</summary>
    public FilePath? Policy { get; set; }

    /// <summary>Allow plain HTTP to registries.</summary>
    public bool AllowHttpRegistry { get; set; }

    /// <summary>Sets <see cref="Policy"/>.</summary>
    public PipelineGuardCheckBaseImagesSettings WithPolicy(FilePath policy)
    {
        Policy = policy;
        return this;
    }

    /// <summary>Sets <see cref="AllowHttpRegistry"/>.</summary>
    public PipelineGuardCheckBaseImagesSettings WithAllowHttpRegistry(bool allow = true)
    {
        AllowHttpRegistry = allow;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardPin</c>: resolve <c>FROM</c> tags to digests.</summary>
public sealed class PipelineGuardPinSettings : PipelineGuardSettings, IPipelineGuardNotationSettings
{
    /// <inheritdoc />
    public FilePath? TrustPolicy { get; set; }

    /// <inheritdoc />
    public DirectoryPath? TrustStore { get; set; }

    /// <inheritdoc />
    public string? TrustPolicyPreset { get; set; }

    /// <summary>Verifies base images' Notary Project signatures with a Notation trust policy and its trust store.</summary>
    public PipelineGuardPinSettings WithTrustPolicy(FilePath trustPolicy, DirectoryPath trustStore)
    {
        TrustPolicy = trustPolicy;
        TrustStore = trustStore;
        return this;
    }

    /// <summary>Verifies base images' Notary Project signatures with a built-in preset (<c>microsoft-dotnet</c>).</summary>
    public PipelineGuardPinSettings WithTrustPolicyPreset(string preset)
    {
        TrustPolicyPreset = preset;
        return this;
    }

    /// <summary>Rewrite the Dockerfile in place (only the image text changes).</summary>
    public bool Write { get; set; }

    /// <summary>Only check: fail when a <c>FROM</c> image is not pinned by digest; nothing is resolved or written.</summary>
    public bool Check { get; set; }

    /// <summary>A policy file whose <c>registries</c> section maps images to OCI layouts; optional.</summary>
    public FilePath? Policy { get; set; }

    /// <summary>Allow plain HTTP to registries.</summary>
    public bool AllowHttpRegistry { get; set; }

    /// <summary>Sets <see cref="Write"/>.</summary>
    public PipelineGuardPinSettings WithWrite(bool write = true)
    {
        Write = write;
        return this;
    }

    /// <summary>Sets <see cref="Check"/>.</summary>
    public PipelineGuardPinSettings WithCheck(bool check = true)
    {
        Check = check;
        return this;
    }

    /// <summary>Sets <see cref="Policy"/>.</summary>
    public PipelineGuardPinSettings WithPolicy(FilePath policy)
    {
        Policy = policy;
        return this;
    }

    /// <summary>Sets <see cref="AllowHttpRegistry"/>.</summary>
    public PipelineGuardPinSettings WithAllowHttpRegistry(bool allow = true)
    {
        AllowHttpRegistry = allow;
        return this;
    }
}
