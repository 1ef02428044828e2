using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>The identity a signature and an attestation carry: the layout path by default, or the name given.</summary>
public sealed class ImageSignerIdentityTests : IDisposable
{
    private readonly EcdsaSigner _key = EcdsaSigner.Generate();

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("registry.pipelineguard.test/base/runtime")]
    public async Task Signature_and_attestation_name_the_given_identity_or_the_layout(string? identity)
    {
        var layout = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", "identity\n")).Write(RepositoryPaths.NewTempDirectory("identity"), "1").Directory;
        var image = $"oci:{layout}:1";
        var predicate = Path.Combine(RepositoryPaths.NewTempDirectory("predicate"), "predicate.json");
        await File.WriteAllTextAsync(predicate, "{\"buildType\":\"x\"}");
        (await ImageSigner.SignAsync(new SignImageOptions(image, string.Empty) { Identity = identity }, _key)).GetValueOrThrow();
        (await ImageSigner.AttestAsync(new AttestImageOptions(image, string.Empty, predicate, "slsaprovenance1") { Identity = identity }, _key)).GetValueOrThrow();

        var expected = identity ?? $"oci:{layout}";
        using var store = OciLayoutStore.Open(layout);
        var digest = (await store.ResolveAsync(string.Empty, "1")).Digest;
        var (_, signatures) = await ImageSigner.ReadAttachmentsAsync(store, string.Empty, digest.ToTagSchema() + ".sig", CancellationToken.None);
        var payload = SimpleSigningPayload.Parse(Assert.Single(signatures).Blob).GetValueOrThrow();
        Assert.Equal(expected, payload.DockerReference);
        Assert.Equal(digest.ToString(), payload.ManifestDigest);

        var (_, attestations) = await ImageSigner.ReadAttachmentsAsync(store, string.Empty, digest.ToTagSchema() + ".att", CancellationToken.None);
        using var envelope = JsonDocument.Parse(Assert.Single(attestations).Blob);
        using var statement = JsonDocument.Parse(Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!));
        var subject = statement.RootElement.GetProperty("subject")[0];
        Assert.Equal(expected, subject.GetProperty("name").GetString());
        Assert.Equal(digest.Hex, subject.GetProperty("digest").GetProperty("sha256").GetString());
    }
}
