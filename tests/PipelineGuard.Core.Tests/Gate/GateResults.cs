using System.Text.Json;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>A fixed gate result with every kind of finding, for the writer tests.</summary>
internal static class GateResults
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static GatePolicy Policy => PolicyLoader.Parse("""
        version: 1
        rules:
          max-age: { severity: error, couldNotCheck: warning }
        exceptions:
          - rule: denied-tag
            image: "docker.io/library/node:*"
            expires: 2027-03-31
            reason: build stage only; replaced by the signed SDK image in Q1
          - rule: allowed-registry
            expires: 2026-01-31
            reason: old mirror
        """, "pipelineguard.yaml", "/repo").Policy!;

    public static GateResult Sample()
    {
        var trusted = new BaseImageFacts
        {
            Written = $"registry.pipelineguard.test/base/runtime:1.0@{Digest}",
            Location = new SourceLocation("Dockerfile", 7, 6, 90),
            Registry = "registry.pipelineguard.test",
            Repository = "base/runtime",
            Tag = "1.0",
            WrittenDigest = Digest,
            ResolvedDigest = Digest,
            Created = Now.AddDays(-20),
            Signatures = new SignatureEvidence(1, ["keys/base.pub"]),
            Attestations = new AttestationEvidence(1, [new VerifiedAttestation(PredicateTypeNames.SlsaV1, ["keys/base.pub"], [Digest], JsonDocument.Parse("{\"runDetails\":{\"builder\":{\"id\":\"https://builds.pipelineguard.test/b@v1\"}}}").RootElement.Clone())]),
        };
        var node = new BaseImageFacts
        {
            Written = "node:latest",
            Location = new SourceLocation("Dockerfile", 2, 6, 17),
            Registry = "docker.io",
            Repository = "library/node",
            Tag = "latest",
            ResolutionError = "registry docker.io is not allowed, so it was not contacted",
        };
        var rules = new BaseImageRules
        {
            AllowedRegistries = ["registry.pipelineguard.test"],
            RequireDigest = true,
            DeniedTags = ["latest"],
            Signature = new SignatureRequirement(["keys/base.pub"]),
            Attestations = [new AttestationRequirement { PredicateType = PredicateTypeNames.SlsaV1, Keys = ["keys/base.pub"] }],
            MaxAgeDays = 90,
        };
        var builder = new GateResultBuilder(Policy, Now);
        builder.AddLintFinding("DL3007", "warning", "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag", new SourceLocation("Dockerfile", 2, 1, 1));
        builder.AddBaseImage("Dockerfile", BaseImageEvaluator.Evaluate(rules, node, Now));
        builder.AddBaseImage("Dockerfile", BaseImageEvaluator.Evaluate(rules, trusted, Now));
        builder.AddBaseImage("Dockerfile", BaseImageEvaluator.Evaluate(rules, new BaseImageFacts { Written = "scratch", IsScratch = true, Location = new SourceLocation("Dockerfile", 12, 6, 13) }, Now));
        builder.WithSbom(new SbomSummary("HelloService.cdx.json", 5, new Dictionary<string, int> { ["MIT"] = 3, ["Apache-2.0"] = 1, ["unknown"] = 1 }, new Dictionary<string, int> { ["required"] = 4, ["optional"] = 1 }));
        return builder.Build() with { ToolVersion = "0.0.0-test" };
    }
}
