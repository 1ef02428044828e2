using System.Text.Json.Nodes;
using PipelineGuard.Provenance.Build;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Provenance;

/// <summary>
/// <c>pipelineguard provenance</c>: SLSA provenance v1 from a GitHub Actions job (GitHub's workflow build type), a local
/// build from the git checkout, schema-valid, and accepted by <c>attest-blob</c> as a whole statement.
/// </summary>
public sealed class ProvenanceJobTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly PasswordSource Passwords = PasswordSource.Fixed("provenance test");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    internal static Dictionary<string, string> GitHubActions() => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "acme/shop",
        ["GITHUB_REPOSITORY_ID"] = "123",
        ["GITHUB_REPOSITORY_OWNER_ID"] = "45",
        ["GITHUB_SHA"] = Commit,
        ["GITHUB_REF"] = "refs/heads/main",
        ["GITHUB_WORKFLOW_REF"] = "acme/shop/.github/workflows/release.yml@refs/heads/main",
        ["GITHUB_EVENT_NAME"] = "push",
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_RUN_ATTEMPT"] = "1",
        ["RUNNER_ENVIRONMENT"] = "github-hosted",
    };

    private static string? At(JsonNode? node, params string[] path) => path.Aggregate(node, (n, p) => n?[p])?.GetValue<string>();

    [Fact]
    public async Task A_GitHub_Actions_job_gives_the_workflow_build_type_and_the_statement_attests_and_verifies()
    {
        var folder = RepositoryPaths.NewTempDirectory("provenance-gh");
        var artifact = Path.Combine(folder, "app.tgz");
        File.WriteAllText(artifact, "the artifact");
        var output = Path.Combine(folder, "provenance.json");
        var environment = GitHubActions();

        var result = await ProvenanceJob.RunAsync(new ProvenanceJobOptions
        {
            Subjects = [artifact, "registry.example/shop@sha256:" + new string('a', 64)],
            OutputPath = output,
            BaseImages = ["mcr.microsoft.com/dotnet/aspnet@sha256:" + new string('b', 64)],
            Environment = n => environment.GetValueOrDefault(n),
            Clock = new FixedClock(new DateTimeOffset(2026, 12, 4, 5, 0, 0, TimeSpan.Zero)),
        });

        Assert.True(result.Statement is not null, result.Error);
        Assert.Equal(ProvenanceSource.GitHubActions, result.Source);
        var json = JsonNode.Parse(File.ReadAllText(output))!;
        var predicate = json["predicate"];
        Assert.Equal(SlsaProvenanceGenerator.GitHubWorkflowBuildType, At(predicate, "buildDefinition", "buildType"));
        Assert.Equal("https://github.com/acme/shop", At(predicate, "buildDefinition", "externalParameters", "workflow", "repository"));
        Assert.Equal(".github/workflows/release.yml", At(predicate, "buildDefinition", "externalParameters", "workflow", "path"));
        Assert.Equal("refs/heads/main", At(predicate, "buildDefinition", "externalParameters", "workflow", "ref"));
        Assert.Equal("push", At(predicate, "buildDefinition", "internalParameters", "github", "event_name"));
        Assert.Equal("123", At(predicate, "buildDefinition", "internalParameters", "github", "repository_id"));
        Assert.Equal("https://github.com/actions/runner/github-hosted", At(predicate, "runDetails", "builder", "id"));
        var dependencies = predicate!["buildDefinition"]!["resolvedDependencies"]!.AsArray();
        Assert.Equal("git+https://github.com/acme/shop@refs/heads/main", At(dependencies[0], "uri"));
        Assert.Equal(Commit, At(dependencies[0], "digest", "gitCommit"));
        Assert.Contains(dependencies, d => At(d, "digest", "sha256") == new string('b', 64));
        Assert.Equal(2, json["subject"]!.AsArray().Count);

        var schema = await NodeInterop.RunAsync("validate-policy.mjs", Path.Combine(RepositoryPaths.Root, "schemas", "slsa-provenance-v1.schema.json"), output);
        Assert.True(schema.ExitCode == 0, schema.ToString());
        // The schema check can fail: without a builder id the same statement is invalid.
        var broken = Path.Combine(folder, "broken.json");
        var copy = JsonNode.Parse(File.ReadAllText(output))!;
        copy["predicate"]!["runDetails"]!["builder"]!.AsObject().Remove("id");
        File.WriteAllText(broken, copy.ToJsonString());
        Assert.Equal(1, (await NodeInterop.RunAsync("validate-policy.mjs", Path.Combine(RepositoryPaths.Root, "schemas", "slsa-provenance-v1.schema.json"), broken)).ExitCode);

        // attest-blob takes the whole statement: its type is the default, and the file must be one of its subjects.
        var pair = (await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(Path.Combine(folder, "cosign")), Passwords)).GetValueOrThrow();
        var (keyFile, publicFile) = (pair.PrivateKeyPath, pair.PublicKeyPath);
        var bundle = Path.Combine(folder, "app.tgz.sigstore.json");
        var attested = await BlobSigning.AttestAsync(new AttestBlobOptions(artifact, output, null, keyFile, bundle), Passwords);
        Assert.True(attested.Succeeded, attested.Error);
        Assert.Equal(PredicateTypes.SlsaProvenanceV1, attested.Value!.PredicateType);

        var verified = await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(artifact, publicFile, bundle, "slsaprovenance1"));
        Assert.True(verified.Status.IsValid, verified.Status.Message);
        Assert.Equal("https://github.com/acme/shop", At(verified.Statement!.Predicate, "buildDefinition", "externalParameters", "workflow", "repository"));

        // Any changed byte of the bundle fails.
        var bytes = File.ReadAllBytes(bundle);
        var payload = System.Text.Encoding.UTF8.GetString(bytes).IndexOf("\"payload\"", StringComparison.Ordinal) + 14;
        bytes[payload] = (byte)(bytes[payload] == 'A' ? 'B' : 'A');
        File.WriteAllBytes(bundle, bytes);
        Assert.False((await BlobSigning.VerifyAttestationAsync(new VerifyBlobAttestationOptions(artifact, publicFile, bundle, "slsaprovenance1"))).Status.IsValid);
    }

    [Fact]
    public async Task Outside_CI_it_is_a_local_build_whose_source_is_the_git_checkout_without_credentials()
    {
        var folder = RepositoryPaths.NewTempDirectory("provenance-local");
        var git = Directory.CreateDirectory(Path.Combine(folder, ".git")).FullName;
        File.WriteAllText(Path.Combine(git, "HEAD"), "ref: refs/heads/feature/x\n");
        File.WriteAllText(Path.Combine(git, "packed-refs"), $"# pack-refs with: peeled fully-peeled sorted\n{Commit} refs/heads/feature/x\n");
        File.WriteAllText(Path.Combine(git, "config"), "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://builder:s3cr3t-t0ken@git.example/acme/shop.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
        var artifact = Path.Combine(folder, "app.zip");
        File.WriteAllText(artifact, "zip");
        var output = Path.Combine(folder, "provenance.json");

        var result = await ProvenanceJob.RunAsync(new ProvenanceJobOptions { Subjects = [artifact], OutputPath = output, WorkingDirectory = folder, Environment = _ => null });

        Assert.True(result.Statement is not null, result.Error);
        Assert.Equal(ProvenanceSource.Local, result.Source);
        var text = File.ReadAllText(output);
        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
        var predicate = JsonNode.Parse(text)!["predicate"];
        Assert.Equal(SlsaProvenanceGenerator.LocalBuilderId, At(predicate, "runDetails", "builder", "id"));
        Assert.Equal("Local", At(predicate, "buildDefinition", "internalParameters", "ci"));
        Assert.Equal("https://git.example/acme/shop.git", At(predicate, "buildDefinition", "externalParameters", "source", "uri"));
        Assert.Equal(Commit, At(predicate, "buildDefinition", "externalParameters", "source", "digest", "gitCommit"));
        Assert.Equal("refs/heads/feature/x", At(predicate, "buildDefinition", "externalParameters", "source", "ref"));
        var schema = await NodeInterop.RunAsync("validate-policy.mjs", Path.Combine(RepositoryPaths.Root, "schemas", "slsa-provenance-v1.schema.json"), output);
        Assert.True(schema.ExitCode == 0, schema.ToString());
    }

    [Theory]
    [InlineData("missing.bin", null, "missing.bin: cannot read the subject")]
    [InlineData("app", "mcr.microsoft.com/dotnet/aspnet:8.0", "--base-image 'mcr.microsoft.com/dotnet/aspnet:8.0': give the image pinned")]
    public async Task Bad_subjects_and_base_images_are_named_and_nothing_is_written(string subject, string? baseImage, string error)
    {
        var folder = RepositoryPaths.NewTempDirectory("provenance-bad");
        File.WriteAllText(Path.Combine(folder, "app"), "x");
        var output = Path.Combine(folder, "provenance.json");
        var environment = GitHubActions();

        var result = await ProvenanceJob.RunAsync(new ProvenanceJobOptions
        {
            Subjects = [Path.Combine(folder, subject)],
            OutputPath = output,
            BaseImages = baseImage is null ? [] : [baseImage],
            Environment = n => environment.GetValueOrDefault(n),
        });

        Assert.Null(result.Statement);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Attest_blob_refuses_a_statement_about_another_file_or_of_another_type()
    {
        var folder = RepositoryPaths.NewTempDirectory("provenance-attest");
        File.WriteAllText(Path.Combine(folder, "a.bin"), "a");
        File.WriteAllText(Path.Combine(folder, "b.bin"), "b");
        var output = Path.Combine(folder, "provenance.json");
        var environment = GitHubActions();
        var result = await ProvenanceJob.RunAsync(new ProvenanceJobOptions { Subjects = [Path.Combine(folder, "a.bin")], OutputPath = output, Environment = n => environment.GetValueOrDefault(n) });
        Assert.True(result.Statement is not null, result.Error);
        var keyFile = (await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(Path.Combine(folder, "cosign")), Passwords)).GetValueOrThrow().PrivateKeyPath;

        var other = await BlobSigning.AttestAsync(new AttestBlobOptions(Path.Combine(folder, "b.bin"), output, null, keyFile, Path.Combine(folder, "b.bundle")), Passwords);
        Assert.False(other.Succeeded);
        Assert.Contains("the statement is not about", other.Error, StringComparison.Ordinal);

        var wrongType = await BlobSigning.AttestAsync(new AttestBlobOptions(Path.Combine(folder, "a.bin"), output, "cyclonedx", keyFile, Path.Combine(folder, "a.bundle")), Passwords);
        Assert.False(wrongType.Succeeded);
        Assert.Contains("but the statement in", wrongType.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "a.bundle")));
    }
}
