namespace PipelineGuard.Signing.Keyless;

/// <summary>
/// What keyless verification asks for, with cosign's flag names: the identity (<c>--certificate-identity[-regexp]</c>,
/// <c>--certificate-oidc-issuer[-regexp]</c>, <c>--certificate-github-workflow-*</c>), the trust material
/// (<c>--trusted-root</c>, the embedded public-good root when null) and the two insecure switches.
/// </summary>
/// <param name="Identity">The exact SAN required, or null.</param>
/// <param name="IdentityRegExp">A pattern the SAN must match, or null.</param>
/// <param name="OidcIssuer">The exact OIDC issuer required, or null.</param>
/// <param name="OidcIssuerRegExp">A pattern the OIDC issuer must match, or null.</param>
/// <param name="GitHub">GitHub workflow claims that must match; null members are not checked.</param>
/// <param name="TrustedRootPath">A <c>trusted_root.json</c> to use instead of the embedded public-good root, or null.</param>
/// <param name="InsecureIgnoreTlog">Do not require (or, for key-based bundles, check) transparency-log entries.</param>
/// <param name="InsecureIgnoreSct">Do not require an embedded SCT in the certificate.</param>
public sealed record CertificateVerificationOptions(
    string? Identity = null,
    string? IdentityRegExp = null,
    string? OidcIssuer = null,
    string? OidcIssuerRegExp = null,
    GitHubWorkflowClaims? GitHub = null,
    string? TrustedRootPath = null,
    bool InsecureIgnoreTlog = false,
    bool InsecureIgnoreSct = false)
{
    /// <summary>No identity, default trust.</summary>
    public static CertificateVerificationOptions None { get; } = new();

    /// <summary>Whether any identity flag was given.</summary>
    public bool HasIdentity =>
        Identity is not null || IdentityRegExp is not null || OidcIssuer is not null || OidcIssuerRegExp is not null ||
        (GitHub is { } g && (g.Repository ?? g.Ref ?? g.Sha ?? g.Trigger ?? g.Name) is not null);

    /// <summary>The usage error when not exactly one of a key and an identity is given, or null.</summary>
    public static string? KeyOrIdentityError(string? keyPath, CertificateVerificationOptions? certificate)
    {
        var identity = certificate?.HasIdentity == true;
        return (keyPath is null, identity) switch
        {
            (true, false) => "give --key (a key-based signature) or --certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp] (a keyless signature)",
            (false, true) => "give either --key or a certificate identity (--certificate-identity*, --certificate-oidc-issuer*, --certificate-github-workflow-*), not both",
            _ => null,
        };
    }

    /// <summary>The trusted root: the file given, or the embedded public-good root.</summary>
    public SigningResult<TrustedRoot> LoadTrustedRoot() =>
        TrustedRootPath is null ? SigningResult<TrustedRoot>.Success(TrustedRoot.PublicGood) : TrustedRootReader.ReadFile(TrustedRootPath);

    /// <summary>The options of <see cref="KeylessVerifier"/>; the error names the flag at fault.</summary>
    public SigningResult<KeylessVerificationOptions> Resolve()
    {
        var policy = CertificateIdentityPolicy.Create(Identity, IdentityRegExp, OidcIssuer, OidcIssuerRegExp, GitHub);
        if (!policy.Succeeded)
        {
            return SigningResult<KeylessVerificationOptions>.Failure(policy.Error!);
        }

        var root = LoadTrustedRoot();
        return root.Succeeded
            ? SigningResult<KeylessVerificationOptions>.Success(new KeylessVerificationOptions(root.Value!, policy.Value!, InsecureIgnoreTlog, InsecureIgnoreSct))
            : SigningResult<KeylessVerificationOptions>.Failure($"--trusted-root {root.Error}");
    }
}
