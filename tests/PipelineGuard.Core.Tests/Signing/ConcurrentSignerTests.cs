using PipelineGuard.Core.Tests.Oci;
using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>Concurrent signers of one image behind a registry whose writes land late: none loses a signature silently.</summary>
public sealed class ConcurrentSignerTests : IClassFixture<RegistryFixture>, IDisposable
{
    private readonly RegistryFixture _registry;
    private readonly FaultProxy _proxy;
    private readonly EcdsaSigner _key = EcdsaSigner.Generate();

    public ConcurrentSignerTests(RegistryFixture registry)
    {
        _registry = registry;
        _proxy = new FaultProxy(registry);
    }

    public void Dispose()
    {
        _proxy.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Every_signer_that_reports_success_has_its_signature_in_the_tag()
    {
        var image = TestImages.Simple(RepositoryPaths.NewTempDirectory("oci-concurrent"), "v1", "concurrent");
        using (var direct = new RegistryClient(_registry.Host, TestImages.Options(_registry)))
        {
            await TestImages.PushAsync(image, direct, "pg/concurrent", "v1");
        }

        _proxy.WriteLatency = TimeSpan.FromMilliseconds(400);
        var options = TestImages.Options(_registry);
        var reference = $"{_proxy.Host}/pg/concurrent:v1";
        var signers = Enumerable.Range(0, 6).Select(i => Task.Run(() => ImageSigner.SignAsync(
            new SignImageOptions(reference, string.Empty) { Registry = options, Annotations = new Dictionary<string, string> { ["signer"] = $"s{i}" } },
            _key))).ToList();
        var results = await Task.WhenAll(signers);
        _proxy.WriteLatency = TimeSpan.Zero;

        using var client = new RegistryClient(_registry.Host, options);
        var digest = (await client.ResolveAsync("pg/concurrent", "v1")).Digest;
        var (_, layers) = await ImageSigner.ReadAttachmentsAsync(client, "pg/concurrent", digest.ToTagSchema() + ".sig", CancellationToken.None);
        var stored = layers.Select(l => System.Text.Encoding.UTF8.GetString(l.Blob)).ToList();
        var succeeded = results.Select((r, i) => (r, i)).Where(x => x.r.Succeeded).Select(x => x.i).ToList();
        Assert.NotEmpty(succeeded);
        foreach (var i in succeeded)
        {
            Assert.Contains(stored, payload => payload.Contains($"\"s{i}\"", StringComparison.Ordinal));
        }

        foreach (var failed in results.Where(r => !r.Succeeded))
        {
            Assert.Contains("attempts", failed.Error, StringComparison.Ordinal);
        }
    }
}
