using System.Globalization;
using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Signing.Revocation;

namespace PipelineGuard.Provenance;

/// <summary>
/// Gathers the facts the provenance rules need: resolves an image to its digest and config, reads the cosign
/// signatures (<c>sha256-HEX.sig</c>) and attestations (<c>sha256-HEX.att</c>) stored beside it and the Sigstore
/// bundles attached to it as OCI 1.1 referrers, and verifies them with the trusted keys and, keyless, the trusted
/// identities (cosign's legacy keyless layers and keyless bundles); and the Notary Project signatures attached to the
/// digest the reference resolves to, verified with the configured trust policies. Every failure to obtain a fact is
/// recorded as the reason, never thrown and never a pass.
/// </summary>
public sealed class ImageEvidenceCollector : IDisposable
{
    private const long MaxSignatureBlobBytes = 4 * 1024 * 1024;
    private readonly IReadOnlyList<TrustedKey> _keys;
    private readonly IReadOnlyList<TrustedIdentity> _identities;
    private readonly ImageEvidenceOptions _options;
    private readonly RegistryClientPool _clients;

    /// <summary>A collector verifying with <paramref name="keys"/>.</summary>
    public ImageEvidenceCollector(IReadOnlyList<TrustedKey> keys, ImageEvidenceOptions? options = null)
        : this(keys, [], options)
    {
    }

    /// <summary>A collector verifying with <paramref name="keys"/> and, keyless, <paramref name="identities"/>.</summary>
    public ImageEvidenceCollector(IReadOnlyList<TrustedKey> keys, IReadOnlyList<TrustedIdentity> identities, ImageEvidenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(identities);
        _keys = keys;
        _identities = identities;
        _options = options ?? new ImageEvidenceOptions();
        _clients = new RegistryClientPool(RegistryOptionsFor);
    }

    /// <summary>How many registry clients this collector has opened: one per registry, however many images it reads.</summary>
    public int RegistryClients => _clients.Count;

    /// <inheritdoc />
    public void Dispose() => _clients.Dispose();

    /// <summary>The Notation trust policies the rules may name, each found by its <see cref="NotationTrust.Label"/>.</summary>
    public IReadOnlyList<NotationTrust> Notation { get; init; } = [];

