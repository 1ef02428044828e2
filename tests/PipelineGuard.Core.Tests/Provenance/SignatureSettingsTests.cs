using PipelineGuard.Provenance;
using PipelineGuard.Signing.Keyless;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

/// <summary>
/// How a front end's flags or settings (the command line's, MSBuild's properties) become the base-image signature rule:
/// <see cref="KeylessIdentity.FromSettings"/> and <see cref="BaseImageRules.WithSignatureSettings"/>.
/// </summary>
public sealed class SignatureSettingsTests
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private const string Workflow = "https://github.com/acme/base/.github/workflows/release.yaml@refs/heads/main";

    [Fact]
    public void No_identity_setting_gives_no_identity_and_no_error()
    {
        Assert.Equal((null, null), KeylessIdentity.FromSettings(CertificateVerificationOptions.None));
        Assert.Equal((null, null), KeylessIdentity.FromSettings(new CertificateVerificationOptions(GitHub: new GitHubWorkflowClaims(null, null, null, null, null))));
    }

    [Fact]
    public void A_complete_identity_keeps_every_claim_the_trusted_root_and_the_insecure_switches()
    {
        var github = new GitHubWorkflowClaims("push", null, null, "acme/base", "refs/heads/main");
        var (identity, error) = KeylessIdentity.FromSettings(new CertificateVerificationOptions(null, "^https://github\\.com/acme/", Issuer, null, github, "/roots/trusted_root.json", InsecureIgnoreTlog: true, InsecureIgnoreSct: true));

        Assert.Null(error);
        Assert.NotNull(identity);
        Assert.Null(identity.Subject);
        Assert.Equal("^https://github\\.com/acme/", identity.SubjectRegExp);
        Assert.Equal(Issuer, identity.Issuer);
        Assert.Equal(github, identity.GitHub);
        Assert.Equal("/roots/trusted_root.json", identity.TrustedRoot);
        Assert.True(identity.InsecureIgnoreTlog);
        Assert.True(identity.InsecureIgnoreSct);
        var back = identity.ToVerificationOptions("/roots/trusted_root.json");
        Assert.True(back.InsecureIgnoreTlog);
        Assert.True(back.InsecureIgnoreSct);
    }

    [Theory]
    [InlineData(null, null, Issuer, "exactly one of --certificate-identity and --certificate-identity-regexp is required")]
    [InlineData(Workflow, null, null, "exactly one of --certificate-oidc-issuer and --certificate-oidc-issuer-regexp is required")]
    [InlineData(Workflow, "x", Issuer, "exactly one of --certificate-identity and --certificate-identity-regexp is required")]
    [InlineData(null, "[", Issuer, "--certificate-identity-regexp '[' is not a regular expression")]
    public void An_incomplete_or_bad_identity_is_an_error(string? subject, string? subjectRegExp, string? issuer, string message)
    {
        var (identity, error) = KeylessIdentity.FromSettings(new CertificateVerificationOptions(subject, subjectRegExp, issuer));

        Assert.Null(identity);
        Assert.NotNull(error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void A_trusted_root_or_an_insecure_switch_without_an_identity_is_an_error(bool root, bool tlog, bool sct)
    {
        var (identity, error) = KeylessIdentity.FromSettings(new CertificateVerificationOptions(TrustedRootPath: root ? "trusted_root.json" : null, InsecureIgnoreTlog: tlog, InsecureIgnoreSct: sct));

        Assert.Null(identity);
        Assert.Equal("--trusted-root, --insecure-ignore-tlog and --insecure-ignore-sct apply to a keyless identity: give --certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp] too", error);
    }

    [Fact]
    public void Settings_add_to_the_policy_files_signature_rule()
    {
        var written = new BaseImageRules
        {
            Signature = new SignatureRequirement(["policy.pub"]) { Identities = [new KeylessIdentity { Subject = "a@acme.test", Issuer = Issuer }] },
        };
        var flagged = new KeylessIdentity { Subject = Workflow, Issuer = Issuer };

        var (withKey, keyError) = written.WithSignatureSettings(["/abs/flag.pub"], null, null);
        var (withIdentity, identityError) = written.WithSignatureSettings([], flagged, null);
        var (fromNothing, nothingError) = new BaseImageRules { RequireDigest = true }.WithSignatureSettings([], flagged, null);
        var (unchanged, unchangedError) = written.WithSignatureSettings([], null, null);

        Assert.Null(keyError);
        Assert.Equal(["policy.pub", "/abs/flag.pub"], withKey!.Signature!.Keys);
        Assert.Single(withKey.Signature.Identities);
        Assert.Null(identityError);
        Assert.Equal(["policy.pub"], withIdentity!.Signature!.Keys);
        Assert.Equal([written.Signature.Identities[0], flagged], withIdentity.Signature.Identities);
        Assert.Null(nothingError);
        Assert.Equal([flagged], fromNothing!.Signature!.Identities);
        Assert.True(fromNothing.RequireDigest);
        Assert.Null(unchangedError);
        Assert.Same(written, unchanged);
    }

    [Fact]
    public void A_notation_setting_takes_the_place_of_the_policy_files_and_keeps_its_keys()
    {
        var written = new BaseImageRules { Signature = new SignatureRequirement(["policy.pub"]) { Notation = new NotationRequirement { Preset = "old" } } };
        var notation = new NotationRequirement { Preset = "microsoft-dotnet" };

        var (rules, error) = written.WithSignatureSettings([], null, notation);

        Assert.Null(error);
        Assert.Equal(notation, rules!.Signature!.Notation);
        Assert.Equal(["policy.pub"], rules.Signature.Keys);
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    public void More_than_one_way_of_verifying_is_an_error(bool key, bool identity, bool notation)
    {
        var (rules, error) = new BaseImageRules().WithSignatureSettings(
            key ? ["/abs/flag.pub"] : [],
            identity ? new KeylessIdentity { Subject = Workflow, Issuer = Issuer } : null,
            notation ? new NotationRequirement { Preset = "microsoft-dotnet" } : null);

        Assert.Null(rules);
        Assert.Equal("a key, a keyless identity and a Notation trust policy exclude each other: give one of them", error);
    }
}
