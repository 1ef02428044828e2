using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Signing;

/// <summary>sign / verify / attest / verify-attestation against a real registry.</summary>
public sealed class ImageSigningRegistryTests : IClassFixture<RegistryFixture>
{
    private readonly RegistryFixture _registry;

    public ImageSigningRegistryTests(RegistryFixture registry) => _registry = registry;

    private RegistryClient Client() => new(_registry.Host, new RegistryClientOptions { AllowHttp = true, Credentials = new CredentialChain(), RequestTimeout = TimeSpan.FromSeconds(20) });

    private async Task<(string Reference, Digest Digest)> PushAsync(string repository, string tag, string marker)
    {
        var layout = new OciLayoutBuilder()
            .AddLayer(LayerEntry.File("app/marker.txt", marker))
            .WithLabel("marker", marker)
            .Write(RepositoryPaths.NewTempDirectory("img"), tag);
        using var source = OciLayoutStore.Open(layout.Directory);
        using var client = Client();
        var digest = await ImageCopier.CopyAsync(source, string.Empty, layout.Tag, client, repository, tag);
        return ($"{_registry.Host}/{repository}:{tag}", digest);
    }

    private static async Task<string> KeysAsync(string name = "cosign") => await Cli.NewKeyPairAsync(RepositoryPaths.NewTempDirectory("imgkeys"), name);

    private async Task<OciManifest> SignatureManifestAsync(string repository, Digest digest, string suffix = ".sig")
    {
        using var client = Client();
        return (await client.GetManifestAsync(repository, digest.ToTagSchema() + suffix)).Parse("test");
    }

