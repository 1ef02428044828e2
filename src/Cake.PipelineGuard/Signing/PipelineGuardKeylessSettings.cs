using Cake.Core;
using Cake.Core.IO;
using PipelineGuard.Signing.Keyless;

namespace Cake.PipelineGuard;

/// <summary>
/// Keyless (Sigstore) verification, with cosign's flag names: who must have signed (<c>--certificate-identity[-regexp]</c>,
/// <c>--certificate-oidc-issuer[-regexp]</c>, <c>--certificate-github-workflow-*</c>), the trust material
/// (<c>--trusted-root</c>; the embedded public-good root when unset) and the two insecure switches. A verify alias takes
/// exactly one of a public key and an identity.
/// </summary>
public sealed class PipelineGuardKeylessSettings
{
    /// <summary>The exact certificate identity (SAN: email or URI), cosign's <c>--certificate-identity</c>.</summary>
    public string? CertificateIdentity { get; set; }

    /// <summary>A regular expression the identity must match, cosign's <c>--certificate-identity-regexp</c>.</summary>
    public string? CertificateIdentityRegExp { get; set; }

    /// <summary>The exact OIDC issuer, cosign's <c>--certificate-oidc-issuer</c>.</summary>
    public string? CertificateOidcIssuer { get; set; }

    /// <summary>A regular expression the OIDC issuer must match, cosign's <c>--certificate-oidc-issuer-regexp</c>.</summary>
    public string? CertificateOidcIssuerRegExp { get; set; }

    /// <summary>The GitHub repository (owner/name) the signing workflow ran in.</summary>
    public string? GitHubWorkflowRepository { get; set; }

    /// <summary>The git ref the workflow ran on (<c>refs/heads/main</c>).</summary>
    public string? GitHubWorkflowRef { get; set; }

    /// <summary>The commit the workflow ran on.</summary>
    public string? GitHubWorkflowSha { get; set; }

    /// <summary>The event that triggered the workflow (<c>push</c>, <c>release</c>...).</summary>
    public string? GitHubWorkflowTrigger { get; set; }

    /// <summary>The workflow's name.</summary>
    public string? GitHubWorkflowName { get; set; }

    /// <summary>A Sigstore <c>trusted_root.json</c> instead of the embedded public-good root, cosign's <c>--trusted-root</c>.</summary>
    public FilePath? TrustedRoot { get; set; }

    /// <summary>Do not require (or check) transparency-log entries, cosign's <c>--insecure-ignore-tlog</c>.</summary>
    public bool InsecureIgnoreTlog { get; set; }

    /// <summary>Do not require an embedded SCT, cosign's <c>--insecure-ignore-sct</c>.</summary>
    public bool InsecureIgnoreSct { get; set; }

    /// <summary>The Core options these settings give.</summary>
    internal CertificateVerificationOptions ToOptions(ICakeContext context) => new(
        CertificateIdentity,
        CertificateIdentityRegExp,
        CertificateOidcIssuer,
        CertificateOidcIssuerRegExp,
        new GitHubWorkflowClaims(GitHubWorkflowTrigger, GitHubWorkflowSha, GitHubWorkflowName, GitHubWorkflowRepository, GitHubWorkflowRef),
        CakePaths.FullOrNull(context, TrustedRoot),
        InsecureIgnoreTlog,
        InsecureIgnoreSct);

    /// <inheritdoc />
    public override string ToString() =>
        $"PipelineGuardKeylessSettings {{ Identity = {CertificateIdentity ?? CertificateIdentityRegExp ?? "(unset)"}, Issuer = {CertificateOidcIssuer ?? CertificateOidcIssuerRegExp ?? "(unset)"} }}";
}

/// <summary>Settings of verify aliases that also verify keyless.</summary>
public interface IPipelineGuardKeylessSettings
{
    /// <summary>The keyless identity and trust; unused when a public key is given.</summary>
    PipelineGuardKeylessSettings Keyless { get; }
}

/// <summary>Fluent helpers for <see cref="IPipelineGuardKeylessSettings"/>, named after cosign's flags.</summary>
public static class PipelineGuardKeylessSettingsExtensions
{
    /// <summary>Requires a keyless signature by exactly <paramref name="identity"/>, vouched for by exactly <paramref name="oidcIssuer"/>.</summary>
    public static TSettings WithCertificateIdentity<TSettings>(this TSettings settings, string identity, string oidcIssuer)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.CertificateIdentity = identity;
        settings.Keyless.CertificateOidcIssuer = oidcIssuer;
        return settings;
    }

    /// <summary>Requires a keyless signature by an identity matching <paramref name="identityRegExp"/>, vouched for by exactly <paramref name="oidcIssuer"/>.</summary>
    public static TSettings WithCertificateIdentityRegExp<TSettings>(this TSettings settings, string identityRegExp, string oidcIssuer)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.CertificateIdentityRegExp = identityRegExp;
        settings.Keyless.CertificateOidcIssuer = oidcIssuer;
        return settings;
    }

    /// <summary>Accepts any OIDC issuer matching <paramref name="oidcIssuerRegExp"/> instead of an exact one.</summary>
    public static TSettings WithCertificateOidcIssuerRegExp<TSettings>(this TSettings settings, string oidcIssuerRegExp)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.CertificateOidcIssuer = null;
        settings.Keyless.CertificateOidcIssuerRegExp = oidcIssuerRegExp;
        return settings;
    }

    /// <summary>Requires GitHub workflow claims; null ones are not checked.</summary>
    public static TSettings WithGitHubWorkflow<TSettings>(this TSettings settings, string? repository = null, string? gitRef = null, string? sha = null, string? trigger = null, string? name = null)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.GitHubWorkflowRepository = repository;
        settings.Keyless.GitHubWorkflowRef = gitRef;
        settings.Keyless.GitHubWorkflowSha = sha;
        settings.Keyless.GitHubWorkflowTrigger = trigger;
        settings.Keyless.GitHubWorkflowName = name;
        return settings;
    }

    /// <summary>Verifies against <paramref name="trustedRoot"/> (staging, a private Sigstore, GitHub's) instead of the public-good root.</summary>
    public static TSettings WithTrustedRoot<TSettings>(this TSettings settings, FilePath trustedRoot)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.TrustedRoot = trustedRoot;
        return settings;
    }

    /// <summary>cosign's <c>--insecure-ignore-tlog</c>.</summary>
    public static TSettings WithInsecureIgnoreTlog<TSettings>(this TSettings settings, bool ignore = true)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.InsecureIgnoreTlog = ignore;
        return settings;
    }

    /// <summary>cosign's <c>--insecure-ignore-sct</c>.</summary>
    public static TSettings WithInsecureIgnoreSct<TSettings>(this TSettings settings, bool ignore = true)
        where TSettings : IPipelineGuardKeylessSettings
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Keyless.InsecureIgnoreSct = ignore;
        return settings;
    }
}
