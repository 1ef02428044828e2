using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Oci;
using PipelineGuard.Signing.Certificates;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Signing.Timestamps;

namespace PipelineGuard.Signing.Notation;

/// <summary>
/// Verifies Notary Project signatures as the trust store and trust policy specification defines it (Signature
/// Verification): select the statement for the repository, then integrity, authenticity, expiry, authentic timestamp and
/// revocation, each enforced or logged per the level and its overrides, stopping at the first enforced failure; finally the
/// signed descriptor must be the artifact's.
/// </summary>
public sealed class NotationVerifier
{
    /// <summary>The RFC 3161 baseline time-stamp policy, for which a token without accuracy means one second (ETSI EN 319 422).</summary>
    private const string BaselineTimestampPolicy = "0.4.0.2023.1.1";

    private readonly TrustPolicyDocument policy;
    private readonly NotationTrustStore store;
    private readonly IRevocationChecker revocation;
    private readonly TimeProvider clock;

    /// <summary>
    /// A verifier for one policy and store that checks revocation online as Notation does: OCSP and CRLs over HTTP, CRLs
    /// cached in the per-user cache folder (<see cref="RevocationOptions.DefaultCacheDirectory"/>), and CRL files from the
    /// store's <c>crl/</c> folders (<see cref="NotationTrustStore.CrlDirectories"/>) first. This is what front ends use.
    /// </summary>
    /// <param name="policy">The trust policy.</param>
    /// <param name="store">The trust store the policy's names refer to.</param>
    /// <param name="clock">The current time (tests pin it).</param>
    public NotationVerifier(TrustPolicyDocument policy, NotationTrustStore store, TimeProvider? clock = null)
        : this(policy, store, DefaultRevocation(store), clock)
    {
    }

