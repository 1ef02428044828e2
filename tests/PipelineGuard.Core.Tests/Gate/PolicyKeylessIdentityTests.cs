using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>Keyless identities in the policy: read strictly (file, line and field in every error), presets expanded from data.</summary>
public sealed class PolicyKeylessIdentityTests
{
    private const string Actions = "https://token.actions.githubusercontent.com";

    private static PolicyLoadResult Parse(string text) => PolicyLoader.Parse(text, "pipelineguard.yaml", "/repo");

    private static string Error(string text)
    {
        var result = Parse(text);
        Assert.False(result.Success);
        return string.Join("\n", result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Identities_are_read_beside_keys_in_every_signature_and_attestation_section()
    {
        var policy = Parse($$"""
            version: 1
            baseImages:
              signature:
                identities:
                  - issuer: {{Actions}}
                    subjectRegExp: ^https://github\.com/acme/
                    github: { repository: acme/base, ref: refs/heads/main, trigger: push, sha: abc, name: release }
                    trustedRoot: roots/github.json
              attestations:
                - type: slsaprovenance1
                  keys: [builder.pub]
                  identities: { preset: chainguard }
            images:
              references: [oci:out:app]
              signature:
                identities: [{ issuerRegExp: "^https://accounts\\.google\\.com$", subject: release@acme.test }]
              sbomAttestation:
                identities: [{ issuer: {{Actions}}, subject: https://github.com/acme/app/.github/workflows/r.yaml@refs/heads/main }]
            """).Policy!;

        var identity = Assert.Single(policy.BaseImages.Signature!.Identities);
        Assert.Empty(policy.BaseImages.Signature.Keys);
        Assert.Equal(Actions, identity.Issuer);
        Assert.Equal("^https://github\\.com/acme/", identity.SubjectRegExp);
        Assert.Equal(("acme/base", "refs/heads/main", "push", "abc", "release"), (identity.GitHub.Repository, identity.GitHub.Ref, identity.GitHub.Trigger, identity.GitHub.Sha, identity.GitHub.Name));
        Assert.Equal("roots/github.json", identity.TrustedRoot);
        Assert.Equal($"/^https://github\\.com/acme// from {Actions}", identity.Name);

        var attestation = Assert.Single(policy.BaseImages.Attestations);
        Assert.Equal(["builder.pub", "preset chainguard"], attestation.TrustedNames);
        Assert.Equal("https://github.com/chainguard-images/images/.github/workflows/release.yaml@refs/heads/main", Assert.Single(attestation.Identities).Subject);

        Assert.True(policy.Images.RequiresSignature);
        Assert.Empty(policy.Images.SignatureKeys);
        Assert.Equal("^https://accounts\\.google\\.com$", Assert.Single(policy.Images.SignatureIdentities).IssuerRegExp);
        Assert.True(policy.Images.RequiresSbomAttestation);
        Assert.Single(policy.Images.SbomAttestationIdentities);
    }

    [Theory]
    [InlineData("chainguard", Actions, "https://github.com/chainguard-images/images/.github/workflows/release.yaml@refs/heads/main")]
    [InlineData("distroless", "https://accounts.google.com", "keyless@distroless.iam.gserviceaccount.com")]
    public void A_preset_expands_to_its_publishers_documented_identity_and_the_public_good_root(string preset, string issuer, string subject)
    {
        var policy = Parse($"version: 1\nbaseImages:\n  signature:\n    identities:\n      - preset: {preset}\n").Policy!;

        var identity = Assert.Single(policy.BaseImages.Signature!.Identities);
        Assert.Equal((issuer, subject, null, preset), (identity.Issuer, identity.Subject, identity.TrustedRoot, identity.Preset));
        Assert.Equal($"preset {preset}", identity.Name);
    }

    [Theory]
    [InlineData("identities:\n      - issuer: https://i.test\n        subject: a@b\n        subjekt: c", "pipelineguard.yaml:7:9: baseImages.signature.identities[0].subjekt: unknown key 'subjekt'; did you mean 'subject'?")]
    [InlineData("identities:\n      - issuer: https://i.test\n        subjectRegExp: \"(unclosed\"", "pipelineguard.yaml:6:24: baseImages.signature.identities[0].subjectRegExp: '(unclosed' is not a regular expression")]
    [InlineData("identities:\n      - issuerRegExp: \"a(?=b)\"\n        subject: a@b", "baseImages.signature.identities[0].issuerRegExp: 'a(?=b)' is not a regular expression")]
    [InlineData("identities:\n      - issuer: https://i.test\n        issuerRegExp: x\n        subject: a@b", "baseImages.signature.identities[0].issuer: give 'issuer' or 'issuerRegExp', not both")]
    [InlineData("identities:\n      - issuer: https://i.test", "pipelineguard.yaml:5:9: baseImages.signature.identities[0].subject: missing; name the certificate identity")]
    [InlineData("identities:\n      - subject: a@b", "baseImages.signature.identities[0].issuer: missing; name the OIDC issuer")]
    [InlineData("identities:\n      - issuer: \"\"\n        subject: a@b", "baseImages.signature.identities[0].issuer: must not be empty")]
    [InlineData("identities: []", "baseImages.signature.identities: must list at least one keyless identity")]
    [InlineData("identities: oops", "baseImages.signature.identities: must be a list of keyless identities")]
    [InlineData("identities:\n      - preset: wolfi", "baseImages.signature.identities[0].preset: unknown preset 'wolfi'; the presets are chainguard, distroless")]
    [InlineData("identities:\n      - preset: chainguard\n        subject: a@b", "baseImages.signature.identities[0].subject: a preset names its identities and trust itself")]
    [InlineData("identities:\n      - issuer: https://i.test\n        subject: a@b\n        github: { repo: acme/x }", "baseImages.signature.identities[0].github.repo: unknown key 'repo'")]
    [InlineData("{}", "baseImages.signature.keys: missing; list the public key files (PEM) to trust, or keyless signers under 'identities'")]
    public void Bad_identities_are_errors_naming_the_file_line_and_field(string signature, string expected)
    {
        var error = Error($"version: 1\nbaseImages:\n  signature:\n    {signature}\n");

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_preset_loads_resolves_against_the_embedded_root_and_is_listed_in_the_schema_readme_and_docs()
    {
        var schema = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "pipelineguard.schema.json"));
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "PipelineGuard.Core", "Provenance", "Presets", "README.md"));
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "policy.md"));

        Assert.Equal(["chainguard", "distroless"], KeylessIdentityPresets.Names);
        foreach (var preset in KeylessIdentityPresets.All)
        {
            Assert.NotEmpty(preset.Identities);
            Assert.StartsWith("https://", preset.Source, StringComparison.Ordinal);
            var (resolved, error) = TrustedIdentity.Load(preset.Identities, p => p);
            Assert.Null(error);
            Assert.All(resolved, r => Assert.Same(PipelineGuard.Signing.Keyless.TrustedRoot.PublicGood, r.Options.TrustedRoot));
            Assert.Contains($"\"{preset.Name}\"", schema, StringComparison.Ordinal);
            Assert.Contains(preset.Source, readme, StringComparison.Ordinal);
            Assert.Contains($"`{preset.Name}`", docs, StringComparison.Ordinal);
            foreach (var identity in preset.Identities)
            {
                Assert.Contains(identity.Subject!, readme, StringComparison.Ordinal);
                Assert.Contains(identity.Subject!, docs, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_trusted_roots_an_identity_names_are_inputs_of_the_gate()
    {
        var policy = Parse($"version: 1\nbaseImages:\n  signature:\n    identities:\n      - issuer: {Actions}\n        subject: a@b\n        trustedRoot: roots/github.json\n").Policy!;

        Assert.Contains(Path.GetFullPath("/repo/roots/github.json"), policy.NamedFiles());
    }

    [Fact]
    public void A_trusted_root_that_is_missing_or_broken_stops_the_run_naming_the_identity_and_file()
    {
        var dir = RepositoryPaths.NewTempDirectory("keyless-root");
        File.WriteAllText(Path.Combine(dir, "broken.json"), "{ not json");
        var identity = new KeylessIdentity { Issuer = Actions, Subject = "a@b", TrustedRoot = "missing.json" };

        var (_, missing) = TrustedIdentity.Load([identity], p => Path.Combine(dir, p));
        var (_, broken) = TrustedIdentity.Load([identity with { TrustedRoot = "broken.json" }], p => Path.Combine(dir, p));

        Assert.StartsWith($"trusted root missing.json of identity a@b from {Actions} not found", missing, StringComparison.Ordinal);
        Assert.StartsWith($"trusted root broken.json of identity a@b from {Actions}:", broken, StringComparison.Ordinal);
    }
}
