using System.Globalization;
using PipelineGuard.Oci;
using PipelineGuard.Signing.Revocation;

namespace PipelineGuard.Signing.Notation;

/// <summary>What a verified (or skipped) Notary Project signature of an image shows in a report.</summary>
/// <param name="TrustPolicy">The trust policy's name as configured (a file or a preset).</param>
/// <param name="Statement">The trust policy statement that applied.</param>
/// <param name="Level">The level and its overrides, for example <c>strict</c>, <c>audit</c> or <c>skip</c>.</param>
/// <param name="EnvelopeType">The envelope's media type (<c>application/cose</c>, <c>application/jose+json</c>), or null when the level is skip.</param>
/// <param name="Subject">The signing certificate's subject, or null when the level is skip.</param>
/// <param name="Chain">The subjects of the envelope's certificate chain, leaf first.</param>
/// <param name="Timestamp">The RFC 3161 timestamp's generation time and authority, or null when none was verified.</param>
/// <param name="VerifiedDigest">The digest verified: the one the reference resolves to.</param>
/// <param name="DigestKind"><c>index</c> or <c>manifest</c>: which of them the digest names.</param>
/// <param name="Warnings">Validations that failed but that the level only logs (audit, permissive, overrides).</param>
public sealed record NotationSignerEvidence(
    string TrustPolicy,
    string? Statement,
    string Level,
    string? EnvelopeType,
    string? Subject,
    IReadOnlyList<string> Chain,
    string? Timestamp,
    string VerifiedDigest,
    string DigestKind,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether verification was skipped by the level: nothing was verified.</summary>
    public bool Skipped => EnvelopeType is null;

    /// <summary>Whether a report must flag it: the level is not strict, or a failure was only logged.</summary>
    public bool NeedsAttention => Skipped || Warnings.Count > 0 || !Level.StartsWith("strict", StringComparison.Ordinal);

    /// <summary>The evidence lines a rule check shows, in order.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string> { $"notation: {NotationTrust.LabelFor(TrustPolicy)}, statement '{Statement}', level {Level}" };
        if (Skipped)
        {
            lines.Add($"notation: verification skipped by level skip; no signature of {VerifiedDigest} ({DigestKind}) was checked");
            return lines;
        }

        lines.Add($"notation: verified digest {VerifiedDigest} ({DigestKind})");
        lines.Add($"notation: envelope {EnvelopeType}");
        lines.Add($"notation: subject {Subject}");
        lines.Add($"notation: chain {string.Join(" <- ", Chain)}");
        lines.Add(Timestamp is null ? "notation: timestamp none verified" : $"notation: timestamp {Timestamp}");
        lines.AddRange(Warnings.Select(w => $"notation: warning (logged by level {Level}): {w}"));
        return lines;
    }
}

/// <summary>The outcome of verifying an image's Notary Project signatures with one trust policy.</summary>
/// <param name="IsValid">A signature verified (or the statement's level is skip).</param>
/// <param name="Found">How many Notary Project signatures are attached to the digest.</param>
/// <param name="Evidence">What verified, when valid.</param>
/// <param name="Verification">The verifier's result for the signature that verified, when one did.</param>
/// <param name="Problems">Why each signature (or the lookup) was rejected, in order.</param>
public sealed record NotationImageResult(bool IsValid, int Found, NotationSignerEvidence? Evidence, NotationVerificationResult? Verification, IReadOnlyList<string> Problems)
{
    /// <summary>One sentence: what verified, or why nothing did.</summary>
    public string Message(string image, Digest digest) => IsValid
        ? Evidence!.Skipped
            ? $"{image}: Notation verification of {digest} skipped by trust policy statement '{Evidence.Statement}' (level skip)"
            : $"{image}: Notary Project signature for {digest} ({Evidence.DigestKind}) verified by {Evidence.TrustPolicy}, level {Evidence.Level}"
        : Found == 0 && Problems.Count == 0
            ? $"{image}: no Notary Project signature is attached to {digest}"
            : $"{image}: no valid Notary Project signature for {digest}: {string.Join("; ", Problems)}";
}

/// <summary>
/// Finds the Notary Project signatures of an image and verifies them: signature manifests (artifact type
/// <see cref="SignatureArtifactType"/>) attached to the digest the reference resolves to, read through the OCI referrers
/// API or, where a registry has none, the referrers tag schema (<c>sha256-HEX</c> index). The signature manifest's one
/// layer is the envelope. Verification stops at the first signature that verifies, as Notation does.
/// </summary>
public static class NotationImageVerifier
{
    /// <summary>The artifact type of Notary Project signature manifests.</summary>
    public const string SignatureArtifactType = "application/vnd.cncf.notary.signature";

    /// <summary>The most signatures verified for one digest; more are reported, not verified.</summary>
    public const int MaxSignatures = 32;

