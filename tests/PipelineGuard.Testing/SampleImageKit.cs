using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace PipelineGuard.Testing;

/// <summary>
/// Makes the base images the samples build on, as OCI layouts kept in the repository: HelloService's runtime image,
/// signed and attested (SLSA provenance) with the demo key, and UnsafeService's unsigned, old one. Regenerate them with
/// <c>samples/make-sample-images.sh</c>.
/// </summary>
public static class SampleImageKit
{
    /// <summary>The demo key's password. Demo only: never protect a real key with a published password.</summary>
    public const string DemoPassword = "pipelineguard-demo";

    /// <summary>The name HelloService's Dockerfile uses for its base image.</summary>
    public const string HelloBaseName = "registry.pipelineguard.test/base/hello-runtime";

    /// <summary>The name UnsafeService's Dockerfile uses for its base image.</summary>
    public const string UnsafeBaseName = "registry.pipelineguard.test/base/legacy-runtime";

    /// <summary>The builder id the sample provenance names (and HelloService's policy trusts).</summary>
    public const string DemoBuilderId = "https://builds.pipelineguard.test/base-images@v1";

    /// <summary>The source the sample provenance names.</summary>
    public const string DemoSource = "git+https://git.pipelineguard.test/base-images/hello-runtime@refs/tags/v1.0";

    /// <summary>The tag both layouts hold.</summary>
    public const string Tag = "1.0";

    /// <summary>Writes HelloService's base image into <paramref name="layout"/> (replaced), signed and attested with the key at <paramref name="privateKeyPath"/>; returns its digest.</summary>
    public static async Task<Digest> WriteHelloBaseAsync(string layout, string privateKeyPath)
    {
        Reset(layout);
        new OciLayoutBuilder()
            .WithCreated(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))
            .WithLabel("org.opencontainers.image.title", "hello-runtime")
            .AddLayer(
                LayerEntry.Directory("etc"),
                LayerEntry.File("etc/os-release", "NAME=\"PipelineGuard sample runtime\"\nID=pgsample\nVERSION_ID=1.0\n"),
                LayerEntry.Directory("app"))
            .Write(layout, Tag);
        Digest digest;
        using (var store = OciLayoutStore.Open(layout))
        {
            digest = (await store.ResolveAsync(string.Empty, Tag)).Digest;
        }

        // Signed under the name the Dockerfile uses, not the layout's path, as a published image would be.
        var read = await PrivateKeyReader.ReadFileAsync(privateKeyPath, PasswordSource.Fixed(DemoPassword));
        using var signer = read.GetValueOrThrow();
        var image = $"oci:{layout}:{Tag}";
        await CosignImageWriter.SignAsync(image, signer, HelloBaseName);
        await CosignImageWriter.AttestAsync(image, "https://slsa.dev/provenance/v1", CosignImageWriter.SlsaProvenance(DemoBuilderId, DemoSource), signer, HelloBaseName);
        return digest;
    }

    /// <summary>Writes UnsafeService's base image into <paramref name="layout"/> (replaced): unsigned, built in 2020.</summary>
    public static async Task<Digest> WriteUnsafeBaseAsync(string layout)
    {
        Reset(layout);
        new OciLayoutBuilder()
            .WithCreated(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .AddLayer(LayerEntry.Directory("etc"), LayerEntry.File("etc/os-release", "NAME=\"Legacy runtime\"\nID=legacy\nVERSION_ID=0.9\n"))
            .Write(layout, Tag);
        using var store = OciLayoutStore.Open(layout);
        return (await store.ResolveAsync(string.Empty, Tag)).Digest;
    }

    private static void Reset(string layout)
    {
        if (Directory.Exists(layout))
        {
            Directory.Delete(layout, recursive: true);
        }

        Directory.CreateDirectory(layout);
    }
}
