namespace PipelineGuard.Oci;

/// <summary>Copies an image (a manifest with its config and layers, or an index with every image in it) between image stores.</summary>
public static class ImageCopier
{
    /// <summary>
    /// Copies what <paramref name="sourceReference"/> names from <paramref name="source"/> into <paramref name="target"/>,
    /// children before parents, skipping blobs the target has; the top manifest is stored under
    /// <paramref name="targetReference"/> (a tag), or by digest when that is empty. Returns the top manifest's digest.
    /// </summary>
    public static async Task<Digest> CopyAsync(
        IImageStore source,
        string sourceRepository,
        string sourceReference,
        IImageStore target,
        string targetRepository,
        string targetReference,
        CancellationToken cancellationToken = default)
    {
        var content = await source.GetManifestAsync(sourceRepository, sourceReference, cancellationToken);
        await CopyChildrenAsync(source, sourceRepository, content, target, targetRepository, depth: 0, cancellationToken);
        var reference = string.IsNullOrEmpty(targetReference) ? content.Digest.ToString() : targetReference;
        return await target.PutManifestAsync(targetRepository, reference, content.Bytes, content.MediaType, cancellationToken);
    }

    private static async Task CopyChildrenAsync(IImageStore source, string sourceRepository, ManifestContent content, IImageStore target, string targetRepository, int depth, CancellationToken cancellationToken)
    {
        if (depth > 4)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{source.Description}: indexes nested more than 4 deep.");
        }

        var manifest = content.Parse(source.Description);
        foreach (var child in manifest.Manifests)
        {
            var childContent = await source.GetManifestAsync(sourceRepository, child.Digest.ToString(), cancellationToken);
            await CopyChildrenAsync(source, sourceRepository, childContent, target, targetRepository, depth + 1, cancellationToken);
            await target.PutManifestAsync(targetRepository, child.Digest.ToString(), childContent.Bytes, childContent.MediaType, cancellationToken);
        }

        var blobs = (manifest.Config is null ? manifest.Layers : manifest.Layers.Prepend(manifest.Config)).DistinctBy(b => b.Digest);
        foreach (var blob in blobs)
        {
            if (await target.BlobExistsAsync(targetRepository, blob.Digest, cancellationToken))
            {
                continue;
            }

            await using var stream = await source.OpenBlobAsync(sourceRepository, blob.Digest, blob.Size, cancellationToken);
            await target.PutBlobAsync(targetRepository, blob.Digest, stream, blob.Size, cancellationToken);
            if (!stream.Verified)
            {
                await stream.DrainAsync(cancellationToken);
            }
        }
    }
}