    /// <summary>The largest envelope read (Notation's own limit is 4 MiB as well).</summary>
    public const long MaxEnvelopeBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The repository name trust policy scopes are matched against: <c>registry/repository</c> for registries, and
    /// <c>local/FOLDER</c> for an OCI layout, as Notation names OCI layouts.
    /// </summary>
    public static string ScopeOf(ImageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.RegistryReference is { } reference
            ? reference.Name
            : "local/" + Path.GetFileName(Path.GetFullPath(location.Path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
    }

    /// <summary>Verifies the signatures attached to <paramref name="subject"/>.</summary>
    /// <param name="store">Where the image is.</param>
    /// <param name="repository">The repository in <paramref name="store"/> (empty for a layout).</param>
    /// <param name="scope">The fully qualified repository the trust policy's scopes are matched against.</param>
    /// <param name="subject">The descriptor the reference resolved to (index or manifest): what the signature must name.</param>
    /// <param name="trust">The trust policy and store.</param>
    /// <param name="revocation">How revocation is checked; null checks online as Notation does, with the CRL cache and the store's CRL files.</param>
    /// <param name="clock">The current time (tests pin it).</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    public static async Task<NotationImageResult> VerifyAsync(
        IImageStore store, string repository, string scope, OciDescriptor subject, NotationTrust trust, IRevocationChecker? revocation, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(trust);
        revocation ??= NotationVerifier.DefaultRevocation(trust.Store);
        var kind = OciMediaTypes.IsIndex(subject.MediaType) ? "index" : "manifest";
        var statement = trust.Policy.For(scope);
        if (statement is null)
        {
            return new NotationImageResult(false, 0, null, null, [$"no statement of trust policy {trust.Name} applies to {scope} (registryScopes name fully qualified repositories exactly, or \"*\"); add {scope} to a statement's registryScopes"]);
        }

        if (statement.Verification.Level == VerificationLevel.Skip)
        {
            // As Notation: a statement of level skip accepts the artifact without looking for signatures. Reports say so.
            return new NotationImageResult(true, 0, new NotationSignerEvidence(trust.Name, statement.Name, "skip", null, null, [], null, subject.Digest.ToString(), kind, []), null, []);
        }

        IReadOnlyList<OciDescriptor> referrers;
        try
        {
            referrers = await store.ListReferrersAsync(repository, subject.Digest, SignatureArtifactType, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e) when (e.Kind is OciErrorKind.NotFound or OciErrorKind.NotSupported)
        {
            referrers = [];
        }

        var problems = new List<string>();
        if (referrers.Count > MaxSignatures)
        {
            problems.Add($"{referrers.Count} signatures are attached; only the first {MaxSignatures} were verified");
        }

        var verifier = new NotationVerifier(trust.Policy, trust.Store, revocation, clock);
        foreach (var referrer in referrers.Take(MaxSignatures))
        {
            var (envelope, mediaType, problem) = await ReadEnvelopeAsync(store, repository, referrer, subject.Digest, cancellationToken).ConfigureAwait(false);
            if (envelope is null)
            {
                problems.Add($"signature manifest {referrer.Digest}: {problem}");
                continue;
            }

            var result = await verifier.VerifyAsync(envelope, mediaType!, scope, subject, cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                problems.Add($"signature manifest {referrer.Digest}: {result.Message}");
                continue;
            }

            return new NotationImageResult(true, referrers.Count, Evidence(trust, result, subject, kind), result, []);
        }

        return new NotationImageResult(false, referrers.Count, null, null, problems);
    }

    private static NotationSignerEvidence Evidence(NotationTrust trust, NotationVerificationResult result, OciDescriptor subject, string kind)
    {
        var envelope = result.Envelope!;
        string? timestamp = null;
        if (result.Timestamp is { IsValid: true, GenerationTime: { } time } verified)
        {
            timestamp = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + (verified.TsaSubject is { } tsa ? $" by '{tsa.Name}'" : string.Empty);
        }

        return new NotationSignerEvidence(
            trust.Name,
            result.Statement?.Name,
            result.Level,
            envelope.MediaType,
            result.Subject?.Name,
            envelope.CertificateChain.Select(c => c.Subject).ToList(),
            timestamp,
            subject.Digest.ToString(),
            kind,
            result.Warnings.Select(w => $"{w.Name}: {w.Message}").ToList());
    }

    private static async Task<(byte[]? Envelope, string? MediaType, string? Problem)> ReadEnvelopeAsync(IImageStore store, string repository, OciDescriptor referrer, Digest subject, CancellationToken cancellationToken)
    {
        OciManifest manifest;
        try
        {
            manifest = (await store.GetManifestAsync(repository, referrer.Digest.ToString(), cancellationToken).ConfigureAwait(false)).Parse($"{store.Description}: signature manifest {referrer.Digest}");
        }
        catch (OciException e) when (e.Kind != OciErrorKind.Unauthorized)
        {
            return (null, null, e.Message.TrimEnd('.'));
        }

        if ((manifest.ArtifactType ?? manifest.Config?.MediaType) != SignatureArtifactType)
        {
            return (null, null, $"its artifact type is '{manifest.ArtifactType ?? manifest.Config?.MediaType}', not {SignatureArtifactType}");
        }

        if (manifest.Subject?.Digest != subject)
        {
            return (null, null, $"its subject is {manifest.Subject?.Digest.ToString() ?? "missing"}, not {subject}");
        }

        if (manifest.Layers.Count != 1)
        {
            return (null, null, $"it has {manifest.Layers.Count} layers; a Notary Project signature manifest has exactly one, the envelope");
        }

        var layer = manifest.Layers[0];
        if (layer.MediaType is not (NotationEnvelope.CoseMediaType or NotationEnvelope.JwsMediaType))
        {
            return (null, null, $"its layer's media type '{layer.MediaType}' is not {NotationEnvelope.CoseMediaType} or {NotationEnvelope.JwsMediaType}");
        }

        if (layer.Size > MaxEnvelopeBytes)
        {
            return (null, null, $"its envelope is {layer.Size} bytes, more than the {MaxEnvelopeBytes} allowed");
        }

        try
        {
            return (await store.GetBlobAsync(repository, layer.Digest, MaxEnvelopeBytes, cancellationToken).ConfigureAwait(false), layer.MediaType, null);
        }
        catch (OciException e) when (e.Kind != OciErrorKind.Unauthorized)
        {
            return (null, null, "the envelope cannot be read: " + e.Message.TrimEnd('.'));
        }
    }
}
