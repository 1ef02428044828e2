using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipelineGuard.Oci;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Signing;

/// <summary>What <c>verify</c> and <c>verify-attestation</c> ask for.</summary>
/// <param name="Images">One or more registry references or <c>oci:DIR[:TAG]</c>.</param>
/// <param name="KeyPaths">Public keys; a signature by any of them counts. Empty for keyless verification (<see cref="Certificate"/>).</param>
public sealed record VerifyImageOptions(IReadOnlyList<string> Images, IReadOnlyList<string> KeyPaths)
{
    /// <summary>
    /// The keyless identity (cosign's <c>--certificate-identity*</c>, <c>--certificate-oidc-issuer*</c>,
    /// <c>--certificate-github-workflow-*</c>), the trusted root and the insecure switches. Exactly one of
    /// <see cref="KeyPaths"/> and an identity is required; with keys, only its trusted root and <c>--insecure-ignore-tlog</c>
    /// apply (to the log evidence a key-based bundle carries).
    /// </summary>
    public CertificateVerificationOptions? Certificate { get; init; }

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
public sealed record ImageVerificationResult(string Image, string? Digest, VerificationResult Status, IReadOnlyList<JsonNode> VerifiedPayloads)
{
    /// <summary>Who signed each verified keyless signature (attestation), with its log index; empty for keys.</summary>
    public IReadOnlyList<KeylessSignerEvidence> Signers { get; init; } = [];
}

/// <summary>The outcome for all images: passes only when every image passes.</summary>
public sealed record VerifyImagesResult(IReadOnlyList<ImageVerificationResult> Images)
{
    /// <summary>Whether every image has at least one valid signature.</summary>
    public bool AllValid => Images.Count > 0 && Images.All(i => i.Status.IsValid);
}

/// <summary>
/// Verifies image signatures and attestations: resolves each image's digest, reads the <c>.sig</c> (<c>.att</c>) layers
/// and OCI 1.1 referrer bundles, and checks them with the given keys or, keyless, against the certificate identity
/// (Fulcio chain, SCT, Rekor entry, identity policy; cosign's <c>dev.sigstore.cosign/*</c> layer annotations). Many images are verified with bounded concurrency,
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
        if (options.Images.Count == 0)
        {
            return SigningResult<VerifyImagesResult>.Failure("give at least one image");
        }

        if (CertificateVerificationOptions.KeyOrIdentityError(options.KeyPaths.Count > 0 ? options.KeyPaths[0] : null, options.Certificate) is { } usage)
        {
            return SigningResult<VerifyImagesResult>.Failure(usage);
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

        KeylessVerificationOptions? keyless = null;
        var evidenceRoot = TrustedRoot.PublicGood;
        if (keys.Count == 0)
        {
            var resolved = options.Certificate!.Resolve();
            if (!resolved.Succeeded)
            {
                return SigningResult<VerifyImagesResult>.Failure(resolved.Error!);
            }

            keyless = resolved.Value;
        }
        else if (options.Certificate?.TrustedRootPath is not null)
        {
            var root = options.Certificate.LoadTrustedRoot();
            if (!root.Succeeded)
            {
                return SigningResult<VerifyImagesResult>.Failure($"--trusted-root {root.Error}");
            }

            evidenceRoot = root.Value!;
        }

        var trust = new Trust(keys, keyless, evidenceRoot, options.Certificate?.InsecureIgnoreTlog == true);

        var stores = new ConcurrentDictionary<string, Lazy<Task<IImageStore>>>(StringComparer.Ordinal);
        try
        {
            var results = new ImageVerificationResult[options.Images.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Images.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
                async (i, token) => results[i] = await VerifyOneAsync(options.Images[i], trust, options, predicateType, attestations, stores, token));
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
        string image, Trust trust, VerifyImageOptions options, string? predicateType, bool attestations,
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
                ? VerifyAttestations(image, digest, layers, bundles, trust, predicateType)
                : await VerifySignaturesAsync(image, location, digest, store, layers, bundles, trust, options, cancellationToken);
        }
        catch (OciException e)
        {
            return Fail(digest?.ToString(), VerificationFailure.InputUnavailable, $"{image}{(digest is null ? string.Empty : " (" + digest + ")")}: {e.Message}");
        }
    }