    /// <summary>
    /// The facts about a <c>FROM</c> image. <paramref name="written"/> carries the reference and where it is written;
    /// the registry is asked only for what <paramref name="rules"/> (and a digest for pinning) need.
    /// </summary>
    public async Task<BaseImageFacts> CollectAsync(BaseImageFacts written, BaseImageRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(rules);
        if (written.IsScratch)
        {
            return written;
        }

        var identifier = written.WrittenDigest ?? written.Tag ?? ImageReference.DefaultTag;
        var (store, pooled, repository, reference, openError) = Open(written.Name, written.Registry, written.Repository, identifier);
        if (store is null)
        {
            return written with { ResolutionError = openError };
        }

        using ((IDisposable?)(pooled ? null : store))
        {
            ResolvedImage resolved;
            try
            {
                // The config is read only for the rules that judge it (max-age): the signature and attestation rules are
                // of the digest, as cosign verifies them, and an image whose config cannot be read still has them checked.
                resolved = await ResolvedImage.ResolveAsync(store, repository, reference, _options.Platform, cancellationToken: cancellationToken, readConfig: false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return written with { ResolutionError = Describe(e) };
            }

            var digest = resolved.Digest;
            var facts = written with { ResolvedDigest = digest.ToString() };
            if (rules.MaxAgeDays is not null)
            {
                facts = await ReadConfigAsync(facts, store, repository, resolved.Manifest, cancellationToken);
            }

            if (written.WrittenDigest is not null && !string.Equals(written.WrittenDigest, digest.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return facts with { ResolutionError = $"the store returned {digest} for {written.WrittenDigest}", ResolvedDigest = null };
            }

            if (rules.Signature is not null)
            {
                facts = facts with { Signatures = await ReadSignaturesAsync(store, repository, resolved.Root, written.Name, rules.Signature.Notation, cancellationToken) };
            }

            if (rules.Attestations.Count > 0)
            {
                facts = facts with { Attestations = await ReadAttestationsAsync(store, repository, digest, cancellationToken) };
            }

            return facts;
        }
    }

    /// <summary>The facts about a produced image, named as a registry reference or <c>oci:DIR[:TAG]</c>.</summary>
    public async Task<ProducedImageFacts> CollectProducedAsync(string image, ProducedImageRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!ImageLocation.TryParse(image, out var location, out var parseError))
        {
            return new ProducedImageFacts { Reference = image, ResolutionError = parseError };
        }

        IImageStore store;
        var pooled = location.Kind == ImageLocationKind.Registry;
        try
        {
            store = pooled
                ? _clients.For(location.RegistryReference!.Registry)
                : await location.OpenStoreAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ProducedImageFacts { Reference = image, ResolutionError = Describe(e) };
        }

        using ((IDisposable?)(pooled ? null : store))
        {
            var reference = location.Kind == ImageLocationKind.Registry ? location.RegistryReference!.Identifier : (location.Reference.Length == 0 ? ImageReference.DefaultTag : location.Reference);
            try
            {
                var resolved = await ResolvedImage.ResolveAsync(store, location.Repository, reference, _options.Platform, cancellationToken: cancellationToken, readConfig: false);
                return new ProducedImageFacts
                {
                    Reference = image,
                    Digest = resolved.Digest.ToString(),
                    Signatures = rules.RequiresSignature ? await ReadSignaturesAsync(store, location.Repository, resolved.Root, NotationImageVerifier.ScopeOf(location), rules.SignatureNotation, cancellationToken) : null,
                    Attestations = rules.RequiresSbomAttestation ? await ReadAttestationsAsync(store, location.Repository, resolved.Digest, cancellationToken) : null,
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new ProducedImageFacts { Reference = image, ResolutionError = Describe(e) };
            }
        }
    }

    /// <summary>
    /// Resolves an image name and tag to its digest only (for <c>pin</c>), or gives the reason it could not. With
    /// <paramref name="verifyWith"/>, the digest is given only when a Notary Project signature of it verifies with that
    /// trust policy: a digest that would be pinned without a trusted signature is refused with the reason.
    /// </summary>
    public async Task<(string? Digest, string? Error)> ResolveDigestAsync(string name, string registry, string repository, string reference, NotationTrust? verifyWith = null, CancellationToken cancellationToken = default)
    {
        var (store, pooled, repo, id, openError) = Open(name, registry, repository, reference);
        if (store is null)
        {
            return (null, openError);
        }

        using ((IDisposable?)(pooled ? null : store))
        {
            try
            {
                // Verifying needs the manifest's exact size, so it reads the manifest rather than trusting a HEAD's headers.
                var descriptor = verifyWith is null ? await store.ResolveAsync(repo, id, cancellationToken) : (await store.GetManifestAsync(repo, id, cancellationToken)).Descriptor;
                if (verifyWith is not null)
                {
                    var verified = await NotationImageVerifier.VerifyAsync(store, repo, name, descriptor, verifyWith, _options.Revocation, cancellationToken: cancellationToken);
                    if (!verified.IsValid)
                    {
                        return (null, $"not pinned, because {verified.Message(name, descriptor.Digest)}");
                    }
                }

                return (descriptor.Digest.ToString(), null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return (null, Describe(e));
            }
        }
    }

    /// <summary>The store to read <paramref name="name"/> from: its OCI layout (the caller disposes it), or this run's pooled client for its registry.</summary>
    private (IImageStore? Store, bool Pooled, string Repository, string Reference, string? Error) Open(string name, string registry, string repository, string reference)
    {
        try
        {
            if (_options.Layouts.TryGetValue(name, out var layout))
            {
                return (OciLayoutStore.Open(layout), false, string.Empty, reference, null);
            }

            return (_clients.For(registry), true, repository, reference, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, false, repository, reference, Describe(e));
        }
    }

    /// <summary>
    /// <paramref name="evidence"/> with blob redirects limited to <paramref name="allowedRegistries"/> when a policy
    /// names any: a registry in force may not send the reader to a host the policy does not allow.
    /// </summary>
    internal static ImageEvidenceOptions RedirectsLimitedTo(ImageEvidenceOptions evidence, IReadOnlyList<string> allowedRegistries)
        => allowedRegistries.Count == 0 ? evidence : evidence with { Registry = evidence.Registry with { AllowedRedirectHosts = allowedRegistries } };

    private RegistryClientOptions RegistryOptionsFor(string registry) =>
        _options.Registry with { AllowHttp = _options.Registry.AllowHttp || WildcardPattern.IsMatchAny(_options.AllowHttp, registry) };

    /// <summary>The config's <c>created</c> time; a config that cannot be fetched is a <see cref="BaseImageFacts.ConfigError"/>, which fails the rules that need it.</summary>
    private static async Task<BaseImageFacts> ReadConfigAsync(BaseImageFacts facts, IImageStore store, string repository, OciManifest manifest, CancellationToken cancellationToken)
    {
        if (manifest.Config is not { } descriptor)
        {
            return facts with { ConfigError = "the image manifest names no config" };
        }

        byte[] config;
        try
        {
            config = await store.GetBlobAsync(repository, descriptor.Digest, 8 * 1024 * 1024, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return facts with { ConfigError = $"the image config {descriptor.Digest} could not be read ({Describe(e)})" };
        }

        return ReadCreated(facts, config);
    }

    private static BaseImageFacts ReadCreated(BaseImageFacts facts, byte[] config)
    {
        try
        {
            using var json = JsonDocument.Parse(config);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("created", out var created)
                && created.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(created.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return facts with { Created = time };
            }

            return facts with { ConfigError = "the image config has no 'created' time" };
        }
        catch (JsonException e)
        {
            return facts with { ConfigError = $"the image config is not JSON ({e.Message})" };
        }
    }

    private async Task<SignatureEvidence> ReadSignaturesAsync(IImageStore store, string repository, OciDescriptor root, string scope, NotationRequirement? notation, CancellationToken cancellationToken)
    {
        var digest = root.Digest;
        try
        {
            var cosign = await ReadCosignSignaturesAsync(store, repository, digest, cancellationToken);
            if (notation is null)
            {
                return cosign;
            }

            var trust = Notation.FirstOrDefault(t => t.Label == notation.Label)
                ?? throw new InvalidOperationException($"the Notation trust policy {notation.Name} was not loaded");
            var result = await NotationImageVerifier.VerifyAsync(store, repository, scope, root, trust, _options.Revocation, cancellationToken: cancellationToken);
            var problems = new List<string>(cosign.Problems ?? []);
            if (!result.IsValid && (result.Found > 0 || result.Problems.Count > 0))
            {
                problems.Add($"{trust.Label}: {result.Message(scope, digest)}");
            }

            var verifiedBy = result.IsValid ? [.. cosign.VerifiedBy, trust.Label] : cosign.VerifiedBy;
            return new SignatureEvidence(cosign.Found + result.Found, verifiedBy, cosign.Error, verifiedBy.Count == 0 ? problems : null)
            {
                Keyless = cosign.Keyless,
                Notation = result.Evidence is { } evidence ? [evidence] : null,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SignatureEvidence(0, [], Error: Describe(e));
        }
    }

    private async Task<SignatureEvidence> ReadCosignSignaturesAsync(IImageStore store, string repository, Digest digest, CancellationToken cancellationToken)
    {
        var (layers, allBundles) = await ReadStoredAsync(store, repository, digest, ".sig", cancellationToken);
        var bundles = allBundles.Where(IsSignatureBundle).ToList();
        if (layers.Count == 0 && bundles.Count == 0)
        {
            return new SignatureEvidence(0, []);
        }

        byte[]? manifest = null;
        async Task<byte[]> ManifestAsync() => manifest ??= (await store.GetManifestAsync(repository, digest.ToString(), cancellationToken)).Bytes;
        var verifiedBy = new List<string>();
        var problems = new List<string>();
        foreach (var key in _keys)
        {
            var reasons = new List<string>();
            var verified = false;
            if (layers.Count > 0)
            {
                var result = CosignSignatureVerifier.VerifyDigest(digest.ToString(), layers, [key.Verifier], SignatureRequirements.KeyOnly);
                verified = result.IsValid;
                reasons.Add(result.Status.Message);
            }

            foreach (var bundle in bundles.TakeWhile(_ => !verified))
            {
                var (status, payload) = await ImageVerifier.VerifySignatureBundleAsync(bundle, [key.Verifier], digest, ManifestAsync);
                verified = payload is not null;
                reasons.Add("referrer bundle: " + status.Message);
            }

            if (verified)
            {
                verifiedBy.Add(key.Name);
            }
            else
            {
                problems.Add($"{key.Name}: {string.Join("; ", reasons)}");
            }
        }

        var signers = new List<KeylessSignerEvidence>();
        foreach (var identity in _identities)
        {
            var reasons = new List<string>();
            KeylessSignerEvidence? signer = null;
            foreach (var layer in layers)
            {
                var (payload, result) = CosignKeylessLayerVerifier.VerifyLayer(layer, digest.ToString(), identity.Options, SignatureRequirements.KeyOnly);
                if (payload is not null)
                {
                    signer = KeylessSignerEvidence.From(result, identity.Name);
                    break;
                }

                reasons.Add(result.Status.Message);
            }

            foreach (var bundle in bundles.TakeWhile(_ => signer is null))
            {
                var (status, _, evidence) = await ImageVerifier.VerifyKeylessSignatureBundleAsync(bundle, identity.Options, digest, ManifestAsync);
                signer = evidence is null ? null : evidence with { VerifiedBy = identity.Name };
                if (signer is null)
                {
                    reasons.Add("referrer bundle: " + status.Message);
                }
            }

            if (signer is not null)
            {
                verifiedBy.Add(identity.Name);
                signers.Add(signer);
            }
            else
            {
                problems.Add($"{identity.Name}: {string.Join("; ", reasons)}");
            }
        }

        return new SignatureEvidence(layers.Count + bundles.Count, verifiedBy.Distinct(StringComparer.Ordinal).ToList(), Problems: verifiedBy.Count == 0 ? problems : null)
        {
            Keyless = signers.Count > 0 ? signers : null,
        };
    }

    private async Task<AttestationEvidence> ReadAttestationsAsync(IImageStore store, string repository, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            var (layers, bundles) = await ReadStoredAsync(store, repository, digest, ".att", cancellationToken);
            var verified = new List<VerifiedAttestation>();
            var problems = new List<string>();
            var found = layers.Count;
            foreach (var layer in layers)
            {
                var (envelope, status) = Dsse.Parse(layer.Payload);
                if (envelope is null)
                {
                    problems.Add(status.Message);
                    continue;
                }

                if (CosignKeylessLayerVerifier.IsKeyless(layer.Annotations))
                {
                    var (keylessStatement, signers, reason) = VerifyKeyless(identity => CosignKeylessLayerVerifier.VerifyAttestationLayer(layer, digest.Hex, null, identity.Options));
                    if (keylessStatement is null)
                    {
                        problems.Add($"a keyless attestation verifies with no trusted identity{reason}");
                        continue;
                    }

                    verified.Add(Verified(keylessStatement, signers.Select(k => k.VerifiedBy!).Distinct(StringComparer.Ordinal).ToList()) with { Keyless = signers });
                    continue;
                }

                var signedBy = _keys.Where(k => Dsse.Verify(envelope, k.Verifier).IsValid).Select(k => k.Name).ToList();
                if (signedBy.Count == 0)
                {
                    problems.Add("an attestation's DSSE signature verifies with no trusted key");
                    continue;
                }

                var statement = InTotoStatement.Parse(envelope.Payload);
                if (!statement.Succeeded)
                {
                    problems.Add($"an attestation is not an in-toto statement: {statement.Error}");
                    continue;
                }

                verified.Add(Verified(statement.Value, signedBy));
            }

            // Referrer bundles, checked as ImageVerifier checks them (signature, then a subject naming this digest);
            // message-signature bundles and cosign's own sign statements are signatures, not attestations.
            foreach (var bundle in bundles)
            {
                if (IsSignatureBundle(bundle))
                {
                    continue;
                }

                found++;
                var (evidence, _) = SigstoreEvidenceReader.Read(bundle);
                if (evidence is { IsKeyless: true, Content.DsseEnvelope: { } keylessEnvelope })
                {
                    var (keylessStatement, signers, why) = VerifyKeyless(identity =>
                    {
                        var result = KeylessVerifier.Verify(evidence, null, identity.Options);
                        if (!result.IsValid)
                        {
                            return (null, result);
                        }

                        var (s, checkedStatement) = BundleVerifier.CheckStatement(keylessEnvelope.Payload, null, digest.Hex);
                        return s is null ? (null, result with { Status = checkedStatement }) : (s, result);
                    });
                    if (keylessStatement is null)
                    {
                        problems.Add($"referrer bundle: a keyless attestation verifies with no trusted identity{why}");
                        continue;
                    }

                    verified.Add(Verified(keylessStatement, signers.Select(k => k.VerifiedBy!).Distinct(StringComparer.Ordinal).ToList()) with { Keyless = signers });
                    continue;
                }

                InTotoStatement? statement = null;
                var signedBy = new List<string>();
                var reason = "no trusted key is configured";
                foreach (var key in _keys)
                {
                    var (s, status) = BundleVerifier.VerifyAttestation(bundle, key.Verifier, null, digest.Hex);
                    if (status.IsValid)
                    {
                        statement ??= s;
                        signedBy.Add(key.Name);
                    }
                    else
                    {
                        reason = status.Message;
                    }
                }

                if (statement is null)
                {
                    problems.Add("referrer bundle: " + reason);
                    continue;
                }

                verified.Add(Verified(statement, signedBy));
            }

            return found == 0 ? new AttestationEvidence(0, []) : new AttestationEvidence(found, verified, Problems: problems);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new AttestationEvidence(0, [], Error: Describe(e));
        }
    }

    /// <summary>
    /// Verifies a keyless attestation with every trusted identity; the statement (from the first that accepts it), the
    /// signers that accepted it, and otherwise the last reason (with the expected and found identity on a mismatch).
    /// </summary>
    private (InTotoStatement? Statement, List<KeylessSignerEvidence> Signers, string Reason) VerifyKeyless(Func<TrustedIdentity, (InTotoStatement? Statement, KeylessVerification Result)> verify)
    {
        InTotoStatement? statement = null;
        var signers = new List<KeylessSignerEvidence>();
        var reason = _identities.Count == 0 ? " (no keyless identity is configured)" : string.Empty;
        foreach (var identity in _identities)
        {
            var (s, result) = verify(identity);
            if (s is not null && KeylessSignerEvidence.From(result, identity.Name) is { } signer)
            {
                statement ??= s;
                signers.Add(signer);
            }
            else
            {
                reason = $" ({identity.Name}: {result.Status.Message})";
            }
        }

        return (statement, signers, reason);
    }

    /// <summary>
    /// Whether a referrer bundle is a signature (a message signature, or a statement of cosign's sign predicate) rather
    /// than an attestation. This only sorts bundles; whether one is trusted is decided by verifying it.
    /// </summary>
    private static bool IsSignatureBundle(byte[] bundle)
    {
        // The evidence reader reads key-based and keyless bundles alike (BundleReader only the key-based form).
        var parsed = SigstoreEvidenceReader.Read(bundle).Bundle?.Content;
        if (parsed?.MessageSignature is not null)
        {
            return true;
        }

        if (parsed?.DsseEnvelope is not { } envelope)
        {
            return false;
        }

        var statement = InTotoStatement.Parse(envelope.Payload);
        return statement.Succeeded && statement.Value.PredicateType == ImageVerifier.CosignSignPredicateType;
    }

    private static VerifiedAttestation Verified(InTotoStatement statement, IReadOnlyList<string> signedBy)
    {
        var predicate = statement.Predicate is { } node ? JsonDocument.Parse(node.ToJsonString()).RootElement.Clone() : default;
        var subjects = statement.Subjects.SelectMany(s => s.Digest.Select(d => $"{d.Key}:{d.Value}")).ToList();
        return new VerifiedAttestation(statement.PredicateType, signedBy, subjects, predicate);
    }

    /// <summary>The layers of the <c>sha256-HEX</c>+<paramref name="suffix"/> attachment and the referrer bundles, read at once.</summary>
    private static async Task<(List<SignatureLayer> Layers, List<byte[]> Bundles)> ReadStoredAsync(IImageStore store, string repository, Digest digest, string suffix, CancellationToken cancellationToken)
    {
        var layersTask = ReadLayersAsync(store, repository, digest.ToTagSchema() + suffix, cancellationToken);
        var bundlesTask = ImageVerifier.ReadReferrerBundlesAsync(store, repository, digest, cancellationToken);
        await Task.WhenAll(layersTask, bundlesTask);
        return (await layersTask ?? [], await bundlesTask);
    }

    /// <summary>The layers of the manifest tagged <paramref name="tag"/>, or null when there is no such tag.</summary>
    private static async Task<List<SignatureLayer>?> ReadLayersAsync(IImageStore store, string repository, string tag, CancellationToken cancellationToken)
    {
        ManifestContent content;
        try
        {
            content = await store.GetManifestAsync(repository, tag, cancellationToken);
        }
        catch (OciException e) when (e.Kind == OciErrorKind.NotFound)
        {
            return null;
        }

        var manifest = content.Parse($"{store.Description}: {tag}");
        var layers = new List<SignatureLayer>();
        foreach (var layer in manifest.Layers)
        {
            var blob = await store.GetBlobAsync(repository, layer.Digest, MaxSignatureBlobBytes, cancellationToken);
            layers.Add(new SignatureLayer(layer.MediaType, blob, layer.Annotations));
        }

        return layers;
    }

    private static string Describe(Exception e) => e switch
    {
        OciException oci => oci.Message.TrimEnd('.'),
        HttpRequestException http => $"the registry could not be reached ({http.Message.TrimEnd('.')})",
        OperationCanceledException => "the registry did not answer in time",
        _ => e.Message.TrimEnd('.'),
    };
}
