using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>The blob verbs end to end, with @sigstore/verify as the independent judge of every bundle.</summary>
public sealed class BlobCommandTests
{
    private static async Task<(string Dir, string Prefix, string Artifact)> SetUpAsync()
    {
        var dir = RepositoryPaths.NewTempDirectory("blob");
        var prefix = await Cli.NewKeyPairAsync(dir);
        var artifact = Path.Combine(dir, "App.1.0.0.nupkg");
        await File.WriteAllBytesAsync(artifact, Encoding.UTF8.GetBytes("pretend this is a package " + Guid.NewGuid()));
        return (dir, prefix, artifact);
    }

    private static async Task<string> CopyWithChangedByteAsync(string path, Func<byte[], byte[]> change)
    {
        var copy = path + ".tampered";
        await File.WriteAllBytesAsync(copy, change(await File.ReadAllBytesAsync(path)));
        return copy;
    }

    private static byte[] EditJson(byte[] json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static string FlipOneByte(string base64, int index)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[index] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    [Fact]
    public async Task Sign_blob_prints_the_signature_and_its_bundle_verifies_here_and_with_sigstore_verify()
    {
        var (_, prefix, artifact) = await SetUpAsync();
        var bundle = artifact + ".sigstore.json";

        var sign = await Cli.RunAsync("sign-blob", artifact, "--key", prefix + ".key", "--bundle", bundle, "--output-signature", artifact + ".sig");

        Assert.Equal(0, sign.ExitCode);
        Assert.Equal(sign.Output.Trim(), await File.ReadAllTextAsync(artifact + ".sig"));
        Assert.Equal(0, (await Cli.RunAsync("verify-blob", artifact, "--key", prefix + ".pub", "--bundle", bundle)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("verify-blob", artifact, "--key", prefix + ".pub", "--signature", artifact + ".sig")).ExitCode);
        var node = await NodeInterop.RunAsync("verify-bundle.mjs", bundle, prefix + ".pub", artifact);
        Assert.True(node.ExitCode == 0, node.ToString());
    }

    [Fact]
    public async Task One_changed_signature_byte_in_the_bundle_is_rejected_here_and_by_sigstore_verify()
    {
        var (_, prefix, artifact) = await SetUpAsync();
        var bundle = artifact + ".sigstore.json";
        Assert.Equal(0, (await Cli.RunAsync("sign-blob", artifact, "--key", prefix + ".key", "--bundle", bundle)).ExitCode);
        var tampered = await CopyWithChangedByteAsync(bundle, json => EditJson(json, b =>
            b["messageSignature"]!["signature"] = FlipOneByte(b["messageSignature"]!["signature"]!.GetValue<string>(), 20)));

        var ours = await Cli.RunAsync("verify-blob", artifact, "--key", prefix + ".pub", "--bundle", tampered);
        var node = await NodeInterop.RunAsync("verify-bundle.mjs", tampered, prefix + ".pub", artifact);

        Assert.Equal(1, ours.ExitCode);
        Assert.Contains("SignatureMismatch", ours.Error, StringComparison.Ordinal);
        Assert.True(node.ExitCode == 1, node.ToString());
    }

    [Fact]
    public async Task One_changed_artifact_byte_is_rejected_here_and_by_sigstore_verify()
    {
        var (_, prefix, artifact) = await SetUpAsync();
        var bundle = artifact + ".sigstore.json";
        Assert.Equal(0, (await Cli.RunAsync("sign-blob", artifact, "--key", prefix + ".key", "--bundle", bundle)).ExitCode);
        var changed = await CopyWithChangedByteAsync(artifact, bytes => { bytes[0] ^= 0x20; return bytes; });

        Assert.Equal(1, (await Cli.RunAsync("verify-blob", changed, "--key", prefix + ".pub", "--bundle", bundle)).ExitCode);
        Assert.Equal(1, (await NodeInterop.RunAsync("verify-bundle.mjs", bundle, prefix + ".pub", changed)).ExitCode);
    }

    [Fact]
    public async Task A_signature_by_another_key_is_rejected_here_and_by_sigstore_verify()
    {
        var (dir, prefix, artifact) = await SetUpAsync();
        var other = await Cli.NewKeyPairAsync(dir, "other");
        var bundle = artifact + ".sigstore.json";
        Assert.Equal(0, (await Cli.RunAsync("sign-blob", artifact, "--key", prefix + ".key", "--bundle", bundle)).ExitCode);

        Assert.Equal(1, (await Cli.RunAsync("verify-blob", artifact, "--key", other + ".pub", "--bundle", bundle)).ExitCode);
        Assert.Equal(1, (await NodeInterop.RunAsync("verify-bundle.mjs", bundle, other + ".pub", artifact)).ExitCode);
    }

    [Fact]
    public async Task An_slsa_attestation_round_trips_and_verifies_with_sigstore_verify()
    {
        var (dir, prefix, artifact) = await SetUpAsync();
        var predicate = Path.Combine(dir, "provenance.json");
        await File.WriteAllTextAsync(predicate, "{\"buildDefinition\":{\"buildType\":\"https://pipelineguard.dev/build/v1\",\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"https://ci.example/builder\"}}}");
        var bundle = artifact + ".intoto.sigstore.json";

        var attest = await Cli.RunAsync("attest-blob", artifact, "--predicate", predicate, "--type", "slsaprovenance1", "--key", prefix + ".key", "--bundle", bundle);

        Assert.True(attest.ExitCode == 0, attest.Error);
        Assert.Equal(0, (await Cli.RunAsync("verify-blob-attestation", artifact, "--key", prefix + ".pub", "--bundle", bundle, "--type", "slsaprovenance1")).ExitCode);
        var wrongType = await Cli.RunAsync("verify-blob-attestation", artifact, "--key", prefix + ".pub", "--bundle", bundle, "--type", "cyclonedx");
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Contains("PredicateTypeMismatch", wrongType.Error, StringComparison.Ordinal);
        var node = await NodeInterop.RunAsync("verify-bundle.mjs", bundle, prefix + ".pub", artifact);
        Assert.True(node.ExitCode == 0, node.ToString());
    }

    [Fact]
    public async Task One_changed_byte_of_the_dsse_payload_is_rejected_here_and_by_sigstore_verify()
    {
        var (dir, prefix, artifact) = await SetUpAsync();
        var predicate = Path.Combine(dir, "sbom.json");
        await File.WriteAllTextAsync(predicate, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}");
        var bundle = artifact + ".intoto.sigstore.json";
        Assert.Equal(0, (await Cli.RunAsync("attest-blob", artifact, "--predicate", predicate, "--type", "cyclonedx", "--key", prefix + ".key", "--bundle", bundle)).ExitCode);
        var tampered = await CopyWithChangedByteAsync(bundle, json => EditJson(json, b =>
            b["dsseEnvelope"]!["payload"] = FlipOneByte(b["dsseEnvelope"]!["payload"]!.GetValue<string>(), 60)));

        Assert.Equal(0, (await NodeInterop.RunAsync("verify-bundle.mjs", bundle, prefix + ".pub", artifact)).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync("verify-blob-attestation", artifact, "--key", prefix + ".pub", "--bundle", tampered, "--type", "cyclonedx")).ExitCode);
        var node = await NodeInterop.RunAsync("verify-bundle.mjs", tampered, prefix + ".pub", artifact);
        Assert.True(node.ExitCode == 1, node.ToString());
    }

    [Fact]
    public async Task The_attestation_must_be_about_the_given_file()
    {
        var (dir, prefix, artifact) = await SetUpAsync();
        var predicate = Path.Combine(dir, "p.json");
        await File.WriteAllTextAsync(predicate, "{}");
        var bundle = artifact + ".intoto.sigstore.json";
        Assert.Equal(0, (await Cli.RunAsync("attest-blob", artifact, "--predicate", predicate, "--type", "https://example.test/predicate/v1", "--key", prefix + ".key", "--bundle", bundle)).ExitCode);
        var other = Path.Combine(dir, "other.bin");
        await File.WriteAllTextAsync(other, "not the attested file");

        var result = await Cli.RunAsync("verify-blob-attestation", other, "--key", prefix + ".pub", "--bundle", bundle);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SubjectDigestMismatch", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await NodeInterop.RunAsync("verify-bundle.mjs", bundle, prefix + ".pub", other)).ExitCode);
    }

    [Fact]
    public async Task Bad_input_gives_clear_errors_and_the_right_exit_codes()
    {
        var (dir, prefix, artifact) = await SetUpAsync();
        var notJson = Path.Combine(dir, "broken.json");
        await File.WriteAllTextAsync(notJson, "{\"buildDefinition\": ");

        var both = await Cli.RunAsync("verify-blob", artifact, "--key", prefix + ".pub", "--bundle", "a", "--signature", "b");
        var badPredicate = await Cli.RunAsync("attest-blob", artifact, "--predicate", notJson, "--type", "slsaprovenance1", "--key", prefix + ".key", "--bundle", artifact + ".b");
        var missingKey = await Cli.RunAsync("sign-blob", artifact, "--key", Path.Combine(dir, "missing.key"));
        var badType = await Cli.RunAsync("attest-blob", artifact, "--predicate", notJson, "--type", "not a uri", "--key", prefix + ".key", "--bundle", artifact + ".b");

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(1, badPredicate.ExitCode);
        Assert.Contains("broken.json", badPredicate.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(artifact + ".b"));
        Assert.Equal(1, missingKey.ExitCode);
        Assert.Contains("missing.key", missingKey.Error, StringComparison.Ordinal);
        Assert.Contains("neither a known predicate type", badType.Error, StringComparison.Ordinal);
    }

    [VectorFact]
    public async Task Vector_signatures_verify_through_the_command_line()
    {
        var dir = Path.Combine(RepositoryPaths.Vectors!, "cosign-keys");
        var artifact = Path.Combine(dir, "artifact.txt");

        Assert.Equal(0, (await Cli.RunAsync("verify-blob", artifact, "--key", Path.Combine(dir, "p256-n65536.pub"), "--signature", Path.Combine(dir, "p256-n65536.artifact.sig"))).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync("verify-blob", artifact, "--key", Path.Combine(dir, "p256-n32768.pub"), "--signature", Path.Combine(dir, "p256-n65536.artifact.sig"))).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("verify-blob-attestation", artifact, "--key", Path.Combine(dir, "p256-n32768.pub"), "--bundle", Path.Combine(dir, "p256-n32768.artifact.intoto.sigstore.json"), "--type", "slsaprovenance1")).ExitCode);
    }
}
