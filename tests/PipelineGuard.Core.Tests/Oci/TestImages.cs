using PipelineGuard.Oci;
using PipelineGuard.Testing;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>Small images for the OCI tests, written as OCI layouts by <see cref="OciLayoutBuilder"/>.</summary>
internal static class TestImages
{
    public static OciLayoutImage Simple(string directory, string tag = "v1", string marker = "one")
        => new OciLayoutBuilder()
            .AddLayer(LayerEntry.Directory("etc"), LayerEntry.File("etc/hello.txt", $"hello {marker}\n"))
            .AddUncompressedLayer(LayerEntry.File("app/data.bin", new string('d', 5000) + marker))
            .WithLabel("marker", marker)
            .Write(directory, tag);

    public static PipelineGuard.Testing.OciDescriptor TwoPlatforms(string directory, string tag)
        => OciLayoutBuilder.WriteIndex(
            directory,
            tag,
            new OciLayoutBuilder().WithPlatform("linux", "amd64").AddLayer(LayerEntry.File("arch", "amd64")),
            new OciLayoutBuilder().WithPlatform("linux", "arm64").AddLayer(LayerEntry.File("arch", "arm64")));

    public static RegistryClientOptions Options(RegistryFixture registry, IRegistryCredentialProvider? credentials = null) => new()
    {
        AllowHttp = true,
        Credentials = credentials ?? new CredentialChain(),
        RequestTimeout = TimeSpan.FromSeconds(20),
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
    };

    public static async Task<Digest> PushAsync(OciLayoutImage image, RegistryClient client, string repository, string tag)
    {
        using var layout = OciLayoutStore.Open(image.Directory);
        return await ImageCopier.CopyAsync(layout, string.Empty, image.Tag, client, repository, tag);
    }
}
