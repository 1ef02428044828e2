using System.Text.RegularExpressions;

namespace PipelineGuard.Signing.Keyless;

/// <summary>
/// Who must have signed, as cosign's <c>--certificate-identity[-regexp]</c>, <c>--certificate-oidc-issuer[-regexp]</c> and
/// <c>--certificate-github-workflow-*</c> flags say. Regular expressions match anywhere unless anchored (as Go's MatchString).
/// </summary>
public sealed record CertificateIdentityPolicy
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private CertificateIdentityPolicy(string? subject, Regex? subjectPattern, string? issuer, Regex? issuerPattern, GitHubWorkflowClaims github)
    {
        Subject = subject;
        SubjectPattern = subjectPattern;
        Issuer = issuer;
        IssuerPattern = issuerPattern;
        GitHub = github;
    }

    /// <summary>The exact SAN required, or null.</summary>
    public string? Subject { get; }

    /// <summary>The pattern the SAN must match, or null.</summary>
    public Regex? SubjectPattern { get; }

    /// <summary>The exact OIDC issuer required, or null.</summary>
    public string? Issuer { get; }

    /// <summary>The pattern the OIDC issuer must match, or null.</summary>
    public Regex? IssuerPattern { get; }

    /// <summary>GitHub workflow claims that must equal the certificate's; null members are not checked.</summary>
    public GitHubWorkflowClaims GitHub { get; }

    /// <summary>
    /// Makes a policy; exactly one of <paramref name="subject"/> and <paramref name="subjectRegExp"/>, and exactly one of
    /// <paramref name="issuer"/> and <paramref name="issuerRegExp"/>, as cosign requires. The error names the flag.
    /// </summary>
    public static SigningResult<CertificateIdentityPolicy> Create(string? subject, string? subjectRegExp, string? issuer, string? issuerRegExp, GitHubWorkflowClaims? github = null)
    {
        if ((subject is null) == (subjectRegExp is null))
        {
            return SigningResult<CertificateIdentityPolicy>.Failure("exactly one of --certificate-identity and --certificate-identity-regexp is required for a keyless signature");
        }

        if ((issuer is null) == (issuerRegExp is null))
        {
            return SigningResult<CertificateIdentityPolicy>.Failure("exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp is required for a keyless signature");
        }

        Regex? subjectPattern = null;
        Regex? issuerPattern = null;
        try
        {
            if (subjectRegExp is not null)
            {
                subjectPattern = new Regex(subjectRegExp, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return SigningResult<CertificateIdentityPolicy>.Failure($"--certificate-identity-regexp '{subjectRegExp}' is not a regular expression: {e.Message}");
        }

        try
        {
            if (issuerRegExp is not null)
            {
                issuerPattern = new Regex(issuerRegExp, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return SigningResult<CertificateIdentityPolicy>.Failure($"--certificate-oidc-issuer-regexp '{issuerRegExp}' is not a regular expression: {e.Message}");
        }

        return SigningResult<CertificateIdentityPolicy>.Success(new CertificateIdentityPolicy(subject, subjectPattern, issuer, issuerPattern, github ?? GitHubWorkflowClaims.None));
    }

    /// <summary>What the policy asks for, in words.</summary>
    public string Expected
    {
        get
        {
            var parts = new List<string>
            {
                Subject is not null ? $"identity '{Subject}'" : $"identity matching /{SubjectPattern}/",
                Issuer is not null ? $"issuer '{Issuer}'" : $"issuer matching /{IssuerPattern}/",
            };
            parts.AddRange(Claims(GitHub).Select(c => $"{c.Name} '{c.Value}'"));
            return string.Join(", ", parts);
        }
    }

    /// <summary>Checks <paramref name="identity"/>; a mismatch shows what was expected and what was found.</summary>
    public VerificationResult Check(CertificateIdentity identity)
    {
        var problems = new List<string>();
        if (Subject is not null ? identity.Subject != Subject : !SubjectPattern!.IsMatch(identity.Subject))
        {
            problems.Add(Subject is not null
                ? $"expected identity '{Subject}', found '{identity.Subject}'"
                : $"expected identity matching /{SubjectPattern}/, found '{identity.Subject}'");
        }

        var issuer = identity.Issuer ?? string.Empty;
        if (Issuer is not null ? issuer != Issuer : !IssuerPattern!.IsMatch(issuer))
        {
            problems.Add(Issuer is not null
                ? $"expected issuer '{Issuer}', found '{identity.Issuer ?? "(none)"}'"
                : $"expected issuer matching /{IssuerPattern}/, found '{identity.Issuer ?? "(none)"}'");
        }

        var found = Claims(identity.GitHub).ToDictionary(c => c.Name, c => c.Value);
        foreach (var (name, value) in Claims(GitHub))
        {
            var actual = found.GetValueOrDefault(name);
            if (actual != value)
            {
                problems.Add($"expected {name} '{value}', found '{actual ?? "(none)"}'");
            }
        }

        return problems.Count == 0
            ? VerificationResult.Valid($"signed by {identity}")
            : VerificationResult.Reject(VerificationFailure.CertificateIdentityMismatch, $"certificate identity mismatch: {string.Join("; ", problems)}");
    }

    private static IEnumerable<(string Name, string Value)> Claims(GitHubWorkflowClaims claims)
    {
        if (claims.Repository is not null)
        {
            yield return ("github-workflow-repository", claims.Repository);
        }

        if (claims.Ref is not null)
        {
            yield return ("github-workflow-ref", claims.Ref);
        }

        if (claims.Sha is not null)
        {
            yield return ("github-workflow-sha", claims.Sha);
        }

        if (claims.Trigger is not null)
        {
            yield return ("github-workflow-trigger", claims.Trigger);
        }

        if (claims.Name is not null)
        {
            yield return ("github-workflow-name", claims.Name);
        }
    }
}
