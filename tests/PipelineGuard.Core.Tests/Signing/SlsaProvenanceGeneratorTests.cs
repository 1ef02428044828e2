using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

public sealed class SlsaProvenanceGeneratorTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset s_now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static SlsaProvenance Generate(Dictionary<string, string> environment, SlsaProvenanceOptions? options = null) =>
        new SlsaProvenanceGenerator(n => environment.GetValueOrDefault(n), new FixedClock(s_now)).Generate(options ?? new SlsaProvenanceOptions()).GetValueOrThrow();

    private static string? At(JsonNode node, params string[] path) => path.Aggregate<string, JsonNode?>(node, (n, p) => n?[p])?.GetValue<string>();

    [Fact]
    public void GitHub_Actions_variables_give_builder_source_and_invocation()
    {
        var provenance = Generate(new()
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_REPOSITORY"] = "acme/shop",
            ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
            ["GITHUB_REF"] = "refs/heads/main",
            ["GITHUB_RUN_ID"] = "42",
            ["GITHUB_RUN_ATTEMPT"] = "2",
            ["RUNNER_ENVIRONMENT"] = "github-hosted",
        });

        var p = provenance.Predicate;
        Assert.Equal(ProvenanceSource.GitHubActions, provenance.Source);
        Assert.Equal("https://github.com/actions/runner/github-hosted", At(p, "runDetails", "builder", "id"));
        Assert.Equal(SlsaProvenanceGenerator.GitHubWorkflowBuildType, At(p, "buildDefinition", "buildType"));
        Assert.Equal("https://github.com/acme/shop/actions/runs/42/attempts/2", At(p, "runDetails", "metadata", "invocationId"));
        Assert.Equal("2026-11-28T12:00:00Z", At(p, "runDetails", "metadata", "startedOn"));
        var source = p["buildDefinition"]!["resolvedDependencies"]![0]!;
        Assert.Equal("git+https://github.com/acme/shop@refs/heads/main", At(source, "uri"));
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", At(source, "digest", "gitCommit"));
    }

    [Fact]
    public void GitLab_CI_variables_are_read()
    {
        var provenance = Generate(new()
        {
            ["GITLAB_CI"] = "true",
            ["CI_SERVER_URL"] = "https://gitlab.example",
            ["CI_PROJECT_PATH"] = "acme/shop",
            ["CI_PROJECT_URL"] = "https://gitlab.example/acme/shop",
            ["CI_RUNNER_ID"] = "7",
            ["CI_COMMIT_SHA"] = "feedface",
            ["CI_COMMIT_REF_NAME"] = "main",
            ["CI_JOB_URL"] = "https://gitlab.example/acme/shop/-/jobs/99",
        });

        Assert.Equal(ProvenanceSource.GitLabCi, provenance.Source);
        Assert.Equal("https://gitlab.example/acme/shop/-/runners/7", At(provenance.Predicate, "runDetails", "builder", "id"));
        Assert.Equal("https://gitlab.example/acme/shop/-/jobs/99", At(provenance.Predicate, "runDetails", "metadata", "invocationId"));
        Assert.Equal("feedface", At(provenance.Predicate, "buildDefinition", "externalParameters", "source", "digest", "gitCommit"));
    }

    [Fact]
    public void Azure_Pipelines_variables_are_read()
    {
        var provenance = Generate(new()
        {
            ["TF_BUILD"] = "True",
            ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.example/acme/",
            ["SYSTEM_TEAMPROJECT"] = "shop",
            ["BUILD_REPOSITORY_URI"] = "https://dev.azure.example/acme/shop/_git/shop",
            ["BUILD_SOURCEVERSION"] = "cafebabe",
            ["BUILD_SOURCEBRANCH"] = "refs/heads/release",
            ["BUILD_BUILDID"] = "1234",
            ["AGENT_NAME"] = "Hosted Agent",
        });

        Assert.Equal(ProvenanceSource.AzurePipelines, provenance.Source);
        Assert.Equal("https://dev.azure.example/acme/shop/_build/results?buildId=1234", At(provenance.Predicate, "runDetails", "metadata", "invocationId"));
        Assert.Equal("git+https://dev.azure.example/acme/shop/_git/shop@refs/heads/release", At(provenance.Predicate["buildDefinition"]!["resolvedDependencies"]![0]!, "uri"));
    }

    [Fact]
    public void Explicit_properties_win_and_dependencies_list_base_images_and_nuget_packages()
    {
        var started = new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);
        var options = new SlsaProvenanceOptions
        {
            BuilderId = "https://builder.example/msbuild",
            BuildType = "https://example.test/buildtype/v1",
            SourceRepository = "https://git.example/shop",
            SourceCommit = "abc123",
            InvocationId = "run-1",
            StartedOn = started,
            BaseImages = [new BaseImageDependency("mcr.example/dotnet/aspnet", "sha256:" + new string('b', 64))],
            NuGetPackages = [new NuGetDependency("Newtonsoft.Json", "13.0.3", "00ff"), new NuGetDependency("Acme.Lib", "1.0.0")],
        };

        var provenance = Generate(new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_REPOSITORY"] = "other/repo", ["GITHUB_SHA"] = "zzz" }, options);

        var p = provenance.Predicate;
        Assert.Equal("https://builder.example/msbuild", At(p, "runDetails", "builder", "id"));
        Assert.Equal("https://example.test/buildtype/v1", At(p, "buildDefinition", "buildType"));
        Assert.Equal("2026-11-28T11:00:00Z", At(p, "runDetails", "metadata", "startedOn"));
        Assert.Equal("2026-11-28T12:00:00Z", At(p, "runDetails", "metadata", "finishedOn"));
        var dependencies = p["buildDefinition"]!["resolvedDependencies"]!.AsArray();
        Assert.StartsWith("git+https://git.example/shop", At(dependencies[0]!, "uri"), StringComparison.Ordinal);
        Assert.Equal("abc123", At(dependencies[0]!, "digest", "gitCommit"));
        Assert.Equal("pkg:docker/mcr.example/dotnet/aspnet@sha256%3A" + new string('b', 64), At(dependencies[1]!, "uri"));
        Assert.Equal(new string('b', 64), At(dependencies[1]!, "digest", "sha256"));
        Assert.Equal("pkg:nuget/Acme.Lib@1.0.0", At(dependencies[2]!, "uri"));
        Assert.Equal("pkg:nuget/Newtonsoft.Json@13.0.3", At(dependencies[3]!, "uri"));
        Assert.Equal("00ff", At(dependencies[3]!, "digest", "sha512"));
    }

    [Fact]
    public void Without_ci_or_properties_the_generator_says_what_is_missing()
    {
        var result = new SlsaProvenanceGenerator(_ => null).Generate(new SlsaProvenanceOptions());

        Assert.Contains("builder id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NuGet_packages_are_read_from_a_cyclonedx_sbom()
    {
        var sbom = """
            {"bomFormat":"CycloneDX","specVersion":"1.6","components":[
              {"type":"library","name":"Newtonsoft.Json","version":"13.0.3","purl":"pkg:nuget/Newtonsoft.Json@13.0.3","hashes":[{"alg":"SHA-512","content":"ABCD"}]},
              {"type":"library","name":"left-pad","purl":"pkg:npm/left-pad@1.3.0"},
              {"type":"library","name":"Acme","purl":"pkg:nuget/Acme@2.0.0-beta.1"}]}
            """u8;

        var packages = SlsaProvenanceGenerator.ReadNuGetPackagesFromCycloneDx(sbom).GetValueOrThrow();

        Assert.Equal([new NuGetDependency("Newtonsoft.Json", "13.0.3", "abcd"), new NuGetDependency("Acme", "2.0.0-beta.1")], packages);
    }

    [Fact]
    public async Task The_provenance_statement_signs_and_verifies_as_slsa_v1()
    {
        using var signer = EcdsaSigner.Generate();
        var provenance = Generate([], new SlsaProvenanceOptions { BuilderId = "https://b.example", SourceRepository = "https://git.example/r", SourceCommit = "1" });
        var statement = provenance.ToStatement([new InTotoSubject("app.zip", new Dictionary<string, string> { ["sha256"] = new string('c', 64) })]);
        var envelope = await Dsse.SignAsync(signer, Dsse.InTotoPayloadType, statement.ToJson());
        var bundle = BundleWriter.Write(new SigstoreBundle(SigstoreBundle.MediaTypeV03, signer.KeyHint, null, envelope));

        var (verified, status) = BundleVerifier.VerifyAttestation(bundle, signer.CreateVerifier(), PredicateTypes.SlsaProvenanceV1, new string('c', 64));

        Assert.True(status.IsValid, status.Message);
        Assert.Equal("https://b.example", verified!.Predicate!["runDetails"]!["builder"]!["id"]!.GetValue<string>());
    }
}
