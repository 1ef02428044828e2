using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Provenance;

/// <summary>
/// A keyless signer the policy trusts, as cosign's identity flags name one: the OIDC issuer (exact or pattern), the
/// certificate identity (exact or pattern), optional GitHub workflow claims, and an optional <c>trusted_root.json</c>
/// (the embedded public-good root when null). Identities from a preset carry its name.
/// </summary>
public sealed record KeylessIdentity
{
    /// <summary>The exact OIDC issuer, or null with <see cref="IssuerRegExp"/>.</summary>
    public string? Issuer { get; init; }

    /// <summary>A pattern the OIDC issuer must match, or null.</summary>
    public string? IssuerRegExp { get; init; }

    /// <summary>The exact certificate identity (SAN), or null with <see cref="SubjectRegExp"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>A pattern the certificate identity must match, or null.</summary>
    public string? SubjectRegExp { get; init; }

    /// <summary>GitHub workflow claims that must match; null members are not checked.</summary>
    public GitHubWorkflowClaims GitHub { get; init; } = GitHubWorkflowClaims.None;

    /// <summary>A <c>trusted_root.json</c> as written in the policy (relative to it), or null for the embedded public-good root.</summary>
    public string? TrustedRoot { get; init; }

    /// <summary>The preset this identity comes from (<c>chainguard</c>, <c>distroless</c>), or null.</summary>
    public string? Preset { get; init; }

    /// <summary>The name evidence refers to: <c>preset NAME</c>, or the identity and issuer as written.</summary>
    public string Name => Preset is { } preset
        ? $"preset {preset}"
        : $"{Subject ?? $"/{SubjectRegExp}/"} from {Issuer ?? $"/{IssuerRegExp}/"}";

    /// <summary>The command-line form of this identity (what <c>verify --certificate-identity ...</c> would be given).</summary>
    public CertificateVerificationOptions ToVerificationOptions(string? trustedRootPath) =>
        new(Subject, SubjectRegExp, Issuer, IssuerRegExp, GitHub, trustedRootPath);
}