    private static async Task<ImageVerificationResult> VerifySignaturesAsync(
        string image, ImageLocation location, Digest digest, IImageStore store, List<AttachmentLayer> layers, List<byte[]> bundles,
        Trust trust, VerifyImageOptions options, CancellationToken cancellationToken)
    {
        var identity = new IdentityPolicy(options.Identity, location.RegistryReference?.ToString() ?? ImageSigner.IdentityOf(location));
        var requirements = new SignatureRequirements(identity, options.Annotations);
        var signatureLayers = layers.Select(l => new SignatureLayer(l.MediaType, l.Blob, l.Annotations)).ToList();
        var payloads = new List<JsonNode>();
        var signers = new List<KeylessSignerEvidence>();
        var reasons = new List<string>();
        var failure = VerificationFailure.SignatureMismatch;
        for (var i = 0; i < signatureLayers.Count; i++)
        {
            var layer = signatureLayers[i];
            VerificationResult status;
            if (trust.Keyless is { } keyless)
            {
                var (payload, result) = CosignKeylessLayerVerifier.VerifyLayer(layer, digest.ToString(), keyless, requirements);
                status = result.Status;
                if (payload is not null)
                {
                    payloads.Add(WithSigner(JsonNode.Parse(layer.Payload)!, result, layer.Annotations.GetValueOrDefault(CosignKeylessLayerVerifier.BundleAnnotation)));
                    signers.Add(KeylessSignerEvidence.From(result)!);
                }
            }
            else
            {
                var result = CosignSignatureVerifier.VerifyDigest(digest.ToString(), [layer], trust.Keys, requirements);
                status = result.IsValid ? result.Status : KeyOnKeyless(result.Layers[0].Status, layer.Annotations);
                if (result.IsValid)
                {
                    payloads.Add(JsonNode.Parse(layer.Payload)!);
                }
            }

            if (!status.IsValid)
            {
                failure = status.Failure;
                reasons.Add($"signature {i + 1}: {status.Message}");
            }
        }

        byte[]? manifest = null;
        async Task<byte[]> ManifestAsync() => manifest ??= (await store.GetManifestAsync(location.Repository, digest.ToString(), cancellationToken)).Bytes;
        foreach (var bundle in bundles)
        {
            VerificationResult status;
            JsonNode? payload;
            KeylessSignerEvidence? signer = null;
            if (trust.Keyless is { } keyless)
            {
                (status, payload, signer) = await VerifyKeylessSignatureBundleAsync(bundle, keyless, digest, ManifestAsync);
            }
            else
            {
                (status, payload) = await VerifySignatureBundleAsync(bundle, trust.Keys, digest, ManifestAsync, trust.EvidenceRoot, trust.IgnoreTlog);
            }

            if (payload is not null && BundleAnnotationProblem(payload, options.Annotations) is { } annotationProblem)
            {
                // -a applies to every signature form: a bundle signed with env=dev must not pass -a env=prod.
                (payload, status) = (null, annotationProblem);
            }

            if (payload is not null)
            {
                payloads.Add(payload);
                if (signer is not null)
                {
                    signers.Add(signer);
                }
            }
            else
            {
                failure = status.Failure;
                reasons.Add("referrer bundle: " + status.Message);
            }
        }

        if (payloads.Count > 0)
        {
            return new(image, digest.ToString(), VerificationResult.Valid($"{image}: {payloads.Count} valid signature(s) for {digest}"), payloads) { Signers = signers };
        }

        if (reasons.Count == 0)
        {
            return new(image, digest.ToString(), VerificationResult.Reject(VerificationFailure.NoSignatures, $"{image}: no signatures found for {digest}"), []);
        }

        return new(image, digest.ToString(), VerificationResult.Reject(failure, $"{image}: no valid signature for {digest}: {string.Join("; ", reasons)}"), []);
    }

