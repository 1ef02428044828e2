using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Testing;

namespace PipelineGuard.Cli.Tests;

/// <summary>Pushes small images to the test registry, and signs or attests them, for the verb tests.</summary>
internal static class RegistryImages
{
    public const string TrustedBuilder = "https://builds.pipelineguard.test/trusted@v1";

    public static async Task<Digest> PushAsync(RegistryFixture registry, string repository, string tag, string marker)
    {
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", marker + "\n")).WithCreated(DateTimeOffset.UtcNow.AddDays(-2)).Write(RepositoryPaths.NewTempDirectory("img"), tag);
        using var client = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true });
        using var layout = OciLayoutStore.Open(image.Directory);
        return await ImageCopier.CopyAsync(layout, string.Empty, tag, client, repository, tag);
    }

    public static async Task SignAsync(RegistryFixture registry, string repository, Digest digest, ISigner key)
    {
        await CosignImageWriter.SignAsync($"{registry.Host}/{repository}@{digest}", key);
    }

    public static async Task AttestAsync(RegistryFixture registry, string repository, Digest digest, string builder, ISigner key)
    {
        await CosignImageWriter.AttestAsync($"{registry.Host}/{repository}@{digest}", "https://slsa.dev/provenance/v1", CosignImageWriter.SlsaProvenance(builder, "git+https://git.pipelineguard.test/base/x"), key);
    }

    public static string WritePublicKey(ISigner key, string name)
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("keys"), name);
        File.WriteAllText(path, ((EcdsaSigner)key).ExportPublicKeyPem());
        return path;
    }

    public static string WriteDockerfile(string text)
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("dockerfile"), "Dockerfile");
        File.WriteAllText(path, text);
        return path;
    }
}