    [Fact]
    public async Task Sign_then_verify_passes_and_prints_the_payload_naming_the_digest()
    {
        var (image, digest) = await PushAsync("sign/basic", "1.0", "basic");
        var key = await KeysAsync();

        var sign = await Cli.RunAsync("sign", image, "--key", key + ".key", "--allow-http-registry");
        var verify = await Cli.RunAsync("verify", image, "--key", key + ".pub", "--allow-http-registry", "--output", "json");

        Assert.True(sign.ExitCode == 0, sign.Error);
        Assert.True(verify.ExitCode == 0, verify.Error);
        var payloads = JsonNode.Parse(verify.Output)!.AsArray();
        Assert.Equal(digest.ToString(), payloads.Single()!["critical"]!["image"]!["docker-manifest-digest"]!.GetValue<string>());
        Assert.Equal($"{_registry.Host}/sign/basic", payloads.Single()!["critical"]!["identity"]!["docker-reference"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_signature_manifest_is_laid_out_as_cosign_writes_it()
    {
        var (image, digest) = await PushAsync("sign/layout", "1.0", "layout");
        var key = await KeysAsync();
        Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", key + ".key", "--allow-http-registry")).ExitCode);

        using var client = Client();
        var content = await client.GetManifestAsync("sign/layout", digest.ToTagSchema() + ".sig");
        var manifest = content.Parse("test");
        var config = await client.GetBlobAsync("sign/layout", manifest.Config!.Digest, 1 << 20);

        Assert.Equal(OciMediaTypes.ImageManifest, content.MediaType);
        Assert.Equal(OciMediaTypes.ImageConfig, manifest.Config.MediaType);
        var layer = Assert.Single(manifest.Layers);
        Assert.Equal("application/vnd.dev.cosign.simplesigning.v1+json", layer.MediaType);
        Assert.True(layer.Annotations.ContainsKey("dev.cosignproject.cosign/signature"));
        Assert.Equal(
            $"{{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{{\"created\":\"0001-01-01T00:00:00Z\"}}],\"os\":\"\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{layer.Digest}\"]}},\"config\":{{}}}}",
            System.Text.Encoding.UTF8.GetString(config));
    }

    [Fact]
    public async Task An_unsigned_image_fails_with_a_message_naming_its_digest()
    {
        var (image, digest) = await PushAsync("sign/unsigned", "1.0", "unsigned");
        var key = await KeysAsync();

        var verify = await Cli.RunAsync("verify", image, "--key", key + ".pub", "--allow-http-registry");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(digest.ToString(), verify.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, verify.Output);
    }

    [Fact]
    public async Task A_signature_by_another_key_fails()
    {
        var (image, digest) = await PushAsync("sign/otherkey", "1.0", "otherkey");
        var signer = await KeysAsync("signer");
        var other = await KeysAsync("other");
        Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", signer + ".key", "--allow-http-registry")).ExitCode);

        var verify = await Cli.RunAsync("verify", image, "--key", other + ".pub", "--allow-http-registry");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(digest.ToString(), verify.Error, StringComparison.Ordinal);
        Assert.Contains("does not verify", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repushed_image_under_the_same_tag_is_not_covered_by_the_old_signature()
    {
        var (image, _) = await PushAsync("sign/repush", "stable", "first");
        var key = await KeysAsync();
        Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", key + ".key", "--allow-http-registry")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("verify", image, "--key", key + ".pub", "--allow-http-registry")).ExitCode);

        var (_, newDigest) = await PushAsync("sign/repush", "stable", "second");
        var verify = await Cli.RunAsync("verify", image, "--key", key + ".pub", "--allow-http-registry");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(newDigest.ToString(), verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_signers_in_parallel_both_keep_their_signatures()
    {
        var (image, digest) = await PushAsync("sign/parallel", "1.0", "parallel");
        var first = await KeysAsync("first");
        var second = await KeysAsync("second");

        var results = await Task.WhenAll(
            Cli.RunAsync("sign", image, "--key", first + ".key", "--allow-http-registry"),
            Cli.RunAsync("sign", image, "--key", second + ".key", "--allow-http-registry"));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        Assert.Equal(2, (await SignatureManifestAsync("sign/parallel", digest)).Layers.Count);
        Assert.Equal(0, (await Cli.RunAsync("verify", image, "--key", first + ".pub", "--allow-http-registry")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("verify", image, "--key", second + ".pub", "--allow-http-registry")).ExitCode);
    }

    [Fact]
    public async Task Signing_twice_with_the_same_key_keeps_one_signature_and_other_signatures_stay()
    {
        var (image, digest) = await PushAsync("sign/dupes", "1.0", "dupes");
        var key = await KeysAsync("one");
        var other = await KeysAsync("two");

        Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", key + ".key", "--allow-http-registry")).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", other + ".key", "--allow-http-registry")).ExitCode);
        var again = await Cli.RunAsync("sign", image, "--key", key + ".key", "--allow-http-registry");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already carries", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await SignatureManifestAsync("sign/dupes", digest)).Layers.Count);
    }

    [Fact]
    public async Task Annotations_are_signed_and_required_by_verify()
    {
        var (image, _) = await PushAsync("sign/annotations", "1.0", "annotations");
        var key = await KeysAsync();
        Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", key + ".key", "-a", "env=prod", "-a", "team=payments", "--allow-http-registry")).ExitCode);

        Assert.Equal(0, (await Cli.RunAsync("verify", image, "--key", key + ".pub", "-a", "env=prod", "--allow-http-registry")).ExitCode);
        var wrong = await Cli.RunAsync("verify", image, "--key", key + ".pub", "-a", "env=dev", "--allow-http-registry");
        var missing = await Cli.RunAsync("verify", image, "--key", key + ".pub", "-a", "owner=me", "--allow-http-registry");

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("annotation 'env' is 'prod', wanted 'dev'", wrong.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no annotation 'owner'", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_slsa_provenance_attestation_round_trips()
    {
        var (image, digest) = await PushAsync("sign/attest", "1.0", "attest");
        var key = await KeysAsync();
        var predicate = Path.Combine(RepositoryPaths.NewTempDirectory("pred"), "provenance.json");
        await File.WriteAllTextAsync(predicate, "{\"buildDefinition\":{\"buildType\":\"https://example.test/build/v1\",\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"https://ci.example/builder\"}}}");

        var attest = await Cli.RunAsync("attest", image, "--predicate", predicate, "--type", "slsaprovenance1", "--key", key + ".key", "--allow-http-registry");
        var verify = await Cli.RunAsync("verify-attestation", image, "--key", key + ".pub", "--type", "slsaprovenance1", "--allow-http-registry");
        var wrongType = await Cli.RunAsync("verify-attestation", image, "--key", key + ".pub", "--type", "cyclonedx", "--allow-http-registry");

        Assert.True(attest.ExitCode == 0, attest.Error);
        Assert.True(verify.ExitCode == 0, verify.Error);
        var statement = JsonNode.Parse(verify.Output)!.AsArray().Single()!;
        Assert.Equal("https://slsa.dev/provenance/v1", statement["predicateType"]!.GetValue<string>());
        Assert.Equal(digest.Hex, statement["subject"]![0]!["digest"]!["sha256"]!.GetValue<string>());
        Assert.Equal(1, wrongType.ExitCode);
        Assert.Contains("predicateType", wrongType.Error, StringComparison.Ordinal);
        var layer = Assert.Single((await SignatureManifestAsync("sign/attest", digest, ".att")).Layers);
        Assert.Equal("application/vnd.dsse.envelope.v1+json", layer.MediaType);
        Assert.Equal("https://slsa.dev/provenance/v1", layer.Annotations["predicateType"]);
    }

    [Fact]
    public async Task Many_images_are_verified_in_one_call_and_one_unsigned_image_fails_the_call()
    {
        var key = await KeysAsync();
        var images = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (image, _) = await PushAsync("sign/many", $"v{i}", $"many-{i}");
            Assert.Equal(0, (await Cli.RunAsync("sign", image, "--key", key + ".key", "--allow-http-registry")).ExitCode);
            images.Add(image);
        }

        var all = await Cli.RunAsync(["verify", .. images, "--key", key + ".pub", "--allow-http-registry", "--max-workers", "3"]);
        var (unsigned, unsignedDigest) = await PushAsync("sign/many", "unsigned", "many-unsigned");
        var mixed = await Cli.RunAsync(["verify", .. images, unsigned, "--key", key + ".pub", "--allow-http-registry"]);

        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Equal(6, all.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(1, mixed.ExitCode);
        Assert.Contains(unsignedDigest.ToString(), mixed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_registry_fails_closed()
    {
        var key = await KeysAsync();

        var verify = await Cli.RunAsync("verify", $"127.0.0.1:{RegistryFixture.FreePort()}/nothing:1", "--key", key + ".pub", "--allow-http-registry");

        Assert.Equal(1, verify.ExitCode);
    }

    [Fact]
    public async Task Images_in_an_oci_layout_are_signed_and_verified_in_place()
    {
        var layout = new OciLayoutBuilder().AddLayer(LayerEntry.File("x", "layout image")).Write(RepositoryPaths.NewTempDirectory("ocisign"), "app");
        var key = await KeysAsync();
        var other = await KeysAsync("other");

        Assert.Equal(0, (await Cli.RunAsync("sign", layout.Reference, "--key", key + ".key")).ExitCode);

        Assert.Equal(0, (await Cli.RunAsync("verify", layout.Reference, "--key", key + ".pub")).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync("verify", layout.Reference, "--key", other + ".pub")).ExitCode);
    }
}
