using PipelineGuard.Gate;
using PipelineGuard.Provenance;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Gate;

public sealed class PolicyLoaderTests
{
    private const string Full = """
        version: 1
        lint:
          config: .hadolint.yaml
          failureThreshold: warning
          ignore: [DL3008]
          trustedRegistries: [registry.example.com]
          dockerfiles: [Dockerfile]
        sbom:
          project: src/App.csproj
          format: spdx-json
          specVersion: "1.7"
          excludeDev: true
        baseImages:
          allowedRegistries: [registry.example.com, "*.corp.example"]
          allowedRepositories: ["registry.example.com/base/**"]
          requireDigest: true
          signature:
            keys: [keys/base.pub]
          attestations:
            - type: https://slsa.dev/provenance/v1
              keys: [keys/builder.pub]
              builderIds: [https://builds.example.com/trusted@v1]
              sourceRepositoryPrefixes: [git+https://git.example.com/base/]
          maxAgeDays: 90
          deny:
            images: ["**/ubuntu:14.04"]
            tags: [latest]
        images:
          references: ["oci:out:app"]
          signature:
            keys: [keys/release.pub]
          sbomAttestation:
            keys: [keys/release.pub]
        registries:
          allowHttp: ["127.0.0.1:*"]
          layouts:
            registry.example.com/base/runtime: images/runtime
        rules:
          require-digest: warning
          PG3008: { severity: error, couldNotCheck: warning }
          DL3007: off
        exceptions:
          - rule: max-age
            image: "registry.example.com/base/legacy:*"
            expires: 2027-01-31
            reason: legacy base is replaced in Q1
        """;

    private static PolicyLoadResult Parse(string text) => PolicyLoader.Parse(text, "pipelineguard.yaml", "/repo");

    [Fact]
    public void A_full_policy_loads_every_section()
    {
        var result = Parse(Full);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var policy = result.Policy!;
        Assert.Equal(".hadolint.yaml", policy.Lint.ConfigFile);
        Assert.Equal("warning", policy.Lint.FailureThreshold);
        Assert.Equal(["DL3008"], policy.Lint.Ignore);
        Assert.Equal("spdx-json", policy.Sbom.Format);
        Assert.Equal("1.7", policy.Sbom.SpecVersion);
        Assert.True(policy.Sbom.ExcludeDev);
        Assert.Equal(["registry.example.com", "*.corp.example"], policy.BaseImages.AllowedRegistries);
        Assert.True(policy.BaseImages.RequireDigest);
        Assert.Equal(["keys/base.pub"], policy.BaseImages.Signature!.Keys);
        var attestation = Assert.Single(policy.BaseImages.Attestations);
        Assert.Equal(PredicateTypeNames.SlsaV1, attestation.PredicateType);
        Assert.Equal(["https://builds.example.com/trusted@v1"], attestation.BuilderIds);
        Assert.Equal(90, policy.BaseImages.MaxAgeDays);
        Assert.Equal(["latest"], policy.BaseImages.DeniedTags);
        Assert.Equal(["keys/release.pub"], policy.Images.SignatureKeys);
        Assert.Equal(["keys/release.pub"], policy.Images.SbomAttestationKeys);
        Assert.Equal("images/runtime", policy.Registries.Layouts["registry.example.com/base/runtime"]);
        Assert.Equal(Severity.Warning, policy.Rules["PG3003"].Severity);
        Assert.Equal(Severity.Warning, policy.Rules["PG3008"].CouldNotCheck);
        Assert.Equal(Severity.Off, policy.Rules["DL3007"].Severity);
        var exemption = Assert.Single(policy.Exceptions);
        Assert.Equal("PG3008", exemption.Rule);
        Assert.Equal(new DateOnly(2027, 1, 31), exemption.Expires);
        Assert.Equal(43, exemption.Line);
    }