    private static ImageVerificationResult VerifyAttestations(
        string image, Digest digest, List<AttachmentLayer> layers, List<byte[]> bundles, Trust trust, string? predicateType)
    {
        var statements = new List<JsonNode>();
        var signers = new List<KeylessSignerEvidence>();
        var reasons = new List<string>();
        var lastFailure = VerificationFailure.NoSignatures;
        foreach (var layer in layers)
        {
            VerificationResult status;
            if (trust.Keyless is { } keyless)
            {
                var (statement, result) = CosignKeylessLayerVerifier.VerifyAttestationLayer(new SignatureLayer(layer.MediaType, layer.Blob, layer.Annotations), digest.Hex, predicateType, keyless);
                status = result.Status;
                if (statement is not null)
                {
                    statements.Add(JsonNode.Parse(statement.ToJson())!);
                    signers.Add(KeylessSignerEvidence.From(result)!);
                }
            }
            else if (layer.MediaType != Dsse.EnvelopeMediaType)
            {
                status = VerificationResult.Reject(VerificationFailure.UnsupportedMediaType, $"layer media type '{layer.MediaType}' is not a DSSE envelope ({Dsse.EnvelopeMediaType})");
            }
            else
            {
                var (envelope, parseStatus) = Dsse.Parse(layer.Blob);
                status = envelope is null ? parseStatus : FirstValid(trust.Keys, key =>
                {
                    var signature = Dsse.Verify(envelope, key);
                    return signature.IsValid ? BundleVerifier.CheckStatement(envelope.Payload, predicateType, digest.Hex).Status : KeyOnKeyless(signature, layer.Annotations);
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
            VerificationResult status;
            if (trust.Keyless is { } keyless)
            {
                var (read, readStatus) = SigstoreEvidenceReader.Read(bundle);
                status = readStatus;
                if (read?.Content.DsseEnvelope is { } envelope)
                {
                    var result = KeylessVerifier.Verify(read, null, keyless);
                    (statement, status) = result.IsValid ? BundleVerifier.CheckStatement(envelope.Payload, predicateType, digest.Hex) : (null, result.Status);
                    if (statement is not null)
                    {
                        signers.Add(KeylessSignerEvidence.From(result)!);
                    }
                }
                else if (read is not null)
                {
                    status = VerificationResult.Reject(VerificationFailure.MalformedBundle, "the bundle holds a messageSignature, not a DSSE envelope");
                }
            }
            else
            {
                status = FirstValid(trust.Keys, key =>
                {
                    var (s, r) = BundleVerifier.VerifyAttestation(bundle, key, predicateType, digest.Hex, trust.EvidenceRoot, trust.IgnoreTlog);
                    statement = s;
                    return r.IsValid ? r : KeyOnKeylessBundle(r, bundle);
                });
            }

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
            return new(image, digest.ToString(), VerificationResult.Valid($"{image}: {statements.Count} valid attestation(s) for {digest}"), statements) { Signers = signers };
        }

        return reasons.Count == 0
            ? new(image, digest.ToString(), VerificationResult.Reject(VerificationFailure.NoSignatures, $"{image}: no attestations found for {digest}"), [])
            : new(image, digest.ToString(), VerificationResult.Reject(lastFailure, $"{image}: no valid attestation for {digest}: {string.Join("; ", reasons)}"), []);
    }

    /// <summary>
    /// Why a verified referrer bundle does not meet the <c>-a</c> requirements, or null when it does (or none are asked
    /// for). A statement of cosign's sign predicate carries its annotations in the predicate's <c>annotations</c> map,
    /// compared as cosign compares them (strings only); a message signature over the manifest carries none, so it cannot
    /// meet any.
    /// </summary>
    internal static VerificationResult? BundleAnnotationProblem(JsonNode payload, IReadOnlyDictionary<string, string> required)
    {
        if (required.Count == 0)
        {
            return null;
        }

        var annotations = payload["predicate"]?["annotations"] as JsonObject;
        foreach (var (name, wanted) in required)
        {
            if (annotations is null || !annotations.TryGetPropertyValue(name, out var actual) || actual is null)
            {
                return VerificationResult.Reject(VerificationFailure.AnnotationMissing,
                    $"the bundle's signed content has no annotation '{name}' (wanted '{wanted}'){(annotations is null ? "; a message-signature bundle carries no annotations" : string.Empty)}");
            }

            if (actual is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String || value.GetValue<string>() != wanted)
            {
                return VerificationResult.Reject(VerificationFailure.AnnotationMismatch, $"the bundle's annotation '{name}' is {actual.ToJsonString()}, wanted the string '{wanted}'");
            }
        }

        return null;
    }

    /// <summary>
    /// A signature held as a referrer bundle, checked with <paramref name="keys"/>: a messageSignature over the image
    /// manifest bytes (fetched only then), or a DSSE statement of cosign's sign predicate about <paramref name="digest"/>.
    /// </summary>
    /// <returns>The status, and on success the payload verified.</returns>
    internal static async Task<(VerificationResult Status, JsonNode? Payload)> VerifySignatureBundleAsync(
        byte[] bundle, IReadOnlyList<IVerifier> keys, Digest digest, Func<Task<byte[]>> manifest, TrustedRoot? evidenceRoot = null, bool ignoreTlog = false)
    {
        var (parsed, status) = BundleReader.Read(bundle);
        if (parsed?.MessageSignature is not null)
        {
            var bytes = await manifest();
            status = FirstValid(keys, key => BundleVerifier.VerifyMessage(bundle, bytes, key, evidenceRoot, ignoreTlog));
            return status.IsValid ? (status, new JsonObject { ["bundle"] = "messageSignature", ["digest"] = digest.ToString() }) : (KeyOnKeylessBundle(status, bundle), null);
        }

        if (parsed?.DsseEnvelope is not null)
        {
            InTotoStatement? statement = null;
            status = FirstValid(keys, key =>
            {
                var (s, r) = BundleVerifier.VerifyAttestation(bundle, key, CosignSignPredicateType, digest.Hex, evidenceRoot, ignoreTlog);
                statement ??= s;
                return r;
            });
            return status.IsValid ? (status, JsonNode.Parse(statement!.ToJson())) : (KeyOnKeylessBundle(status, bundle), null);
        }

        return (status.IsValid ? VerificationResult.Reject(VerificationFailure.UnsupportedMediaType, "the bundle holds neither a message signature nor a DSSE envelope") : status, null);
    }

    /// <summary>
    /// A signature held as a referrer bundle, checked keyless: a messageSignature over the image manifest bytes, or a
    /// DSSE statement of cosign's sign predicate about <paramref name="digest"/>; the certificate, log entry and identity
    /// as <see cref="KeylessVerifier"/> checks them.
    /// </summary>
    /// <returns>The status, and on success the payload verified and who signed.</returns>
    internal static async Task<(VerificationResult Status, JsonNode? Payload, KeylessSignerEvidence? Signer)> VerifyKeylessSignatureBundleAsync(
        byte[] bundle, KeylessVerificationOptions options, Digest digest, Func<Task<byte[]>> manifest)
    {
        var (read, status) = SigstoreEvidenceReader.Read(bundle);
        if (read is null)
        {
            return (status, null, null);
        }

        if (read.Content.MessageSignature is not null)
        {
            var result = KeylessVerifier.Verify(read, await manifest(), options);
            if (!result.IsValid)
            {
                return (result.Status, null, null);
            }

            var signer = KeylessSignerEvidence.From(result)!;
            return (result.Status, WithSigner(new JsonObject { ["bundle"] = "messageSignature", ["digest"] = digest.ToString() }, result, null), signer);
        }

        var keyless = KeylessVerifier.Verify(read, null, options);
        if (!keyless.IsValid)
        {
            return (keyless.Status, null, null);
        }

        var (statement, checkedStatement) = BundleVerifier.CheckStatement(read.Content.DsseEnvelope!.Payload, CosignSignPredicateType, digest.Hex);
        return statement is null
            ? (checkedStatement, null, null)
            : (keyless.Status, WithSigner(JsonNode.Parse(statement.ToJson())!, keyless, null), KeylessSignerEvidence.From(keyless));
    }

    /// <summary>A payload with who signed it, as cosign prints keyless payloads: <c>optional.Subject</c>, <c>optional.Issuer</c> and the Rekor <c>Bundle</c>.</summary>
    private static JsonNode WithSigner(JsonNode payload, KeylessVerification result, string? rekorBundle)
    {
        if (payload is not JsonObject root || result.Identity is not { } identity)
        {
            return payload;
        }

        if (root["optional"] is not JsonObject optional)
        {
            optional = new JsonObject();
            root["optional"] = optional;
        }

        optional["Subject"] = identity.Subject;
        optional["Issuer"] = identity.Issuer;
        if (result.LogIndex is { } index)
        {
            optional["logIndex"] = index;
        }

        if (rekorBundle is not null)
        {
            try
            {
                optional["Bundle"] = JsonNode.Parse(rekorBundle);
            }
            catch (JsonException)
            {
                // The bundle verified, so it parsed; nothing to add otherwise.
            }
        }

        return payload;
    }

    /// <summary>A key's failure on a layer signed keyless says so, instead of a bare signature mismatch.</summary>
    private static VerificationResult KeyOnKeyless(VerificationResult status, IReadOnlyDictionary<string, string> annotations)
    {
        if (status.IsValid || !CosignKeylessLayerVerifier.IsKeyless(annotations))
        {
            return status;
        }

        var who = annotations.TryGetValue(CosignKeylessLayerVerifier.CertificateAnnotation, out var pem) ? SignerOf(DerCertificate.PemBlocks(pem)) : null;
        return VerificationResult.Reject(VerificationFailure.KeyMaterialMismatch,
            $"it was signed keyless (a Fulcio certificate{who}), not with a key: verify it with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp] instead of --key");
    }

    /// <summary>A key's failure on a keyless bundle says so.</summary>
    private static VerificationResult KeyOnKeylessBundle(VerificationResult status, byte[] bundle)
    {
        if (status.IsValid)
        {
            return status;
        }

        var (read, _) = SigstoreEvidenceReader.Read(bundle);
        return read is { IsKeyless: true }
            ? VerificationResult.Reject(VerificationFailure.KeyMaterialMismatch,
                $"the bundle was signed keyless (a Fulcio certificate{SignerOf(read.Certificates)}), not with a key: verify it with --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp] instead of --key")
            : status;
    }

    private static string? SignerOf(IReadOnlyList<byte[]> certificates)
    {
        if (certificates.Count == 0)
        {
            return null;
        }

        try
        {
            using var leaf = DerCertificate.Load(certificates[0]);
            var identity = CertificateIdentity.Read(leaf);
            return identity.Succeeded ? $" for {identity.Value}" : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>What the signatures are checked with: keys, or a keyless identity; and the root and switch for a key-based bundle's log evidence.</summary>
    private sealed record Trust(IReadOnlyList<IVerifier> Keys, KeylessVerificationOptions? Keyless, TrustedRoot EvidenceRoot, bool IgnoreTlog);

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
