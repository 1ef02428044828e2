using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PipelineGuard.Oci;

namespace PipelineGuard.Signing;

/// <summary>What <c>verify</c> and <c>verify-attestation</c> ask for.</summary>
/// <param name="Images">One or more registry references or <c>oci:DIR[:TAG]</c>.</param>
/// <param name="KeyPaths">Public keys; a signature by any of them counts.</param>
public sealed record VerifyImageOptions(IReadOnlyList<string> Images, IReadOnlyList<string> KeyPaths)
{
    /// <summary>The <c>-a k=v</c> annotations every accepted signature must carry.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The identity the signed docker-reference must match (none by default, as cosign with a key).</summary>
    public IdentityMatch Identity { get; init; } = IdentityMatch.Any;

    /// <summary>For attestations: the predicate type (short name or URI) required, or null for any.</summary>
    public string? PredicateType { get; init; }

    /// <summary>How many images are verified at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Registry settings.</summary>
    public RegistryClientOptions Registry { get; init; } = new();
}

/// <summary>The outcome for one image.</summary>
/// <param name="Image">The image as given.</param>
/// <param name="Digest">The digest it resolved to, or null when it could not be resolved.</param>
/// <param name="Status">Valid when at least one signature (attestation) verified; otherwise the reason, naming the digest.</param>
/// <param name="VerifiedPayloads">The verified simple-signing payloads or in-toto statements, as JSON.</param>
public sealed record ImageVerificationResult(string Image, string? Digest, VerificationResult Status, IReadOnlyList<JsonNode> VerifiedPayloads);

/// <summary>The outcome for all images: passes only when every image passes.</summary>
public sealed record VerifyImagesResult(IReadOnlyList<ImageVerificationResult> Images)
{
    /// <summary>Whether every image has at least one valid signature.</summary>
    public bool AllValid => Images.Count > 0 && Images.All(i => i.Status.IsValid);
}

/// <summary>
/// Verifies image signatures and attestations: resolves each image's digest, reads the <c>.sig</c> (<c>.att</c>) layers
/// and OCI 1.1 referrer bundles, and checks them with the given keys. Many images are verified with bounded concurrency,
/// with one registry client per registry.
/// </summary>
public static class ImageVerifier
{
    /// <summary>The media type of Sigstore bundles attached as OCI 1.1 referrers.</summary>
    public const string BundleArtifactType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>The predicate type cosign uses for image signatures held in DSSE bundles.</summary>
    public const string CosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1";

    private const long MaxBlobBytes = 4 * 1024 * 1024;

    /// <summary>Verifies simple-signing signatures (and signature bundles among the referrers).</summary>
    public static Task<SigningResult<VerifyImagesResult>> VerifySignaturesAsync(VerifyImageOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, attestations: false, cancellationToken);

