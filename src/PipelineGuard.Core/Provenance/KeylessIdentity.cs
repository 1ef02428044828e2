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

    /// <summary>Whether transparency-log evidence is neither required nor checked (cosign's <c>--insecure-ignore-tlog</c>; front-end flags only, never the policy file).</summary>
    public bool InsecureIgnoreTlog { get; init; }

    /// <summary>Whether the certificate needs no embedded SCT (cosign's <c>--insecure-ignore-sct</c>; front-end flags only, never the policy file).</summary>
    public bool InsecureIgnoreSct { get; init; }

    /// <summary>The preset this identity comes from (<c>chainguard</c>, <c>distroless</c>), or null.</summary>
    public string? Preset { get; init; }

    /// <summary>The name evidence refers to: <c>preset NAME</c>, or the identity and issuer as written.</summary>
    public string Name => Preset is { } preset
        ? $"preset {preset}"
        : $"{Subject ?? $"/{SubjectRegExp}/"} from {Issuer ?? $"/{IssuerRegExp}/"}";

    /// <summary>The command-line form of this identity (what <c>verify --certificate-identity ...</c> would be given).</summary>
    public CertificateVerificationOptions ToVerificationOptions(string? trustedRootPath) =>
        new(Subject, SubjectRegExp, Issuer, IssuerRegExp, GitHub, trustedRootPath, InsecureIgnoreTlog, InsecureIgnoreSct);

    /// <summary>
    /// The identity a front end's flags or settings give (cosign's identity flags as <paramref name="settings"/>, the
    /// trusted root path as given): null with no error when none is set; the error when the identity is incomplete (an
    /// issuer without a subject, a bad pattern) or when a trusted root or an <c>--insecure-*</c> switch is set without one.
    /// </summary>
    public static (KeylessIdentity? Identity, string? Error) FromSettings(CertificateVerificationOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HasIdentity)
        {
            return settings.TrustedRootPath is not null || settings.InsecureIgnoreTlog || settings.InsecureIgnoreSct
                ? (null, "--trusted-root, --insecure-ignore-tlog and --insecure-ignore-sct apply to a keyless identity: give --certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp] too")
                : (null, null);
        }

        var policy = CertificateIdentityPolicy.Create(settings.Identity, settings.IdentityRegExp, settings.OidcIssuer, settings.OidcIssuerRegExp, settings.GitHub);
        if (!policy.Succeeded)
        {
            return (null, policy.Error);
        }

        return (new KeylessIdentity
        {
            Subject = settings.Identity,
            SubjectRegExp = settings.IdentityRegExp,
            Issuer = settings.OidcIssuer,
            IssuerRegExp = settings.OidcIssuerRegExp,
            GitHub = settings.GitHub ?? GitHubWorkflowClaims.None,
            TrustedRoot = settings.TrustedRootPath,
            InsecureIgnoreTlog = settings.InsecureIgnoreTlog,
            InsecureIgnoreSct = settings.InsecureIgnoreSct,
        }, null);
    }
}