    [Theory]
    [InlineData("version: 1\nbaseImages:\n  requireDigests: true\n", 3, 3, "baseImages.requireDigests", "did you mean 'requireDigest'?")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    keyz: [a.pub]\n", 4, 5, "baseImages.signature.keyz", "unknown key 'keyz'")]
    [InlineData("version: 1\nbaseImages:\n  signature: {}\n", 3, 14, "baseImages.signature.keys", "missing")]
    [InlineData("version: 1\nbaseImages:\n  maxAgeDays: ninety\n", 3, 15, "baseImages.maxAgeDays", "whole number")]
    [InlineData("version: 1\nbaseImages:\n  requireDigest: yes please\n", 3, 18, "baseImages.requireDigest", "true or false")]
    [InlineData("version: 1\nrules:\n  no-such-rule: error\n", 3, 3, "rules.no-such-rule", "unknown rule")]
    [InlineData("version: 1\nrules:\n  PG3003: fatal\n", 3, 11, "rules.PG3003", "'fatal' is not one of")]
    [InlineData("version: 1\nexceptions:\n  - rule: PG3003\n    reason: later\n", 3, 5, "exceptions[0].expires", "expiry date")]
    [InlineData("version: 1\nexceptions:\n  - rule: PG3003\n    expires: next year\n    reason: x\n", 4, 14, "exceptions[0].expires", "YYYY-MM-DD")]
    [InlineData("version: 1\nexceptions:\n  - rule: PG3003\n    expires: 2027-01-01\n", 3, 5, "exceptions[0].reason", "needs a reason")]
    [InlineData("version: 2\n", 1, 10, "version", "not supported")]
    [InlineData("baseImages: {}\n", 1, 1, "version", "missing")]
    [InlineData("version: 1\nsbom:\n  format: cyclonedx\n", 3, 11, "sbom.format", "not one of")]
    [InlineData("version: 1\nbaseImages:\n  attestations:\n    - keys: [k.pub]\n", 4, 7, "baseImages.attestations[0].type", "missing")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation:\n      preset: microsoft-dotnet\n      trustStore: store\n", 5, 7, "baseImages.signature.notation", "either 'preset' or 'trustPolicy' with 'trustStore'")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation:\n      preset: mcr\n", 5, 15, "baseImages.signature.notation.preset", "microsoft-dotnet")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation:\n      trustPolicy: tp.json\n", 5, 7, "baseImages.signature.notation", "needs 'trustPolicy'")]
    [InlineData("version: 1\nimages:\n  signature:\n    notation:\n      trustpolicy: tp.json\n", 5, 7, "images.signature.notation.trustpolicy", "did you mean 'trustPolicy'?")]
    public void Errors_name_the_file_line_column_and_field(string yaml, int line, int column, string field, string message)
    {
        var result = Parse(yaml);
        Assert.False(result.Success);
        Assert.Null(result.Policy);
        var diagnostic = result.Diagnostics[0];
        Assert.Equal("pipelineguard.yaml", diagnostic.File);
        Assert.Equal((line, column, field), (diagnostic.Line, diagnostic.Column, diagnostic.Field));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith($"pipelineguard.yaml:{line}:{column}: {field}: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_a_located_diagnostic_not_an_exception()
    {
        var result = Parse("version: 1\nbaseImages:\n  allowedRegistries: [a, b\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Contains("not valid YAML", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(diagnostic.Line >= 3);
    }

    [Fact]
    public void Several_errors_are_all_reported()
    {
        var result = Parse("version: 1\nlint:\n  enabled: maybe\nbaseImages:\n  requireDigest: 3\n  colour: blue\n");
        Assert.Equal(["baseImages.colour", "baseImages.requireDigest", "lint.enabled"], result.Diagnostics.Select(d => d.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic()
    {
        var result = PolicyLoader.Load(Path.Combine(RepositoryPaths.NewTempDirectory("policy"), "absent.yaml"));
        Assert.Contains("cannot read the policy file", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_resolves_paths_against_the_policy_folder()
    {
        var dir = RepositoryPaths.NewTempDirectory("policy");
        var file = Path.Combine(dir, PolicyLoader.DefaultFileName);
        File.WriteAllText(file, "version: 1\nbaseImages:\n  signature:\n    keys: keys/base.pub\n");
        var policy = PolicyLoader.Load(file).Policy!;
        Assert.Equal(Path.Combine(dir, "keys", "base.pub"), policy.ResolvePath(policy.BaseImages.Signature!.Keys[0]));
    }
}
