namespace PipelineGuard.Oci;

/// <summary>
/// One platform's image: the descriptor the reference named (an index or a manifest), the platform manifest chosen from
/// it, and the config bytes, all verified (the config only when it was asked for: see <see cref="ConfigRead"/>).
/// </summary>
public sealed record ResolvedImage(OciDescriptor Root, ManifestContent ManifestContent, OciManifest Manifest, byte[] Config, OciPlatform? Platform)
{
    /// <summary>Whether <see cref="Config"/> holds the config blob; false (and <see cref="Config"/> empty) when it was not read.</summary>
    public bool ConfigRead { get; init; } = true;

    /// <summary>The digest to pin the image by: the index digest when the reference named an index.</summary>
    public Digest Digest => Root.Digest;

    /// <summary>
    /// Resolves <paramref name="reference"/> in <paramref name="store"/>, choosing <paramref name="platform"/> (default
    /// linux/amd64) from an index. With <paramref name="readConfig"/> false the config blob is not fetched: signatures and
    /// attestations are of the digest alone, and a store may hold an image's manifests without its blobs.
    /// </summary>
    public static async Task<ResolvedImage> ResolveAsync(IImageStore store, string repository, string reference, OciPlatform? platform = null, long maxConfigBytes = 8 * 1024 * 1024, bool readConfig = true, CancellationToken cancellationToken = default)
    {
        var content = await store.GetManifestAsync(repository, reference, cancellationToken);
        var root = content.Descriptor;
        var manifest = content.Parse($"{store.Description}: {reference}");
        var chosen = platform;
        if (manifest.IsIndex)
        {
            var wanted = platform ?? OciPlatform.LinuxAmd64;
            var entry = manifest.SelectPlatform(wanted)
                ?? (platform is null && manifest.Manifests.Count(m => OciMediaTypes.IsManifest(m.MediaType)) == 1 ? manifest.Manifests.First(m => OciMediaTypes.IsManifest(m.MediaType)) : null)
                ?? throw new OciException(OciErrorKind.NotFound, $"{store.Description}: {reference} has no image for platform {wanted} (platforms: {string.Join(", ", manifest.Manifests.Select(m => m.Platform?.ToString() ?? "?"))}).");
            content = await store.GetManifestAsync(repository, entry.Digest.ToString(), cancellationToken);
            manifest = content.Parse($"{store.Description}: {entry.Digest}");
            if (manifest.IsIndex)
            {
                throw new OciException(OciErrorKind.Protocol, $"{store.Description}: index entry {entry.Digest} is itself an index.");
            }

            chosen = entry.Platform;
        }

        if (!readConfig)
        {
            return new ResolvedImage(root, content, manifest, [], chosen) { ConfigRead = false };
        }

        var config = await store.GetBlobAsync(repository, manifest.Config!.Digest, maxConfigBytes, cancellationToken);
        return new ResolvedImage(root, content, manifest, config, chosen);
    }
}
