using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>
/// PipelineGuardPolicy: the build runs the gate against the repository's sample base image (an OCI layout, signed by
/// the sample's demo key), passes when the policy trusts that key and fails with a canonical PG3006 error when it
/// requires a key that did not sign.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class GateTests
{
    private const string BaseImage = "registry.pipelineguard.test/base/hello-runtime:1.0@sha256:ebbad58488b3a2a23255a54930df3d211bc2e95dd82386629db69e4c8591083b";

    [Fact]
    public async Task A_project_on_the_signed_sample_base_image_passes_the_gate_and_a_no_op_build_skips_it()
    {
        var project = GateProject("GatePasses", "keys/demo.pub");

        var build = await project.SucceedsAsync("build", "-nologo");

        Assert.Contains($"PipelineGuard {RepositoryPaths.PackageVersion}: gate of GatePasses under ", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("pipelineguard gate: PASSED (0 warning(s), 1 base image(s) trusted)", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 base image(s) trusted", build.StandardOutput, StringComparison.Ordinal);
        var gateDir = Path.Combine(project.Directory, "obj", "Debug", "net10.0", "pipelineguard-gate");
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(gateDir, "pipelineguard.json"))))
        {
            Assert.Contains("\"passed\": true", File.ReadAllText(Path.Combine(gateDir, "pipelineguard.json")), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Object, report.RootElement.ValueKind);
        }

        Assert.True(File.Exists(Path.Combine(gateDir, "pipelineguard.md")));
        var fileWrites = Directory.GetFiles(Path.Combine(project.Directory, "obj", "Debug", "net10.0"), "*.FileListAbsolute.txt").Single();
        Assert.Contains(Path.Combine(gateDir, "pipelineguard.json"), File.ReadAllText(fileWrites), StringComparison.Ordinal);

        var again = await project.SucceedsAsync("build", "-nologo", "-v:d");
        Assert.DoesNotContain("pipelineguard gate: PASSED", again.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Skipping target \"PipelineGuardGate\" because all output files are up-to-date", again.StandardOutput, StringComparison.Ordinal);

        await project.SucceedsAsync("clean", "-nologo");
        Assert.False(File.Exists(Path.Combine(gateDir, "pipelineguard.json")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_policy_requiring_a_key_that_did_not_sign_fails_the_build(bool outOfProcess)
    {
        var name = outOfProcess ? "GateFailsOutOfProcess" : "GateFails";
        var project = GateProject(name, "signing.pub");
        await SigningTests.GenerateKeyPairAsync(project.Directory);

        var build = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("PG3006", build.StandardOutput, StringComparison.Ordinal);
        // In and out of process, the finding is a canonical MSBuild error on the Dockerfile's FROM (the tool prints
        // canonical lines with --annotations msbuild, which Exec logs as errors).
        Assert.Contains($"{Path.Combine(project.Directory, "Dockerfile")}(1,6): error PG3006: {BaseImage}: ", build.StandardOutput, StringComparison.Ordinal);
        // The same summary and report lines in and out of process: the in-process task logs what the tool prints.
        Assert.Contains("pipelineguard gate: FAILED (1 blocking finding(s))", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"  report: {Path.Combine("obj", "Debug", "net10.0", "pipelineguard-gate", "pipelineguard.json")}", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"  report: {Path.Combine("obj", "Debug", "net10.0", "pipelineguard-gate", "pipelineguard.md")}", build.StandardOutput, StringComparison.Ordinal);

        // The same errors in and out of process: the finding once, and no MSB3073 for the tool's exit code.
        Assert.DoesNotContain("MSB3073", build.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    1 Error(s)", build.StandardOutput, StringComparison.Ordinal);

        Assert.Contains("\"passed\": false", File.ReadAllText(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "pipelineguard-gate", "pipelineguard.json")), StringComparison.Ordinal);

        // A failed gate leaves no stamp: the next build checks (and fails) again.
        var again = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("PG3006", again.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Notation_trust_policy_property_meets_the_signature_rule_that_the_policys_key_does_not(bool outOfProcess)
    {
        var name = outOfProcess ? "GateNotationOutOfProcess" : "GateNotation";
        var project = GateProject(name, "signing.pub");
        await SigningTests.GenerateKeyPairAsync(project.Directory);
        using var chain = new PipelineGuard.Testing.Notation.NotationTestChain();
        chain.WriteTrustStore(Path.Combine(project.Directory, "notation"));
        File.WriteAllText(Path.Combine(project.Directory, "notation", "trustpolicy.json"), PipelineGuard.Testing.Notation.NotationTestChain.TrustPolicy("registry.pipelineguard.test/base/hello-runtime"));
        using (var layout = PipelineGuard.Oci.OciLayoutStore.Open(Path.Combine(project.Directory, "base-image")))
        {
            var subject = await layout.ResolveAsync(string.Empty, BaseImage[(BaseImage.IndexOf('@', StringComparison.Ordinal) + 1)..]);
            await PipelineGuard.Testing.Notation.NotationImageWriter.SignAsync(layout, string.Empty, subject, chain, tagIndex: false);
        }

        var build = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}", "-p:PipelineGuardTrustPolicy=notation/trustpolicy.json", "-p:PipelineGuardTrustStore=notation");

        Assert.True(build.ExitCode == 0, build.StandardOutput);
        var report = File.ReadAllText(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "pipelineguard-gate", "pipelineguard.json"));
        Assert.Contains("\"envelopeType\": \"application/cose\"", report, StringComparison.Ordinal);

        var both = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}", "-p:PipelineGuardTrustPolicy=notation/trustpolicy.json", "-p:PipelineGuardTrustPolicyPreset=microsoft-dotnet");
        Assert.NotEqual(0, both.ExitCode);
        if (!outOfProcess)
        {
            Assert.Contains("error PGMSB034", both.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Keyless_identity_properties_meet_the_signature_rule_for_the_signer_and_fail_any_other_identity(bool outOfProcess)
    {
        const string Issuer = "https://token.actions.githubusercontent.com";
        const string Workflow = "https://github.com/acme/base/.github/workflows/release.yaml@refs/heads/main";
        var name = outOfProcess ? "GateKeylessOutOfProcess" : "GateKeyless";
        var project = GateProject(name, "signing.pub");
        await SigningTests.GenerateKeyPairAsync(project.Directory);
        using var sigstore = new PipelineGuard.Testing.Sigstore.TestSigstore();
        File.WriteAllBytes(Path.Combine(project.Directory, "trusted_root.json"), sigstore.TrustedRootJson());
        // The keyless signature takes the place of the sample's key-based one (the same sha256-HEX.sig tag).
        await PipelineGuard.Testing.Sigstore.KeylessImageWriter.SignAsync(sigstore, $"oci:{Path.Combine(project.Directory, "base-image")}:1.0",
            new PipelineGuard.Testing.Sigstore.TestIdentity(Workflow, Issuer) { GitHub = ("push", "0123456789abcdef0123456789abcdef01234567", "release", "acme/base", "refs/heads/main") });
        var mode = $"-p:PipelineGuardRunOutOfProcess={outOfProcess}";
        const string Root = "-p:PipelineGuardTrustedRoot=trusted_root.json";

        var pass = await project.DotNetAsync("build", "-nologo", mode, Root, $"-p:PipelineGuardCertificateIdentity={Workflow}", $"-p:PipelineGuardCertificateOidcIssuer={Issuer}", "-p:PipelineGuardCertificateGitHubWorkflowRepository=acme/base");

        Assert.True(pass.ExitCode == 0, pass.StandardOutput);
        var report = File.ReadAllText(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "pipelineguard-gate", "pipelineguard.json"));
        Assert.Contains($"keyless signer {Workflow} (issuer {Issuer}), transparency log index", report, StringComparison.Ordinal);
        // The trusted root decides the outcome as the keys do: it is listed among the gate's inputs.
        Assert.Contains(Path.Combine(project.Directory, "trusted_root.json"), File.ReadAllLines(Path.Combine(project.Directory, "obj", "Debug", "pipelineguard", "gate-inputs.txt")));

        var other = await project.DotNetAsync("build", "-nologo", mode, Root, "-p:PipelineGuardCertificateIdentity=release@acme.test", $"-p:PipelineGuardCertificateOidcIssuer={Issuer}");
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("error PG3006", other.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"expected identity 'release@acme.test', found '{Workflow}'", other.StandardOutput, StringComparison.Ordinal);

        var withKey = await project.DotNetAsync("build", "-nologo", mode, Root, "-p:PipelineGuardKey=signing.pub", $"-p:PipelineGuardCertificateIdentity={Workflow}", $"-p:PipelineGuardCertificateOidcIssuer={Issuer}");
        Assert.NotEqual(0, withKey.ExitCode);
        // Out of process the tool's usage error (exit 2) fails the build as PGMSB032, as a Notation trust policy's does.
        Assert.Contains(outOfProcess ? "pipelineguard exited with 2" : "error PGMSB035", withKey.StandardOutput, StringComparison.Ordinal);

        var noIssuer = await project.DotNetAsync("build", "-nologo", mode, Root, $"-p:PipelineGuardCertificateIdentity={Workflow}");
        Assert.NotEqual(0, noIssuer.ExitCode);
        Assert.Contains(outOfProcess ? "pipelineguard exited with 2" : "exactly one of PipelineGuardCertificateOidcIssuer and PipelineGuardCertificateOidcIssuerRegExp is required", noIssuer.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_key_property_meets_the_signature_rule_that_the_policys_key_does_not(bool outOfProcess)
    {
        var name = outOfProcess ? "GateKeyPropertyOutOfProcess" : "GateKeyProperty";
        var project = GateProject(name, "signing.pub");
        await SigningTests.GenerateKeyPairAsync(project.Directory);

        var build = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}", "-p:PipelineGuardKey=keys/demo.pub");

        Assert.True(build.ExitCode == 0, build.StandardOutput);
        var missing = await project.DotNetAsync("build", "-nologo", $"-p:PipelineGuardRunOutOfProcess={outOfProcess}", "-p:PipelineGuardKey=keys/absent.pub");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("PGMSB032", missing.StandardOutput, StringComparison.Ordinal);
        if (!outOfProcess)
        {
            Assert.Contains("absent.pub", missing.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_changed_key_or_a_new_day_runs_a_gate_that_passed_again(bool outOfProcess)
    {
        // The gate's Inputs named only the policy, the Dockerfiles and the project: once it had passed, replacing the
        // key it trusts (or the day an exception expires coming) left the build skipping it.
        var name = outOfProcess ? "GateInputsOutOfProcess" : "GateInputs";
        var project = GateProject(name, "keys/demo.pub", "exceptions:\n  - rule: max-age\n    expires: 2099-12-31\n    reason: the sample image is old\n");
        var mode = $"-p:PipelineGuardRunOutOfProcess={outOfProcess}";
        await project.SucceedsAsync("build", "-nologo", mode);
        var intermediate = Path.Combine(project.Directory, "obj", "Debug", "pipelineguard");
        var listed = File.ReadAllLines(Path.Combine(intermediate, "gate-inputs.txt"));
        Assert.Contains(Path.Combine(project.Directory, "keys", "demo.pub"), listed);
        Assert.Contains(Path.Combine(project.Directory, "base-image", "index.json"), listed);
        Assert.Contains(":daily", listed);

        var skipped = await project.SucceedsAsync("build", "-nologo", "-v:d", mode);
        Assert.Contains("Skipping target \"PipelineGuardGate\" because all output files are up-to-date", skipped.StandardOutput, StringComparison.Ordinal);

        // The next day: the day stamp holds another date, so the gate runs (and passes) again.
        File.WriteAllText(Path.Combine(intermediate, "gate.day"), "2000-01-01\n");
        var nextDay = await project.SucceedsAsync("build", "-nologo", "-v:d", mode);
        Assert.DoesNotContain("Skipping target \"PipelineGuardGate\" because all output files are up-to-date", nextDay.StandardOutput, StringComparison.Ordinal);

        // Another key in the trusted key's place: the gate runs and fails.
        await SigningTests.GenerateKeyPairAsync(project.Directory);
        File.Copy(Path.Combine(project.Directory, "signing.pub"), Path.Combine(project.Directory, "keys", "demo.pub"), overwrite: true);
        File.SetLastWriteTimeUtc(Path.Combine(project.Directory, "keys", "demo.pub"), DateTime.UtcNow.AddMinutes(1));
        var changed = await project.DotNetAsync("build", "-nologo", mode);
        Assert.NotEqual(0, changed.ExitCode);
        Assert.Contains("PG3006", changed.StandardOutput, StringComparison.Ordinal);
    }

    internal static SampleProject GateProject(string name, string trustedKey, string extraPolicy = "")
    {
        var policy = $"""
            version: 1
            lint:
              enabled: false
            sbom:
              enabled: false
            baseImages:
              allowedRegistries: [registry.pipelineguard.test]
              requireDigest: true
              signature:
                keys: [{trustedKey}]
            registries:
              layouts:
                registry.pipelineguard.test/base/hello-runtime: base-image
            """;
        var project = EndToEnd.ConsoleApp(name, "<PipelineGuardPolicy>pipelineguard.yaml</PipelineGuardPolicy>", new Dictionary<string, string>
        {
            ["Dockerfile"] = $"FROM {BaseImage}\nUSER 10001\n",
            ["pipelineguard.yaml"] = policy + "\n" + extraPolicy,
        });
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "HelloService");
        CopyDirectory(Path.Combine(sample, "base-image"), Path.Combine(project.Directory, "base-image"));
        Directory.CreateDirectory(Path.Combine(project.Directory, "keys"));
        File.Copy(Path.Combine(sample, "keys", "demo.pub"), Path.Combine(project.Directory, "keys", "demo.pub"));
        return project;
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
