using System.Text.Json.Nodes;
using PipelineGuard.Oci;

namespace PipelineGuard.Signing;

/// <summary>What <c>sign IMAGE</c> asks for.</summary>
/// <param name="Image">A registry reference or <c>oci:DIR[:TAG]</c>.</param>
/// <param name="KeyPath">The private key file.</param>
public sealed record SignImageOptions(string Image, string KeyPath)
{
    /// <summary>The <c>-a k=v</c> annotations, signed into the payload's <c>optional</c> map.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Registry settings (plain HTTP with <c>--allow-http-registry</c>, credentials, timeouts).</summary>
    public RegistryClientOptions Registry { get; init; } = new();

    /// <summary>
    /// The docker-reference signed into the payload (cosign's <c>--sign-container-identity</c>), or null for the
    /// repository (registry) or <c>oci:PATH</c> (layout). Set it when a layout stands for an image published under another name.
    /// </summary>
    public string? Identity { get; init; }
}

/// <summary>What <c>attest IMAGE</c> asks for.</summary>
/// <param name="Image">A registry reference or <c>oci:DIR[:TAG]</c>.</param>
/// <param name="KeyPath">The private key file.</param>
/// <param name="PredicatePath">The predicate JSON file.</param>
/// <param name="Type">A cosign short name or predicate type URI.</param>
public sealed record AttestImageOptions(string Image, string KeyPath, string PredicatePath, string Type)
{
    /// <summary>Registry settings.</summary>
    public RegistryClientOptions Registry { get; init; } = new();

    /// <summary>The name the in-toto subject carries, or null for the repository (registry) or <c>oci:PATH</c> (layout).</summary>
    public string? Identity { get; init; }
}

/// <summary>What was stored.</summary>
/// <param name="ImageDigest">The digest that was signed.</param>
/// <param name="Tag">The attachment tag (<c>sha256-HEX.sig</c> or <c>.att</c>).</param>
/// <param name="AlreadyPresent">True when an identical signature by the same key was already there (nothing written).</param>
/// <param name="Attempts">How many read-modify-write rounds it took (more than one when another signer moved the tag).</param>
public sealed record ImageSignResult(string ImageDigest, string Tag, bool AlreadyPresent, int Attempts);

/// <summary>
/// Signs and attests images the way cosign does: the signature (or DSSE attestation) becomes a new layer of the
/// <c>sha256-HEX.sig</c> (<c>.att</c>) manifest beside the image. Existing layers are kept, an identical signature by the same
/// key is not added twice, and when another signer moves the tag meanwhile the manifest is re-read and the write retried.
/// </summary>
public static class ImageSigner
{
    private const int MaxAttempts = 8;
    private const long MaxAttachmentBlobBytes = 4 * 1024 * 1024;

    /// <summary>Signs an image.</summary>
    public static async Task<SigningResult<ImageSignResult>> SignAsync(SignImageOptions options, PasswordSource passwords, CancellationToken cancellationToken = default)
    {
        var key = await PrivateKeyReader.ReadFileAsync(options.KeyPath, passwords, cancellationToken);
        if (!key.Succeeded)
        {
            return SigningResult<ImageSignResult>.Failure(key.Error);
        }

        using var signer = key.Value;
        return await SignAsync(options, signer, cancellationToken);
    }

