using System.CommandLine;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Cli.Commands;

/// <summary>cosign's keyless verification flags, shared by the verify verbs; they translate to <see cref="CertificateVerificationOptions"/>.</summary>
internal sealed class CertificateIdentityArguments
{
    private readonly Option<string?> _identity = new("--certificate-identity") { Description = "The exact identity (certificate SAN: email or URI) that must have signed." };
    private readonly Option<string?> _identityRegExp = new("--certificate-identity-regexp") { Description = "A regular expression the signer's identity must match." };
    private readonly Option<string?> _issuer = new("--certificate-oidc-issuer") { Description = "The exact OIDC issuer that vouched for the signer." };
    private readonly Option<string?> _issuerRegExp = new("--certificate-oidc-issuer-regexp") { Description = "A regular expression the OIDC issuer must match." };
    private readonly Option<string?> _repository = new("--certificate-github-workflow-repository") { Description = "The GitHub repository (owner/name) the workflow ran in." };
    private readonly Option<string?> _ref = new("--certificate-github-workflow-ref") { Description = "The git ref the workflow ran on (refs/heads/main)." };
    private readonly Option<string?> _sha = new("--certificate-github-workflow-sha") { Description = "The commit the workflow ran on." };
    private readonly Option<string?> _trigger = new("--certificate-github-workflow-trigger") { Description = "The event that triggered the workflow (push, release...)." };
    private readonly Option<string?> _name = new("--certificate-github-workflow-name") { Description = "The workflow's name." };
    private readonly Option<string?> _trustedRoot = new("--trusted-root") { Description = "A Sigstore trusted_root.json (default: the embedded public-good root)." };
    private readonly Option<bool> _ignoreTlog = new("--insecure-ignore-tlog") { Description = "Do not require or check transparency-log entries." };
    private readonly Option<bool> _ignoreSct = new("--insecure-ignore-sct") { Description = "Do not require an embedded SCT in the certificate." };

    /// <summary>Every flag.</summary>
    public IEnumerable<Option> All => [_identity, _identityRegExp, _issuer, _issuerRegExp, _repository, _ref, _sha, _trigger, _name, _trustedRoot, _ignoreTlog, _ignoreSct];

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options the flags give.</summary>
    public CertificateVerificationOptions Read(ParseResult parse) => new(
        parse.GetValue(_identity),
        parse.GetValue(_identityRegExp),
        parse.GetValue(_issuer),
        parse.GetValue(_issuerRegExp),
        new GitHubWorkflowClaims(parse.GetValue(_trigger), parse.GetValue(_sha), parse.GetValue(_name), parse.GetValue(_repository), parse.GetValue(_ref)),
        parse.GetValue(_trustedRoot),
        parse.GetValue(_ignoreTlog),
        parse.GetValue(_ignoreSct));

    /// <summary>The usage error of the key and identity flags together, or null (exactly one of --key and an identity; a complete identity).</summary>
    public static string? UsageError(string? key, CertificateVerificationOptions certificate)
    {
        if (CertificateVerificationOptions.KeyOrIdentityError(key, certificate) is { } error)
        {
            return error;
        }

        return key is null ? certificate.Resolve() is { Succeeded: false } resolved ? resolved.Error : null : null;
    }
}
