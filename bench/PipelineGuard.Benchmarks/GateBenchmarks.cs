using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace PipelineGuard.Benchmarks;

/// <summary>The gate's pure parts: loading a policy, evaluating a base image against every rule, writing the reports.</summary>
[MemoryDiagnoser]
public class GateBenchmarks
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    private string _policyText = string.Empty;
    private GatePolicy _policy = null!;
    private BaseImageFacts _facts = null!;
    private GateResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        _policyText = """
            version: 1
            baseImages:
              allowedRegistries: [registry.example.com, "*.mirror.example.com"]
              allowedRepositories: ["registry.example.com/base/**"]
              requireDigest: true
              signature:
                keys: [keys/base.pub]
              attestations:
                - type: https://slsa.dev/provenance/v1
                  keys: [keys/base.pub]
                  builderIds: [https://builds.example.com/b@v1]
                  sourceRepositoryPrefixes: [git+https://git.example.com/]
              maxAgeDays: 45
              deny:
                images: ["**/ubuntu:14.04"]
                tags: [latest]
            rules:
              max-age: warning
            exceptions:
              - rule: max-age
                expires: 2027-01-01
                reason: benchmark
            """;
        _policy = PolicyLoader.Parse(_policyText, "pipelineguard.yaml", "/repo").Policy!;
        var predicate = JsonDocument.Parse("{\"buildDefinition\":{\"externalParameters\":{\"source\":\"git+https://git.example.com/base\"}},\"runDetails\":{\"builder\":{\"id\":\"https://builds.example.com/b@v1\"}}}").RootElement.Clone();
        _facts = new BaseImageFacts
        {
            Written = $"registry.example.com/base/runtime:1.0@{Digest}",
            Location = new SourceLocation("Dockerfile", 3, 6, 90),
            Registry = "registry.example.com",
            Repository = "base/runtime",
            Tag = "1.0",
            WrittenDigest = Digest,
            ResolvedDigest = Digest,
            Created = Now.AddDays(-3),
            Signatures = new SignatureEvidence(1, ["keys/base.pub"]),
            Attestations = new AttestationEvidence(1, [new VerifiedAttestation(PredicateTypeNames.SlsaV1, ["keys/base.pub"], [Digest], predicate)]),
        };
        var builder = new GateResultBuilder(_policy, Now);
        for (var i = 0; i < 20; i++)
        {
            builder.AddBaseImage("Dockerfile", BaseImageEvaluator.Evaluate(_policy.BaseImages, _facts with { Tag = i % 2 == 0 ? "latest" : "1.0", WrittenDigest = i % 3 == 0 ? null : Digest }, Now));
        }

        _result = builder.Build();
    }

    [Benchmark]
    public GatePolicy? LoadPolicy() => PolicyLoader.Parse(_policyText, "pipelineguard.yaml", "/repo").Policy;

    [Benchmark]
    public BaseImageAssessment EvaluateBaseImage() => BaseImageEvaluator.Evaluate(_policy.BaseImages, _facts, Now);

    [Benchmark]
    public int WriteSarif() => SarifWriter.Write(_result).Length;

    [Benchmark]
    public int WriteMarkdown() => MarkdownSummaryWriter.Write(_result).Length;

    [Benchmark]
    public int WriteHtml() => HtmlReportWriter.Write(_result).Length;
}
