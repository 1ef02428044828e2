using System.Globalization;
using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Signing;

namespace PipelineGuard.Provenance;

/// <summary>
/// Gathers the facts the provenance rules need: resolves an image to its digest and config, reads the cosign
/// signatures (<c>sha256-HEX.sig</c>) and attestations (<c>sha256-HEX.att</c>) stored beside it, and verifies
/// them with the trusted keys. Every failure to obtain a fact is recorded as the reason, never thrown and never a pass.
/// </summary>
public sealed class ImageEvidenceCollector
{
    private const long MaxSignatureBlobBytes = 4 * 1024 * 1024;
    private readonly IReadOnlyList<TrustedKey> _keys;
    private readonly ImageEvidenceOptions _options;

    /// <summary>A collector verifying with <paramref name="keys"/>.</summary>
    public ImageEvidenceCollector(IReadOnlyList<TrustedKey> keys, ImageEvidenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _options = options ?? new ImageEvidenceOptions();
    }

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
        var (store, repository, reference, openError) = Open(written.Name, written.Registry, written.Repository, identifier);
        if (store is null)
        {
            return written with { ResolutionError = openError };
        }

        using (store)
        {
            ResolvedImage resolved;
            try
            {
                resolved = await ResolvedImage.ResolveAsync(store, repository, reference, _options.Platform, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return written with { ResolutionError = Describe(e) };
            }

            var digest = resolved.Digest;
            var facts = written with { ResolvedDigest = digest.ToString() };
            facts = ReadCreated(facts, resolved.Config);
            if (written.WrittenDigest is not null && !string.Equals(written.WrittenDigest, digest.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return facts with { ResolutionError = $"the store returned {digest} for {written.WrittenDigest}", ResolvedDigest = null };
            }

            if (rules.Signature is not null)
            {
                facts = facts with { Signatures = await ReadSignaturesAsync(store, repository, digest, cancellationToken) };
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
        try
        {
            store = location.Kind == ImageLocationKind.Registry
                ? new RegistryClient(location.RegistryReference!.Registry, RegistryOptionsFor(location.RegistryReference.Registry))
                : await location.OpenStoreAsync(cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ProducedImageFacts { Reference = image, ResolutionError = Describe(e) };
        }

        using (store)
        {
            var reference = location.Kind == ImageLocationKind.Registry ? location.RegistryReference!.Identifier : (location.Reference.Length == 0 ? ImageReference.DefaultTag : location.Reference);
            try
            {
                var resolved = await ResolvedImage.ResolveAsync(store, location.Repository, reference, _options.Platform, cancellationToken: cancellationToken);
                return new ProducedImageFacts
                {
                    Reference = image,
                    Digest = resolved.Digest.ToString(),
                    Signatures = rules.SignatureKeys.Count > 0 ? await ReadSignaturesAsync(store, location.Repository, resolved.Digest, cancellationToken) : null,
                    Attestations = rules.SbomAttestationKeys.Count > 0 ? await ReadAttestationsAsync(store, location.Repository, resolved.Digest, cancellationToken) : null,
                };
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new ProducedImageFacts { Reference = image, ResolutionError = Describe(e) };
            }
        }
    }

    /// <summary>Resolves an image name and tag to its digest only (for <c>pin</c>), or gives the reason it could not.</summary>
    public async Task<(string? Digest, string? Error)> ResolveDigestAsync(string name, string registry, string repository, string reference, CancellationToken cancellationToken = default)
    {
        var (store, repo, id, openError) = Open(name, registry, repository, reference);
        if (store is null)
        {
            return (null, openError);
        }

        using (store)
        {
            try
            {
                var descriptor = await store.ResolveAsync(repo, id, cancellationToken);
                return (descriptor.Digest.ToString(), null);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return (null, Describe(e));
            }
        }
    }

    private (IImageStore? Store, string Repository, string Reference, string? Error) Open(string name, string registry, string repository, string reference)
    {
        try
        {
            if (_options.Layouts.TryGetValue(name, out var layout))
            {
                return (OciLayoutStore.Open(layout), string.Empty, reference, null);
            }

            return (new RegistryClient(registry, RegistryOptionsFor(registry)), repository, reference, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, repository, reference, Describe(e));
        }
    }

    private RegistryClientOptions RegistryOptionsFor(string registry) =>
        _options.Registry with { AllowHttp = _options.Registry.AllowHttp || WildcardPattern.IsMatchAny(_options.AllowHttp, registry) };

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

    private async Task<SignatureEvidence> ReadSignaturesAsync(IImageStore store, string repository, Digest digest, CancellationToken cancellationToken)
    {
        var tag = digest.ToTagSchema() + ".sig";
        try
        {
            var layers = await ReadLayersAsync(store, repository, tag, cancellationToken);
            if (layers is null)
            {
                return new SignatureEvidence(0, []);
            }

            var verifiedBy = new List<string>();
            var problems = new List<string>();
            foreach (var key in _keys)
            {
                var result = CosignSignatureVerifier.VerifyDigest(digest.ToString(), layers, [key.Verifier], SignatureRequirements.KeyOnly);
                if (result.IsValid)
                {
                    verifiedBy.Add(key.Name);
                }
                else
                {
                    problems.Add($"{key.Name}: {result.Status.Message}");
                }
            }

            return new SignatureEvidence(layers.Count, verifiedBy, Problems: verifiedBy.Count == 0 ? problems : null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SignatureEvidence(0, [], Error: Describe(e));
        }
    }

    private async Task<AttestationEvidence> ReadAttestationsAsync(IImageStore store, string repository, Digest digest, CancellationToken cancellationToken)
    {
        var tag = digest.ToTagSchema() + ".att";
        try
        {
            var layers = await ReadLayersAsync(store, repository, tag, cancellationToken);
            if (layers is null)
            {
                return new AttestationEvidence(0, []);
            }

            var verified = new List<VerifiedAttestation>();
            var problems = new List<string>();
            foreach (var layer in layers)
            {
                var (envelope, status) = Dsse.Parse(layer.Payload);
                if (envelope is null)
                {
                    problems.Add(status.Message);
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

                var predicate = statement.Value!.Predicate is { } node ? JsonDocument.Parse(node.ToJsonString()).RootElement.Clone() : default;
                var subjects = statement.Value.Subjects
                    .SelectMany(s => s.Digest.Select(d => $"{d.Key}:{d.Value}"))
                    .ToList();
                verified.Add(new VerifiedAttestation(statement.Value.PredicateType, signedBy, subjects, predicate));
            }

            return new AttestationEvidence(layers.Count, verified, Problems: problems);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new AttestationEvidence(0, [], Error: Describe(e));
        }
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