    /// <summary>Verifies attestations (<c>.att</c> DSSE layers and DSSE referrer bundles) of the required predicate type.</summary>
    public static Task<SigningResult<VerifyImagesResult>> VerifyAttestationsAsync(VerifyImageOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(options, attestations: true, cancellationToken);

    private static async Task<SigningResult<VerifyImagesResult>> RunAsync(VerifyImageOptions options, bool attestations, CancellationToken cancellationToken)
    {
        if (options.Images.Count == 0 || options.KeyPaths.Count == 0)
        {
            return SigningResult<VerifyImagesResult>.Failure("give at least one image and one --key");
        }

        string? predicateType = null;
        if (options.PredicateType is not null)
        {
            var resolved = PredicateTypes.Resolve(options.PredicateType);
            if (!resolved.Succeeded)
            {
                return SigningResult<VerifyImagesResult>.Failure(resolved.Error);
            }

            predicateType = resolved.Value;
        }

        var keys = new List<IVerifier>();
        foreach (var path in options.KeyPaths)
        {
            var key = await PublicKeyReader.ReadFileAsync(path, cancellationToken);
            if (!key.Succeeded)
            {
                return SigningResult<VerifyImagesResult>.Failure(key.Error);
            }

            keys.Add(key.Value);
        }

        var stores = new ConcurrentDictionary<string, Lazy<Task<IImageStore>>>(StringComparer.Ordinal);
        try
        {
            var results = new ImageVerificationResult[options.Images.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Images.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
                async (i, token) => results[i] = await VerifyOneAsync(options.Images[i], keys, options, predicateType, attestations, stores, token));
            return SigningResult<VerifyImagesResult>.Success(new VerifyImagesResult(results));
        }
        finally
        {
            foreach (var store in stores.Values.Where(s => s.IsValueCreated))
            {
                if (store.Value.IsCompletedSuccessfully)
                {
                    store.Value.Result.Dispose();
                }
            }
        }
    }

    private static async Task<ImageVerificationResult> VerifyOneAsync(
        string image, IReadOnlyList<IVerifier> keys, VerifyImageOptions options, string? predicateType, bool attestations,
        ConcurrentDictionary<string, Lazy<Task<IImageStore>>> stores, CancellationToken cancellationToken)
    {
        ImageVerificationResult Fail(string? digest, VerificationFailure failure, string message) =>
            new(image, digest, VerificationResult.Reject(failure, message), []);

        if (!ImageLocation.TryParse(image, out var location, out var error))
        {
            return Fail(null, VerificationFailure.InputUnavailable, $"'{image}': {error}");
        }

        Digest? digest = null;
        try
        {
            var storeKey = location.RegistryReference?.Registry ?? location.ToString();
            var store = await stores.GetOrAdd(storeKey, _ => new Lazy<Task<IImageStore>>(() => location.OpenStoreAsync(options.Registry with { IsCommandTarget = true }, cancellationToken: cancellationToken))).Value;
            var repository = location.Repository;
            digest = (await store.ResolveAsync(repository, location.Reference.Length == 0 ? ImageReference.DefaultTag : location.Reference, cancellationToken)).Digest;
            // The attachment tag and the referrers are independent lookups: ask for both at once.
            var layersTask = ImageSigner.ReadAttachmentsAsync(store, repository, digest.ToTagSchema() + (attestations ? ".att" : ".sig"), cancellationToken);
            var bundlesTask = ReadReferrerBundlesAsync(store, repository, digest, cancellationToken);
            await Task.WhenAll(layersTask, bundlesTask);
            var (_, layers) = await layersTask;
            var bundles = await bundlesTask;
            return attestations
                ? VerifyAttestations(image, digest, layers, bundles, keys, predicateType)
                : await VerifySignaturesAsync(image, location, digest, store, layers, bundles, keys, options, cancellationToken);
        }
        catch (OciException e)
        {
            return Fail(digest?.ToString(), VerificationFailure.InputUnavailable, $"{image}{(digest is null ? string.Empty : " (" + digest + ")")}: {e.Message}");
        }
    }

    private static async Task<ImageVerificationResult> VerifySignaturesAsync(
        string image, ImageLocation location, Digest digest, IImageStore store, List<AttachmentLayer> layers, List<byte[]> bundles,
        IReadOnlyList<IVerifier> keys, VerifyImageOptions options, CancellationToken cancellationToken)
    {
        var identity = new IdentityPolicy(options.Identity, location.RegistryReference?.ToString() ?? ImageSigner.IdentityOf(location));
        var requirements = new SignatureRequirements(identity, options.Annotations);
        var signatureLayers = layers.Select(l => new SignatureLayer(l.MediaType, l.Blob, l.Annotations)).ToList();
        var result = CosignSignatureVerifier.VerifyDigest(digest.ToString(), signatureLayers, keys, requirements);
        var payloads = result.Layers.Where(l => l.Status.IsValid).Select(l => JsonNode.Parse(l.PayloadBytes)!).ToList();
        var reasons = result.Layers.Count == 0 ? [] : new List<string> { result.Status.Message };

        byte[]? manifest = null;
        async Task<byte[]> ManifestAsync() => manifest ??= (await store.GetManifestAsync(location.Repository, digest.ToString(), cancellationToken)).Bytes;
        foreach (var bundle in bundles)
        {
            var (status, payload) = await VerifySignatureBundleAsync(bundle, keys, digest, ManifestAsync);
            if (payload is not null)
            {
                payloads.Add(payload);
            }
            else
            {
                reasons.Add("referrer bundle: " + status.Message);
            }
        }

        if (payloads.Count > 0)
        {
            return new(image, digest.ToString(), VerificationResult.Valid($"{image}: {payloads.Count} valid signature(s) for {digest}"), payloads);
        }

        if (reasons.Count == 0)
        {
            return new(image, digest.ToString(), VerificationResult.Reject(VerificationFailure.NoSignatures, $"{image}: no signatures found for {digest}"), []);
        }

        var failure = result.Layers.Count > 0 ? result.Status.Failure : VerificationFailure.SignatureMismatch;
        return new(image, digest.ToString(), VerificationResult.Reject(failure, $"{image}: no valid signature for {digest}: {string.Join("; ", reasons)}"), []);
    }

    private static ImageVerificationResult VerifyAttestations(
        string image, Digest digest, List<AttachmentLayer> layers, List<byte[]> bundles, IReadOnlyList<IVerifier> keys, string? predicateType)
    {
        var statements = new List<JsonNode>();
        var reasons = new List<string>();
        var lastFailure = VerificationFailure.NoSignatures;
        foreach (var layer in layers)
        {
            VerificationResult status;
            if (layer.MediaType != Dsse.EnvelopeMediaType)
            {
                status = VerificationResult.Reject(VerificationFailure.UnsupportedMediaType, $"layer media type '{layer.MediaType}' is not a DSSE envelope ({Dsse.EnvelopeMediaType})");
            }
            else
            {
                var (envelope, parseStatus) = Dsse.Parse(layer.Blob);
                InTotoStatement? statement = null;
                status = envelope is null ? parseStatus : FirstValid(keys, key =>
                {
                    var signature = Dsse.Verify(envelope, key);
                    if (!signature.IsValid)
                    {
                        return signature;
                    }

                    var (s, r) = BundleVerifier.CheckStatement(envelope.Payload, predicateType, digest.Hex);
                    statement = s;
                    return r;
                });
                if (status.IsValid)
                {
                    statements.Add(JsonNode.Parse(envelope!.Payload)!);
                }
            }

            if (!status.IsValid)
            {
                lastFailure = status.Failure;
                reasons.Add(status.Message);
            }
        }

        foreach (var bundle in bundles)
        {
            InTotoStatement? statement = null;
            var status = FirstValid(keys, key =>
            {
                var (s, r) = BundleVerifier.VerifyAttestation(bundle, key, predicateType, digest.Hex);
                statement = s;
                return r;
            });
            if (status.IsValid)
            {
                statements.Add(JsonNode.Parse(statement!.ToJson())!);
            }
            else
            {
                lastFailure = status.Failure;
                reasons.Add("referrer bundle: " + status.Message);
            }
        }

        if (statements.Count > 0)
        {
            return new(image, digest.ToString(), VerificationResult.Valid($"{image}: {statements.Count} valid attestation(s) for {digest}"), statements);
        }

        return reasons.Count == 0
            ? new(image, digest.ToString(), VerificationResult.Reject(VerificationFailure.NoSignatures, $"{image}: no attestations found for {digest}"), [])
            : new(image, digest.ToString(), VerificationResult.Reject(lastFailure, $"{image}: no valid attestation for {digest}: {string.Join("; ", reasons)}"), []);
    }

    /// <summary>
    /// A signature held as a referrer bundle, checked with <paramref name="keys"/>: a messageSignature over the image
    /// manifest bytes (fetched only then), or a DSSE statement of cosign's sign predicate about <paramref name="digest"/>.
    /// </summary>
    /// <returns>The status, and on success the payload verified.</returns>
    internal static async Task<(VerificationResult Status, JsonNode? Payload)> VerifySignatureBundleAsync(
        byte[] bundle, IReadOnlyList<IVerifier> keys, Digest digest, Func<Task<byte[]>> manifest)
    {
        var (parsed, status) = BundleReader.Read(bundle);
        if (parsed?.MessageSignature is not null)
        {
            var bytes = await manifest();
            status = FirstValid(keys, key => BundleVerifier.VerifyMessage(bundle, bytes, key));
            return status.IsValid ? (status, new JsonObject { ["bundle"] = "messageSignature", ["digest"] = digest.ToString() }) : (status, null);
        }

        if (parsed?.DsseEnvelope is not null)
        {
            InTotoStatement? statement = null;
            status = FirstValid(keys, key =>
            {
                var (s, r) = BundleVerifier.VerifyAttestation(bundle, key, CosignSignPredicateType, digest.Hex);
                statement ??= s;
                return r;
            });
            return status.IsValid ? (status, JsonNode.Parse(statement!.ToJson())) : (status, null);
        }

        return (status.IsValid ? VerificationResult.Reject(VerificationFailure.UnsupportedMediaType, "the bundle holds neither a message signature nor a DSSE envelope") : status, null);
    }

    private static VerificationResult FirstValid(IReadOnlyList<IVerifier> keys, Func<IVerifier, VerificationResult> verify)
    {
        VerificationResult? last = null;
        foreach (var key in keys)
        {
            last = verify(key);
            if (last.IsValid)
            {
                return last;
            }
        }

        return last!;
    }

    /// <summary>The Sigstore bundles attached to <paramref name="digest"/> as OCI 1.1 referrers; none when the store has no referrers API.</summary>
    internal static async Task<List<byte[]>> ReadReferrerBundlesAsync(IImageStore store, string repository, Digest digest, CancellationToken cancellationToken)
    {
        var bundles = new List<byte[]>();
        IReadOnlyList<OciDescriptor> referrers;
        try
        {
            referrers = await store.ListReferrersAsync(repository, digest, BundleArtifactType, cancellationToken);
        }
        catch (OciException e) when (e.Kind is OciErrorKind.NotFound or OciErrorKind.NotSupported)
        {
            return bundles;
        }

        foreach (var referrer in referrers)
        {
            var manifest = (await store.GetManifestAsync(repository, referrer.Digest.ToString(), cancellationToken)).Parse($"{store.Description}: referrer {referrer.Digest}");
            foreach (var layer in manifest.Layers.Where(l => l.MediaType == BundleArtifactType || manifest.ArtifactType == BundleArtifactType))
            {
                bundles.Add(await store.GetBlobAsync(repository, layer.Digest, MaxBlobBytes, cancellationToken));
            }
        }

        return bundles;
    }
}
