using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Notation;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>
/// Notary Project signatures through the command line, on images in a real registry signed like an MCR image: COSE,
/// RSASSA-PSS-SHA-384, a three-certificate chain shaped like Microsoft's and an RFC 3161 timestamp from the test TSA,
/// attached as a referrer (the registry has no referrers API, so through the sha256-HEX tag index).
/// </summary>
public sealed class NotationCommandTests(RegistryFixture registry, NotationCommandTests.Signer signer) : IClassFixture<RegistryFixture>, IClassFixture<NotationCommandTests.Signer>
{
    private const string WrongIdentity = "x509.subject: C=US, ST=Washington, L=Redmond, O=Somebody Else, CN=PipelineGuard Test Signing";

    /// <summary>The test chain and its trust store, shared by the tests (RSA 3072 keys are slow to make).</summary>
    public sealed class Signer : IDisposable
    {
        public Signer()
        {
            Chain.WriteTrustStore(Store);
        }

        public NotationTestChain Chain { get; } = new();

        public string Store { get; } = RepositoryPaths.NewTempDirectory("cli-notation-store");

        public void Dispose() => Chain.Dispose();
    }

    private async Task<Digest> PushAsync(string repository, bool sign)
    {
        var digest = await RegistryImages.PushAsync(registry, repository, "1", repository);
        if (sign)
        {
            using var client = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true });
            await NotationImageWriter.SignAsync(client, repository, await client.ResolveAsync(repository, digest.ToString()), signer.Chain);
        }

        return digest;
    }

    private static string TrustPolicy(string scope, string identity = "x509.subject: C=US, ST=Washington, L=Redmond, O=PipelineGuard Tests, CN=PipelineGuard Test Signing", string level = "strict")
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("cli-tp"), "trustpolicy.json");
        File.WriteAllText(path, NotationTestChain.TrustPolicy(scope, level, identity));
        return path;
    }

    [Fact]
    public async Task Verify_prints_subject_chain_timestamp_level_and_envelope_as_json()
    {
        var digest = await PushAsync("nc/verify", sign: true);

        var (code, output, error) = await CliRunner.RunAsync("verify", $"{registry.Host}/nc/verify:1", "--trust-policy", TrustPolicy($"{registry.Host}/nc/verify"), "--trust-store", signer.Store, "--allow-http-registry", "-o", "json");

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(digest.ToString(), root.GetProperty("digest").GetString());
        Assert.Equal("manifest", root.GetProperty("digestKind").GetString());
        Assert.Equal("application/cose", root.GetProperty("envelopeType").GetString());
        Assert.Equal("strict", root.GetProperty("level").GetString());
        Assert.Equal(signer.Chain.Leaf.SubjectName.Name, root.GetProperty("subject").GetString());
        Assert.Equal(3, root.GetProperty("chain").GetArrayLength());
        Assert.StartsWith("2026-04-10T20:31:26Z by ", root.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Contains("the manifest the reference resolves to", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_fails_on_an_unsigned_image_or_a_wrong_identity()
    {
        await PushAsync("nc/unsigned", sign: false);
        await PushAsync("nc/identity", sign: true);

        var unsigned = await CliRunner.RunAsync("verify", $"{registry.Host}/nc/unsigned:1", "--trust-policy", TrustPolicy("*"), "--trust-store", signer.Store, "--allow-http-registry");
        Assert.Equal(1, unsigned.ExitCode);
        Assert.Contains("no Notary Project signature is attached to", unsigned.Error, StringComparison.Ordinal);

        var skipPolicy = Path.Combine(RepositoryPaths.NewTempDirectory("cli-tp"), "trustpolicy.json");
        File.WriteAllText(skipPolicy, $$"""{ "version": "1.0", "trustPolicies": [ { "name": "skipped", "registryScopes": ["{{registry.Host}}/nc/unsigned"], "signatureVerification": { "level": "skip" } } ] }""");
        var skip = await CliRunner.RunAsync("verify", $"{registry.Host}/nc/unsigned:1", "--trust-policy", skipPolicy, "--trust-store", signer.Store, "--allow-http-registry", "-o", "text");
        Assert.True(skip.ExitCode == 0, skip.Output + skip.Error);
        Assert.Contains("WARNING: trust policy statement 'skipped' has level skip: no signature was verified", skip.Error, StringComparison.Ordinal);
        Assert.Contains("Notation verification of sha256:", skip.Output, StringComparison.Ordinal);
        Assert.Contains("skipped by trust policy statement 'skipped' (level skip)", skip.Output, StringComparison.Ordinal);

        var wrong = await CliRunner.RunAsync("verify", $"{registry.Host}/nc/identity:1", "--trust-policy", TrustPolicy("*", WrongIdentity), "--trust-store", signer.Store, "--allow-http-registry");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("matches none of the trusted identities", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_with_a_trust_policy_and_trust_policy_errors_are_usage_errors_naming_file_field_and_fix()
    {
        var policy = TrustPolicy("*");
        var key = await CliRunner.RunAsync("verify", "registry.example/a:1", "--key", "a.pub", "--trust-policy", policy, "--trust-store", signer.Store);
        Assert.Equal(2, key.ExitCode);
        Assert.Contains("--key and a Notation trust policy", key.Error, StringComparison.Ordinal);

        var dockerfile = RegistryImages.WriteDockerfile("FROM registry.example/a:1\n");
        var checkBase = await CliRunner.RunAsync("check-base", dockerfile, "--key", "a.pub", "--trust-policy-preset", "microsoft-dotnet");
        Assert.Equal(2, checkBase.ExitCode);
        Assert.Contains("--key and a Notation trust policy", checkBase.Error, StringComparison.Ordinal);

        var annotated = await CliRunner.RunAsync("verify", "registry.example/a:1", "-a", "env=prod", "--trust-policy-preset", "microsoft-dotnet");
        Assert.Equal(2, annotated.ExitCode);
        Assert.Contains("-a annotations belong to cosign signatures", annotated.Error, StringComparison.Ordinal);

        var nothing = await CliRunner.RunAsync("verify", "registry.example/a:1");
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("give --key PUB, or a Notation trust policy", nothing.Error, StringComparison.Ordinal);

        var noStore = await CliRunner.RunAsync("verify", "registry.example/a:1", "--trust-policy", policy);
        Assert.Equal(2, noStore.ExitCode);
        Assert.Contains("--trust-policy needs --trust-store", noStore.Error, StringComparison.Ordinal);

        var overlapping = Path.Combine(RepositoryPaths.NewTempDirectory("cli-tp"), "trustpolicy.json");
        File.WriteAllText(overlapping, """
            { "version": "1.0", "trustPolicies": [
              { "name": "a", "registryScopes": ["registry.example/a"], "signatureVerification": { "level": "strict" }, "trustStores": ["ca:test-ca"], "trustedIdentities": ["*"] },
              { "name": "b", "registryScopes": ["registry.example/a"], "signatureVerification": { "level": "strict" }, "trustStores": ["ca:test-ca"], "trustedIdentities": ["*"] } ] }
            """);
        var overlap = await CliRunner.RunAsync("verify", "registry.example/a:1", "--trust-policy", overlapping, "--trust-store", signer.Store);
        Assert.Equal(2, overlap.ExitCode);
        Assert.Contains($"{overlapping}: trustPolicies[1].registryScopes[0]: scope 'registry.example/a' overlaps with statement 'a'", overlap.Error, StringComparison.Ordinal);
        Assert.Contains("remove the scope from one of the statements", overlap.Error, StringComparison.Ordinal);

        var unknownStore = Path.Combine(RepositoryPaths.NewTempDirectory("cli-tp"), "trustpolicy.json");
        File.WriteAllText(unknownStore, NotationTestChain.TrustPolicy("*", stores: "\"ca:missing\""));
        var store = await CliRunner.RunAsync("check-base", dockerfile, "--trust-policy", unknownStore, "--trust-store", signer.Store);
        Assert.Equal(2, store.ExitCode);
        Assert.Contains($"{unknownStore}: trustPolicies[0].trustStores[0]: 'ca:missing'", store.Error, StringComparison.Ordinal);

        var identity = Path.Combine(RepositoryPaths.NewTempDirectory("cli-tp"), "trustpolicy.json");
        File.WriteAllText(identity, NotationTestChain.TrustPolicy("*", identity: "x509.subject: CN=Only A Common Name"));
        var invalid = await CliRunner.RunAsync("pin", dockerfile, "--trust-policy", identity, "--trust-store", signer.Store);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains($"{identity}: trustPolicies[0].trustedIdentities[0]:", invalid.Error, StringComparison.Ordinal);

        var preset = await CliRunner.RunAsync("verify", "registry.example/a:1", "--trust-policy-preset", "mcr");
        Assert.Equal(2, preset.ExitCode);
        Assert.Contains("microsoft-dotnet", preset.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_base_passes_an_MCR_like_signed_base_with_the_matching_policy_and_fails_without_it()
    {
        var digest = await PushAsync("nc/dotnet/aspnet", sign: true);
        await PushAsync("nc/dotnet/unsigned", sign: false);
        var dockerfile = RegistryImages.WriteDockerfile($"FROM {registry.Host}/nc/dotnet/aspnet:1 AS runtime\nFROM runtime\n");
        var scope = $"{registry.Host}/nc/dotnet/aspnet";

        var good = await CliRunner.RunAsync("check-base", dockerfile, "--trust-policy", TrustPolicy(scope), "--trust-store", signer.Store, "--allow-http-registry", "--require-digest");
        Assert.Equal(1, good.ExitCode);
        Assert.Contains($"ok   PG3006 signature: Signed by {signer.Chain.Leaf.SubjectName.Name} (Notary Project application/cose signature on the manifest digest", good.Output, StringComparison.Ordinal);
        Assert.Contains($"It currently resolves to {digest}", good.Output, StringComparison.Ordinal);

        var pinned = RegistryImages.WriteDockerfile($"FROM {registry.Host}/nc/dotnet/aspnet:1@{digest}\n");
        var pass = await CliRunner.RunAsync("check-base", pinned, "--trust-policy", TrustPolicy(scope), "--trust-store", signer.Store, "--allow-http-registry", "--require-digest", "--format", "json");
        Assert.True(pass.ExitCode == 0, pass.Output + pass.Error);
        using (var json = JsonDocument.Parse(pass.Output))
        {
            var notation = json.RootElement.GetProperty("baseImages")[0].GetProperty("notation")[0];
            Assert.Equal("application/cose", notation.GetProperty("envelopeType").GetString());
            Assert.Equal("strict", notation.GetProperty("level").GetString());
            Assert.Equal(digest.ToString(), notation.GetProperty("verifiedDigest").GetString());
            Assert.StartsWith("2026-04-10T20:31:26Z", notation.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        }

        var wrongIdentity = await CliRunner.RunAsync("check-base", pinned, "--trust-policy", TrustPolicy(scope, WrongIdentity), "--trust-store", signer.Store, "--allow-http-registry");
        Assert.Equal(1, wrongIdentity.ExitCode);
        Assert.Contains("FAIL PG3006 signature:", wrongIdentity.Output, StringComparison.Ordinal);
        Assert.Contains("matches none of the trusted identities", wrongIdentity.Output, StringComparison.Ordinal);

        var audit = await CliRunner.RunAsync("check-base", pinned, "--trust-policy", TrustPolicy(scope, WrongIdentity, level: "audit"), "--trust-store", signer.Store, "--allow-http-registry");
        Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
        Assert.Contains("1 logged failure(s))", audit.Output, StringComparison.Ordinal);
        Assert.Contains("note PG3006 signature: Notation trust policy", audit.Output, StringComparison.Ordinal);
        Assert.Contains("at level audit; logged, not enforced: authenticity:", audit.Output, StringComparison.Ordinal);

        var otherScope = await CliRunner.RunAsync("check-base", pinned, "--trust-policy", TrustPolicy($"{registry.Host}/nc/dotnet/sdk"), "--trust-store", signer.Store, "--allow-http-registry");
        Assert.Equal(1, otherScope.ExitCode);
        Assert.Contains($"no statement of trust policy", otherScope.Output, StringComparison.Ordinal);

        var unsigned = await CliRunner.RunAsync("check-base", RegistryImages.WriteDockerfile($"FROM {registry.Host}/nc/dotnet/unsigned:1\n"), "--trust-policy", TrustPolicy("*"), "--trust-store", signer.Store, "--allow-http-registry");
        Assert.Equal(1, unsigned.ExitCode);
        Assert.Contains("FAIL PG3006 signature: No signature is stored", unsigned.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_with_a_notation_policy_passes_the_signed_base_reports_it_everywhere_and_fails_a_wrong_identity()
    {
        var digest = await PushAsync("nc/gate/aspnet", sign: true);
        var folder = RepositoryPaths.NewTempDirectory("cli-gate");
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {registry.Host}/nc/gate/aspnet:1@{digest}\nUSER app\n");
        Directory.CreateDirectory(Path.Combine(folder, "notation"));
        File.Copy(TrustPolicy($"{registry.Host}/nc/gate/aspnet"), Path.Combine(folder, "notation", "trustpolicy.json"));
        CopyDirectory(signer.Store, Path.Combine(folder, "notation"));
        File.WriteAllText(Path.Combine(folder, "pipelineguard.yaml"), $"""
            version: 1
            lint:
              enabled: false
            sbom:
              enabled: false
            registries:
              allowHttp: ["127.0.0.1:*"]
            baseImages:
              requireDigest: true
              signature:
                notation:
                  trustPolicy: notation/trustpolicy.json
                  trustStore: notation
            images:
              references: ["{registry.Host}/nc/gate/aspnet@{digest}"]
              signature:
                notation:
                  trustPolicy: notation/trustpolicy.json
                  trustStore: notation
            """);

        var output = RepositoryPaths.NewTempDirectory("cli-gate-out");
        var (code, stdout, stderr) = await CliRunner.RunAsync("gate", folder, "--output-dir", output);

        Assert.True(code == 0, stdout + stderr);
        var json = File.ReadAllText(Path.Combine(output, "pipelineguard.json"));
        Assert.Contains("\"envelopeType\": \"application/cose\"", json, StringComparison.Ordinal);
        Assert.Contains($"notation: subject {signer.Chain.Leaf.SubjectName.Name}", json, StringComparison.Ordinal);
        var sarif = File.ReadAllText(Path.Combine(output, "pipelineguard.sarif"));
        Assert.Contains("\"envelopeType\": \"application/cose\"", sarif, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(output, "pipelineguard.md"));
        Assert.Contains("notation: envelope application/cose", markdown, StringComparison.Ordinal);
        Assert.Contains("notation: timestamp 2026-04-10T20:31:26Z", markdown, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(output, "pipelineguard.html"));
        Assert.Contains("level strict", html, StringComparison.Ordinal);
        using (var report = JsonDocument.Parse(json))
        {
            var produced = report.RootElement.GetProperty("images")[0];
            Assert.Equal("pass", produced.GetProperty("checks")[0].GetProperty("outcome").GetString());
            Assert.Equal("application/cose", produced.GetProperty("notation")[0].GetProperty("envelopeType").GetString());
        }

        // The same through the gate's flags, with a policy file that has no Notation form.
        var flagsFolder = RepositoryPaths.NewTempDirectory("cli-gate-flags");
        File.Copy(Path.Combine(folder, "Dockerfile"), Path.Combine(flagsFolder, "Dockerfile"));
        File.WriteAllText(Path.Combine(flagsFolder, "pipelineguard.yaml"), "version: 1\nlint:\n  enabled: false\nsbom:\n  enabled: false\nregistries:\n  allowHttp: [\"127.0.0.1:*\"]\nbaseImages:\n  requireDigest: true\n");
        var flags = await CliRunner.RunAsync("gate", flagsFolder, "--output-dir", RepositoryPaths.NewTempDirectory("cli-gate-out"), "--trust-policy", Path.Combine(folder, "notation", "trustpolicy.json"), "--trust-store", Path.Combine(folder, "notation"));
        Assert.True(flags.ExitCode == 0, flags.Output + flags.Error);
        var preset = await CliRunner.RunAsync("gate", flagsFolder, "--output-dir", RepositoryPaths.NewTempDirectory("cli-gate-out"), "--trust-policy-preset", "microsoft-dotnet");
        Assert.Equal(1, preset.ExitCode);
        Assert.Contains("no statement of trust policy microsoft-dotnet applies to", preset.Output + preset.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(folder, "notation", "trustpolicy.json"), NotationTestChain.TrustPolicy($"{registry.Host}/nc/gate/aspnet", identity: WrongIdentity));
        var failed = await CliRunner.RunAsync("gate", folder, "--output-dir", RepositoryPaths.NewTempDirectory("cli-gate-out"));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("matches none of the trusted identities", failed.Output + failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_verifies_before_it_pins()
    {
        var signed = await PushAsync("nc/pin/signed", sign: true);
        await PushAsync("nc/pin/unsigned", sign: false);
        var dockerfile = RegistryImages.WriteDockerfile($"FROM {registry.Host}/nc/pin/signed:1\nFROM {registry.Host}/nc/pin/unsigned:1\n");
        var policy = TrustPolicy("*");

        var (code, output, error) = await CliRunner.RunAsync("pin", dockerfile, "--write", "--trust-policy", policy, "--trust-store", signer.Store, "--allow-http-registry");

        Assert.Equal(1, code);
        Assert.Contains($"nc/pin/signed:1 -> {registry.Host}/nc/pin/signed:1@{signed}", output, StringComparison.Ordinal);
        Assert.Contains("cannot pin", error, StringComparison.Ordinal);
        Assert.Contains("not pinned, because", error, StringComparison.Ordinal);
        Assert.Contains("no Notary Project signature is attached to", error, StringComparison.Ordinal);
        var text = File.ReadAllText(dockerfile);
        Assert.Contains($"nc/pin/signed:1@{signed}", text, StringComparison.Ordinal);
        Assert.Contains($"FROM {registry.Host}/nc/pin/unsigned:1\n", text, StringComparison.Ordinal);

        var check = await CliRunner.RunAsync("pin", dockerfile, "--check", "--trust-policy", policy, "--trust-store", signer.Store);
        Assert.Equal(2, check.ExitCode);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