    /// <summary>Signs an image with any <see cref="ISigner"/> (KMS and PKCS#11 signers plug in here).</summary>
    public static async Task<SigningResult<ImageSignResult>> SignAsync(SignImageOptions options, ISigner signer, CancellationToken cancellationToken = default)
    {
        return await WithImageAsync(options.Image, options.Registry, async (store, location, digest) =>
        {
            var optional = options.Annotations.ToDictionary(a => a.Key, a => (JsonNode?)JsonValue.Create(a.Value), StringComparer.Ordinal);
            var payload = new SimpleSigningPayload(options.Identity ?? IdentityOf(location), digest.ToString(), optional).ToJson();
            var signature = await signer.SignAsync(payload, cancellationToken);
            var layer = new AttachmentLayer(SimpleSigningPayload.MediaType, payload,
                new Dictionary<string, string> { [SimpleSigningPayload.SignatureAnnotation] = Convert.ToBase64String(signature) });
            var verifier = signer.CreateVerifier();
            bool IsDuplicate(AttachmentLayer existing) =>
                existing.MediaType == SimpleSigningPayload.MediaType && existing.Digest == layer.Digest &&
                existing.Annotations.TryGetValue(SimpleSigningPayload.SignatureAnnotation, out var sig) &&
                StrictBase64.TryDecode(sig, out var bytes) && verifier.Verify(existing.Blob, bytes).IsValid;
            return await AppendAsync(store, location.Repository, digest, digest.ToTagSchema() + ".sig", layer, IsDuplicate, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Attests an image: an in-toto statement about its digest, signed in DSSE, as a layer of the <c>.att</c> manifest.</summary>
    public static async Task<SigningResult<ImageSignResult>> AttestAsync(AttestImageOptions options, PasswordSource passwords, CancellationToken cancellationToken = default)
    {
        var predicate = await ReadPredicateAsync(options, cancellationToken);
        if (!predicate.Succeeded)
        {
            return SigningResult<ImageSignResult>.Failure(predicate.Error);
        }

        var key = await PrivateKeyReader.ReadFileAsync(options.KeyPath, passwords, cancellationToken);
        if (!key.Succeeded)
        {
            return SigningResult<ImageSignResult>.Failure(key.Error);
        }

        using var signer = key.Value;
        return await AttestAsync(options, predicate.Value.Type, predicate.Value.Predicate, signer, cancellationToken);
    }

    /// <summary>Attests an image with any <see cref="ISigner"/>; <see cref="AttestImageOptions.KeyPath"/> is not read.</summary>
    public static async Task<SigningResult<ImageSignResult>> AttestAsync(AttestImageOptions options, ISigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var predicate = await ReadPredicateAsync(options, cancellationToken);
        return predicate.Succeeded
            ? await AttestAsync(options, predicate.Value.Type, predicate.Value.Predicate, signer, cancellationToken)
            : SigningResult<ImageSignResult>.Failure(predicate.Error);
    }

    private static async Task<SigningResult<ImageSignResult>> AttestAsync(AttestImageOptions options, string predicateType, JsonNode? predicate, ISigner signer, CancellationToken cancellationToken)
    {
        return await WithImageAsync(options.Image, options.Registry, async (store, location, digest) =>
        {
            var subject = new InTotoSubject(options.Identity ?? IdentityOf(location), new Dictionary<string, string> { [digest.Algorithm] = digest.Hex });
            var statement = new InTotoStatement([subject], predicateType, predicate);
            var envelope = await Dsse.SignAsync(signer, Dsse.InTotoPayloadType, statement.ToJson(), cancellationToken);
            var layer = new AttachmentLayer(Dsse.EnvelopeMediaType, Dsse.Serialize(envelope),
                new Dictionary<string, string> { [SimpleSigningPayload.SignatureAnnotation] = string.Empty, ["predicateType"] = predicateType });
            return await AppendAsync(store, location.Repository, digest, digest.ToTagSchema() + ".att", layer, existing => existing.Digest == layer.Digest, cancellationToken);
        }, cancellationToken);
    }

    private static async Task<SigningResult<(string Type, JsonNode? Predicate)>> ReadPredicateAsync(AttestImageOptions options, CancellationToken cancellationToken)
    {
        var predicateType = PredicateTypes.Resolve(options.Type);
        if (!predicateType.Succeeded)
        {
            return SigningResult<(string, JsonNode?)>.Failure(predicateType.Error);
        }

        byte[] predicateBytes;
        try
        {
            predicateBytes = await IO.InputFile.ReadAllBytesAsync(options.PredicatePath, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<(string, JsonNode?)>.Failure($"{options.PredicatePath}: cannot read the predicate: {e.Message}");
        }

        var predicate = BlobSigning.ParsePredicate(options.PredicatePath, predicateBytes);
        return predicate.Succeeded
            ? SigningResult<(string, JsonNode?)>.Success((predicateType.Value, predicate.Value))
            : SigningResult<(string, JsonNode?)>.Failure(predicate.Error);
    }

    /// <summary>The identity cosign signs: the repository without tag (registry), or the layout path.</summary>
    internal static string IdentityOf(ImageLocation location) =>
        location.RegistryReference is { } reference ? reference.Name : $"oci:{location.Path}";

    internal static async Task<SigningResult<T>> WithImageAsync<T>(string image, RegistryClientOptions registry, Func<IImageStore, ImageLocation, Digest, Task<SigningResult<T>>> action, CancellationToken cancellationToken)
    {
        if (!ImageLocation.TryParse(image, out var location, out var error))
        {
            return SigningResult<T>.Failure($"'{image}': {error}");
        }

        if (location.Kind == ImageLocationKind.DockerArchive)
        {
            return SigningResult<T>.Failure($"'{image}': a docker-archive cannot hold signatures; push the image or use oci:DIR");
        }

        try
        {
            using var store = await location.OpenStoreAsync(registry with { IsCommandTarget = true }, cancellationToken: cancellationToken);
            var descriptor = await store.ResolveAsync(location.Repository, location.Reference.Length == 0 ? ImageReference.DefaultTag : location.Reference, cancellationToken);
            return await action(store, location, descriptor.Digest);
        }
        catch (OciException e)
        {
            return SigningResult<T>.Failure($"{image}: {e.Message}");
        }
    }

    private static async Task<SigningResult<ImageSignResult>> AppendAsync(
        IImageStore store, string repository, Digest imageDigest, string tag, AttachmentLayer layer, Func<AttachmentLayer, bool> isDuplicate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var readAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var (existingDigest, existing) = await ReadAttachmentsAsync(store, repository, tag, cancellationToken);
            if (existing.Any(isDuplicate))
            {
                return SigningResult<ImageSignResult>.Success(new ImageSignResult(imageDigest.ToString(), tag, AlreadyPresent: true, attempt));
            }

            var layers = existing.Append(layer).ToList();
            var config = CosignAttachmentManifest.Config(layers.Select(l => l.Digest).ToList());
            var manifest = CosignAttachmentManifest.Manifest(config, layers.Select(l => (l.MediaType, l.Digest, (long)l.Blob.Length, l.Annotations)).ToList());
            await PutBlobIfMissingAsync(store, repository, layer.Blob, cancellationToken);
            await PutBlobIfMissingAsync(store, repository, config, cancellationToken);

            // Registries have no compare-and-swap on tags: check the tag has not moved since it was read, write, then
            // read it back. Another signer that read the tag before our write landed needs about as long as we took
            // from our read to our landing before its own write lands, so the read-back waits that long (at least a
            // short random pause) and then checks twice: a signer whose layer was overwritten finds it missing and
            // merges again, and one that runs out of attempts reports a failure, never a lost signature as success.
            if (await CurrentDigestAsync(store, repository, tag, cancellationToken) != existingDigest)
            {
                continue;
            }

            await store.PutManifestAsync(repository, tag, manifest, OciMediaTypes.ImageManifest, cancellationToken);
            var settle = ReadBackPause(System.Diagnostics.Stopwatch.GetElapsedTime(readAt));
            var present = true;
            for (var check = 0; check < 2 && present; check++)
            {
                await Task.Delay(settle, cancellationToken);
                var (_, after) = await ReadAttachmentsAsync(store, repository, tag, cancellationToken);
                present = after.Any(l => l.Digest == layer.Digest && l.Annotations.SequenceEqual(layer.Annotations));
            }

            if (present)
            {
                return SigningResult<ImageSignResult>.Success(new ImageSignResult(imageDigest.ToString(), tag, AlreadyPresent: false, attempt));
            }
        }

        return SigningResult<ImageSignResult>.Failure($"{tag}: other signers kept moving the tag; the signature was not stored after {MaxAttempts} attempts");
    }

    /// <summary>How long to wait before reading the tag back: the read-to-write time of this round, with jitter, at least 40 ms and at most 30 s.</summary>
    internal static TimeSpan ReadBackPause(TimeSpan roundTrip)
    {
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(40, 160));
        var pause = roundTrip + jitter;
        return pause > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : pause;
    }

    internal static async Task<(Digest? ManifestDigest, List<AttachmentLayer> Layers)> ReadAttachmentsAsync(IImageStore store, string repository, string tag, CancellationToken cancellationToken)
    {
        ManifestContent content;
        try
        {
            content = await store.GetManifestAsync(repository, tag, cancellationToken);
        }
        catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
        {
            return (null, []);
        }

        var manifest = content.Parse($"{store.Description}: {tag}");
        var layers = new List<AttachmentLayer>();
        foreach (var descriptor in manifest.Layers)
        {
            var blob = await store.GetBlobAsync(repository, descriptor.Digest, MaxAttachmentBlobBytes, cancellationToken);
            layers.Add(new AttachmentLayer(descriptor.MediaType, blob, descriptor.Annotations));
        }

        return (content.Digest, layers);
    }

    private static async Task<Digest?> CurrentDigestAsync(IImageStore store, string repository, string tag, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.ResolveAsync(repository, tag, cancellationToken)).Digest;
        }
        catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
        {
            return null;
        }
    }

    private static async Task PutBlobIfMissingAsync(IImageStore store, string repository, byte[] blob, CancellationToken cancellationToken)
    {
        var digest = Digest.Compute(blob);
        if (!await store.BlobExistsAsync(repository, digest, cancellationToken))
        {
            await store.PutBlobAsync(repository, digest, new MemoryStream(blob, writable: false), blob.Length, cancellationToken);
        }
    }
}