    /// <summary>A verifier for one policy and store.</summary>
    /// <param name="policy">The trust policy.</param>
    /// <param name="store">The trust store the policy's names refer to.</param>
    /// <param name="revocation">How revocation is checked.</param>
    /// <param name="clock">The current time (tests pin it).</param>
    public NotationVerifier(TrustPolicyDocument policy, NotationTrustStore store, IRevocationChecker revocation, TimeProvider? clock = null)
    {
        this.policy = policy ?? throw new ArgumentNullException(nameof(policy));
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.revocation = revocation ?? throw new ArgumentNullException(nameof(revocation));
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>The revocation checker front ends get: network on, the per-user CRL cache, and the store's CRL files.</summary>
    public static IRevocationChecker DefaultRevocation(NotationTrustStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new RevocationChecker(new RevocationOptions { CrlDirectories = store.CrlDirectories });
    }

    /// <summary>Verifies one envelope for the artifact <paramref name="artifact"/> of <paramref name="repository"/>.</summary>
    /// <param name="envelope">The envelope bytes (the signature manifest's only layer).</param>
    /// <param name="envelopeMediaType">The layer's media type: <c>application/cose</c> or <c>application/jose+json</c>.</param>
    /// <param name="repository">The fully qualified repository (<c>registry/namespace/repo</c>) the registry scopes are matched against.</param>
    /// <param name="artifact">The descriptor of the manifest the reference resolved to.</param>
    /// <param name="cancellationToken">Cancels revocation look-ups.</param>
    public async Task<NotationVerificationResult> VerifyAsync(ReadOnlyMemory<byte> envelope, string envelopeMediaType, string repository, OciDescriptor artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var statement = policy.For(repository);
        if (statement is null)
        {
            return new NotationVerificationResult(false, $"no trust policy statement of {policy.Source} applies to {repository} (registry scopes match fully qualified repositories exactly, or \"*\")", null, null, [], null, null);
        }
        var settings = statement.Verification;
        if (settings.Level == VerificationLevel.Skip)
        {
            return new NotationVerificationResult(true, $"verification skipped: statement '{statement.Name}' has level skip", statement, null, [], null, null);
        }

        var now = clock.GetUtcNow();
        var run = new Run(statement);

        // Integrity.
        NotationEnvelope decoded;
        try
        {
            decoded = envelopeMediaType switch
            {
                NotationEnvelope.CoseMediaType => CoseEnvelopeReader.Read(envelope),
                NotationEnvelope.JwsMediaType => JwsEnvelopeReader.Read(envelope),
                _ => throw new NotationEnvelopeException($"envelope media type '{envelopeMediaType}' is not {NotationEnvelope.CoseMediaType} or {NotationEnvelope.JwsMediaType}"),
            };
        }
        catch (NotationEnvelopeException ex)
        {
            run.Record(NotationValidation.Integrity, false, "malformed envelope: " + ex.Message);
            return run.Finish(null, null, null);
        }
        var integrity = Integrity(decoded, out var signed);
        if (!run.Record(NotationValidation.Integrity, integrity is null, integrity ?? $"{decoded.Format} envelope, {NotationAlgorithms.DisplayName(decoded.Algorithm)}, signature verifies with '{decoded.CertificateChain[0].Subject}'"))
        {
            return run.Finish(decoded, null, signed);
        }

        // Authenticity.
        var authenticity = Authenticity(statement, decoded);
        if (!run.Record(NotationValidation.Authenticity, authenticity is null, authenticity ?? $"the chain reaches the trust store and '{decoded.CertificateChain[0].Subject}' is a trusted identity"))
        {
            return run.Finish(decoded, null, signed);
        }

        // Expiry.
        var expired = decoded.Expiry is { } expiry && now >= expiry;
        if (!run.Record(NotationValidation.Expiry, !expired, expired
            ? $"the signature expired on {Format(decoded.Expiry!.Value)}"
            : decoded.Expiry is null ? "the signature sets no expiry" : $"the signature is valid until {Format(decoded.Expiry!.Value)}"))
        {
            return run.Finish(decoded, null, signed);
        }

        // Authentic timestamp.
        var (timestampProblem, timestampMessage, timestamp) = await AuthenticTimestampAsync(statement, decoded, now, cancellationToken).ConfigureAwait(false);
        if (!run.Record(NotationValidation.AuthenticTimestamp, timestampProblem is null, timestampProblem ?? timestampMessage))
        {
            return run.Finish(decoded, timestamp, signed);
        }

        // Revocation.
        if (settings.ActionFor(NotationValidation.Revocation) != ValidationAction.Skip)
        {
            // Only the signingAuthority scheme has an authentic signing time to weigh invalidity dates against (Notation 1.3).
            var authenticTime = decoded.SigningScheme == NotationEnvelope.SchemeSigningAuthority ? decoded.AuthenticSigningTime : null;
            var revoked = await revocation.CheckAsync(decoded.CertificateChain, now, authenticTime, cancellationToken).ConfigureAwait(false);
            run.Revocation = revoked;
            var problem = revoked.Status switch
            {
                RevocationStatus.Good => null,
                RevocationStatus.Revoked => "a certificate of the signing chain is revoked: " + revoked.Message,
                _ => "the revocation status of the signing chain is unknown: " + revoked.Message,
            };
            if (!run.Record(NotationValidation.Revocation, problem is null, problem ?? revoked.Message))
            {
                return run.Finish(decoded, timestamp, signed);
            }
        }

        // The signed descriptor must be the artifact's (signing and verification workflow, Verification Steps 3.3).
        if (!DescriptorsMatch(signed!, artifact))
        {
            run.Fail($"the signature is for another artifact: signed {signed!.MediaType} {signed.Digest} ({signed.Size} bytes), artifact {artifact.MediaType} {artifact.Digest} ({artifact.Size} bytes)");
        }
        return run.Finish(decoded, timestamp, signed);
    }

    private static string? Integrity(NotationEnvelope envelope, out OciDescriptor? signed)
    {
        signed = null;
        var leaf = envelope.CertificateChain[0];
        // Each certificate's key is imported once for the key checks, the chain's signatures and the envelope's signature.
        using var keys = new PublicKeys(envelope.CertificateChain);
        var expected = NotationAlgorithms.ForKey(keys[0], out var keyProblem);
        if (expected is null)
        {
            return $"the signing certificate '{leaf.Subject}' has an unsupported key: {keyProblem}";
        }
        if (expected != envelope.Algorithm)
        {
            return $"the envelope's algorithm {NotationAlgorithms.DisplayName(envelope.Algorithm)} does not match the signing key, which requires {NotationAlgorithms.DisplayName(expected.Value)}";
        }
        var chainProblem = NotationChain.Problem(envelope.CertificateChain, keys);
        if (chainProblem is not null)
        {
            return "invalid certificate chain: " + chainProblem;
        }
        if (!envelope.VerifySignature(keys[0]!))
        {
            return "the signature does not verify with the signing certificate's key (the envelope was altered or signed by another key)";
        }
        try
        {
            signed = NotationPayload.TargetArtifact(envelope.Payload);
        }
        catch (NotationEnvelopeException ex)
        {
            return ex.Message;
        }
        return null;
    }

    private string? Authenticity(TrustPolicyStatement statement, NotationEnvelope envelope)
    {
        var storeType = envelope.SigningScheme == NotationEnvelope.SchemeSigningAuthority ? "signingAuthority" : "ca";
        var names = statement.TrustStores.Where(s => s.Type == storeType).ToList();
        if (names.Count == 0)
        {
            return $"statement '{statement.Name}' names no {storeType} store, which the {envelope.SigningScheme} signing scheme needs";
        }
        var trusted = new List<X509Certificate2>();
        foreach (var name in names)
        {
            var (certificates, problem) = store.Load(name);
            if (problem is not null)
            {
                return $"trust store {name}: {problem}";
            }
            trusted.AddRange(certificates);
        }
        var anchor = envelope.CertificateChain.FirstOrDefault(c => trusted.Any(t => t.RawDataMemory.Span.SequenceEqual(c.RawDataMemory.Span)));
        if (anchor is null)
        {
            return $"the signature's certificate chain does not contain any certificate of the trust stores {string.Join(", ", names)}";
        }
        if (statement.TrustsAnyIdentity)
        {
            return null;
        }
        var subject = DistinguishedName.FromX500(envelope.CertificateChain[0].SubjectName);
        return statement.TrustedIdentities.Any(identity => identity.IsSubsetOf(subject))
            ? null
            : $"the signing certificate's subject '{subject}' matches none of the trusted identities of statement '{statement.Name}'";
    }

    private async Task<(string? Problem, string Message, TimestampVerificationResult? Timestamp)> AuthenticTimestampAsync(TrustPolicyStatement statement, NotationEnvelope envelope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chain = envelope.CertificateChain;
        if (envelope.SigningScheme == NotationEnvelope.SchemeSigningAuthority)
        {
            var at = envelope.AuthenticSigningTime!.Value;
            var outside = chain.FirstOrDefault(c => at < c.NotBefore.ToUniversalTime() || at > c.NotAfter.ToUniversalTime());
            return outside is null
                ? (null, $"the authentic signing time {Format(at)} is within the chain's validity", null)
                : ($"the authentic signing time {Format(at)} is outside the validity of '{outside.Subject}' ({Validity(outside)})", string.Empty, null);
        }

        var tsaStores = statement.TrustStores.Where(s => s.Type == "tsa").ToList();
        var anyExpired = chain.Any(c => now > c.NotAfter.ToUniversalTime());
        var triggered = tsaStores.Count > 0 && (statement.Verification.VerifyTimestampAlways || anyExpired);
        if (!triggered)
        {
            var invalid = chain.FirstOrDefault(c => now < c.NotBefore.ToUniversalTime() || now > c.NotAfter.ToUniversalTime());
            var why = tsaStores.Count == 0 ? "no tsa trust store is configured" : "verifyTimestamp is afterCertExpiry and no certificate has expired";
            return invalid is null
                ? (null, $"timestamp not verified ({why}); every certificate of the chain is valid now", null)
                : ($"timestamp not verified ({why}), so the chain must be valid now, but '{invalid.Subject}' is valid {Validity(invalid)}", string.Empty, null);
        }

        if (envelope.TimestampToken is not { IsEmpty: false } token)
        {
            return ("no timestamp countersignature (io.cncf.notary.timestampSignature) was found in the signature envelope", string.Empty, null);
        }
        var roots = new List<X509Certificate2>();
        foreach (var name in tsaStores)
        {
            var (certificates, problem) = store.Load(name);
            if (problem is not null)
            {
                return ($"trust store {name}: {problem}", string.Empty, null);
            }
            roots.AddRange(certificates);
        }
        var timestamp = Rfc3161TimestampVerifier.VerifyForData(token.Span, envelope.Signature.Span, new TimestampTrust(roots));
        if (!timestamp.IsValid)
        {
            return ("the timestamp countersignature does not verify: " + timestamp.Message, string.Empty, timestamp);
        }
        var tsaRevocation = await revocation.CheckAsync(timestamp.Chain, now, cancellationToken).ConfigureAwait(false);
        if (tsaRevocation.Status != RevocationStatus.Good)
        {
            var state = tsaRevocation.Status == RevocationStatus.Revoked ? "is revoked" : "has an unknown revocation status";
            return ($"the timestamping certificate chain of '{timestamp.TsaSubject?.Name}' {state}: {tsaRevocation.Message}", string.Empty, timestamp);
        }
        var defaultAccuracy = timestamp.PolicyId == BaselineTimestampPolicy ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
        var (earliest, latest) = timestamp.TimeRange(defaultAccuracy);
        foreach (var certificate in chain)
        {
            if (earliest < certificate.NotBefore.ToUniversalTime())
            {
                return ($"the timestamp {Format(earliest)} is before '{certificate.Subject}' became valid ({Validity(certificate)})", string.Empty, timestamp);
            }
            if (latest > certificate.NotAfter.ToUniversalTime())
            {
                return ($"the timestamp {Format(latest)} is after '{certificate.Subject}' expired ({Validity(certificate)})", string.Empty, timestamp);
            }
        }
        return (null, $"timestamped {Format(timestamp.GenerationTime!.Value)} by '{timestamp.TsaSubject?.Name}', within the validity of every certificate of the chain", timestamp);
    }

    private static bool DescriptorsMatch(OciDescriptor signed, OciDescriptor artifact) =>
        signed.MediaType == artifact.MediaType && signed.Digest == artifact.Digest && signed.Size == artifact.Size;

    private static string Validity(X509Certificate2 certificate) =>
        $"{Format(certificate.NotBefore.ToUniversalTime())} to {Format(certificate.NotAfter.ToUniversalTime())}";

    private static string Format(DateTime time) => Format(new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero));

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed class Run(TrustPolicyStatement statement)
    {
        private readonly List<NotationValidationResult> validations = [];
        private string? enforcedFailure;

        /// <summary>The signing chain's revocation check, once it ran.</summary>
        public RevocationCheckResult? Revocation { get; set; }

        /// <summary>Records one validation; false when it failed and the level enforces it (verification stops).</summary>
        public bool Record(NotationValidation validation, bool passed, string message)
        {
            var action = statement.Verification.ActionFor(validation);
            if (action == ValidationAction.Skip)
            {
                return true;
            }
            validations.Add(new NotationValidationResult(validation, action, passed, message));
            if (!passed && action == ValidationAction.Enforce)
            {
                enforcedFailure = $"{SignatureVerificationSettings.Name(validation)}: {message}";
                return false;
            }
            return true;
        }

        public void Fail(string message)
        {
            validations.Add(new NotationValidationResult(NotationValidation.Integrity, ValidationAction.Enforce, false, message));
            enforcedFailure ??= "integrity: " + message;
        }

        public NotationVerificationResult Finish(NotationEnvelope? envelope, TimestampVerificationResult? timestamp, OciDescriptor? signed)
        {
            var warnings = validations.Where(v => !v.Passed).Select(v => v.Name).ToList();
            var message = enforcedFailure
                ?? $"verified with trust policy statement '{statement.Name}' (level {statement.Verification.Describe()})"
                   + (warnings.Count == 0 ? string.Empty : "; logged failures: " + string.Join(", ", warnings));
            return new NotationVerificationResult(enforcedFailure is null, message, statement, envelope, validations, timestamp, signed) { Revocation = Revocation };
        }
    }
}
