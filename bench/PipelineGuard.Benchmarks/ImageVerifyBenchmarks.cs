using BenchmarkDotNet.Attributes;
using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Testing;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// Verifying 100 signed images in a local registry (a real docker-registry on 127.0.0.1) in one call, with bounded
/// concurrency, against the same call run sequentially. One operation is one image, so images/second = 1 s / Mean.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ImageVerifyBenchmarks
{
    private const int ImageCount = 100;
    private readonly RegistryFixture _registry = new();
    private VerifyImageOptions _options = null!;
    private string _keyPath = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await _registry.InitializeAsync();
        var dir = RepositoryPaths.NewTempDirectory("bench-verify");
        var registryOptions = new RegistryClientOptions { AllowHttp = true, Credentials = new CredentialChain() };
        var passwords = PasswordSource.Fixed("bench");
        var keys = await KeyPairGenerator.GenerateAsync(new GenerateKeyPairOptions(Path.Combine(dir, "bench")), passwords);
        _keyPath = keys.GetValueOrThrow().PublicKeyPath;
        using var signer = (await PrivateKeyReader.ReadFileAsync(keys.Value!.PrivateKeyPath, passwords)).GetValueOrThrow();
        using var client = new RegistryClient(_registry.Host, registryOptions);
        var images = new List<string>();
        for (var i = 0; i < ImageCount; i++)
        {
            var layout = new OciLayoutBuilder().AddLayer(LayerEntry.File("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Write(Path.Combine(dir, "l" + i), "v");
            using var source = OciLayoutStore.Open(layout.Directory);
            await ImageCopier.CopyAsync(source, string.Empty, "v", client, "bench/app", "v" + i);
            var image = $"{_registry.Host}/bench/app:v{i}";
            (await ImageSigner.SignAsync(new SignImageOptions(image, keys.Value.PrivateKeyPath) { Registry = registryOptions }, signer)).GetValueOrThrow();
            images.Add(image);
        }

        _options = new VerifyImageOptions(images, [_keyPath]) { Registry = registryOptions };
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _registry.DisposeAsync();

    [Benchmark(Baseline = true, OperationsPerInvoke = ImageCount, Description = "verify 100 images, sequential")]
    public async Task<bool> Sequential() => await Run(1);

    [Benchmark(OperationsPerInvoke = ImageCount, Description = "verify 100 images, one call, 8 at once")]
    public async Task<bool> Concurrent() => await Run(8);

    private async Task<bool> Run(int concurrency)
    {
        var result = await ImageVerifier.VerifySignaturesAsync(_options with { MaxConcurrency = concurrency });
        return result.GetValueOrThrow().AllValid ? true : throw new InvalidOperationException("an image did not verify");
    }
}
