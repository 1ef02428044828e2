using Cake.Core.IO;

namespace Cake.PipelineGuard;

/// <summary>Settings for <c>PipelineGuardVerifyBlob</c>, cosign's <c>verify-blob</c>: a public key and a bundle or a signature file.</summary>
public sealed class PipelineGuardVerifyBlobSettings : PipelineGuardSettings, IPipelineGuardKeylessSettings
{
    /// <inheritdoc />
    public PipelineGuardKeylessSettings Keyless { get; } = new();

    /// <summary>The public key (PEM), for a key-based signature; leave unset to verify keyless (<see cref="Keyless"/>).</summary>
    public FilePath? Key { get; set; }

    /// <summary>The Sigstore bundle; by default <c>&lt;file&gt;.sigstore.json</c> when <see cref="Signature"/> is not set.</summary>
    public FilePath? Bundle { get; set; }

    /// <summary>A file holding the base64 signature, instead of a bundle.</summary>
    public FilePath? Signature { get; set; }

    /// <summary>Sets <see cref="Key"/>.</summary>
    public PipelineGuardVerifyBlobSettings WithKey(FilePath publicKey)
    {
        Key = publicKey;
        return this;
    }

    /// <summary>Sets <see cref="Bundle"/>.</summary>
    public PipelineGuardVerifyBlobSettings WithBundle(FilePath bundle)
    {
        Bundle = bundle;
        return this;
    }

    /// <summary>Sets <see cref="Signature"/>.</summary>
    public PipelineGuardVerifyBlobSettings WithSignature(FilePath signature)
    {
        Signature = signature;
        return this;
    }
}

/// <summary>Settings for <c>PipelineGuardVerifyBlobAttestation</c>, cosign's <c>verify-blob-attestation</c>.</summary>
public sealed class PipelineGuardVerifyBlobAttestationSettings : PipelineGuardSettings, IPipelineGuardKeylessSettings
{
    /// <inheritdoc />
    public PipelineGuardKeylessSettings Keyless { get; } = new();

    /// <summary>The public key (PEM), for a key-based signature; leave unset to verify keyless (<see cref="Keyless"/>).</summary>
    public FilePath? Key { get; set; }

    /// <summary>The attestation bundle; by default <c>&lt;file&gt;.att.sigstore.json</c>.</summary>
    public FilePath? Bundle { get; set; }

    /// <summary>The required predicate type (short name or URI); null accepts any.</summary>
    public string? Type { get; set; }

    /// <summary>Sets <see cref="Key"/>.</summary>
    public PipelineGuardVerifyBlobAttestationSettings WithKey(FilePath publicKey)
    {
        Key = publicKey;
        return this;
    }

    /// <summary>Sets <see cref="Bundle"/>.</summary>
    public PipelineGuardVerifyBlobAttestationSettings WithBundle(FilePath bundle)
    {
        Bundle = bundle;
        return this;
    }

    /// <summary>Sets <see cref="Type"/>.</summary>
    public PipelineGuardVerifyBlobAttestationSettings WithType(string type)
    {
        Type = type;
        return this;
    }
}
