using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Timestamps;

namespace PipelineGuard.Signing.Keyless;

/// <summary>What a keyless verification needs besides the bundle.</summary>
/// <param name="TrustedRoot">The Fulcio, Rekor, CT and TSA trust material.</param>
/// <param name="Identity">Who must have signed.</param>
/// <param name="IgnoreTlog">cosign's <c>--insecure-ignore-tlog</c>: do not require a log entry (a verified timestamp is then the only time source).</param>
/// <param name="IgnoreSct">cosign's <c>--insecure-ignore-sct</c>: do not require an embedded SCT.</param>
public sealed record KeylessVerificationOptions(TrustedRoot TrustedRoot, CertificateIdentityPolicy Identity, bool IgnoreTlog = false, bool IgnoreSct = false);

/// <summary>A verified time and where it came from.</summary>
/// <param name="Time">The instant.</param>
/// <param name="Source">What vouches for it (a log's SET, a TSA).</param>
public sealed record VerifiedTime(DateTimeOffset Time, string Source);

/// <summary>The outcome of a keyless verification: the status, and on success who signed, where it was logged and when.</summary>
/// <param name="Status">Valid, or the first check that failed.</param>
/// <param name="Identity">The certificate's identity, once read (also on an identity mismatch).</param>
/// <param name="LogEntries">The verified log entries.</param>
/// <param name="Times">The verified signing times.</param>
/// <param name="Bundle">The bundle read, when it could be read.</param>
public sealed record KeylessVerification(
    VerificationResult Status, CertificateIdentity? Identity, IReadOnlyList<VerifiedLogEntry> LogEntries, IReadOnlyList<VerifiedTime> Times, SigstoreEvidenceBundle? Bundle)
{
    /// <summary>Whether the bundle verified.</summary>
    public bool IsValid => Status.IsValid;

    /// <summary>The first verified log entry's index, or null.</summary>
    public long? LogIndex => LogEntries.Count > 0 ? LogEntries[0].LogIndex : null;
}

/// <summary>
/// Verifies keyless Sigstore bundles fully offline, as cosign 2.x/3.x and sigstore-js do: the signature with the
/// certificate's key; every log entry (SET, inclusion proof, checkpoint, body); every RFC 3161 timestamp; the Fulcio chain at
/// every verified time; the embedded SCT; the code-signing usage; the identity policy.
/// </summary>
public static class KeylessVerifier
{
    /// <summary>Verifies a bundle over <paramref name="artifact"/> (message signatures) or its DSSE payload (pass null).</summary>
    public static KeylessVerification Verify(ReadOnlySpan<byte> bundleJson, byte[]? artifact, KeylessVerificationOptions options)
    {
        var (bundle, status) = SigstoreEvidenceReader.Read(bundleJson);
        return bundle is null ? new KeylessVerification(status, null, [], [], null) : Verify(bundle, artifact, options);
    }

    /// <summary>Verifies a bundle already read.</summary>
    public static KeylessVerification Verify(SigstoreEvidenceBundle bundle, byte[]? artifact, KeylessVerificationOptions options)
    {
        KeylessVerification Fail(VerificationFailure failure, string message, CertificateIdentity? identity = null) =>
            new(VerificationResult.Reject(failure, message), identity, [], [], bundle);

        if (!bundle.IsKeyless)
        {
            return Fail(VerificationFailure.KeyMaterialMismatch,
                $"the bundle was signed with a key{(bundle.Content.KeyHint is { Length: > 0 } hint ? $" (key hint {hint})" : "")}, not keyless with a certificate: verify it with --key instead of a certificate identity");
        }

        X509Certificate2 leaf;
        try
        {
            leaf = DerCertificate.Load(bundle.Certificates[0]);
        }
        catch (CryptographicException e)
        {
            return Fail(VerificationFailure.MalformedBundle, $"the bundle's signing certificate is not a DER certificate: {e.Message}");
        }

        using (leaf)
        {
            var identity = CertificateIdentity.Read(leaf);
            if (!identity.Succeeded)
            {
                return Fail(VerificationFailure.UntrustedCertificate, identity.Error!);
            }

            var spki = leaf.PublicKey.ExportSubjectPublicKeyInfo();
            var key = PublicKeyReader.FromSubjectPublicKeyInfo(spki);
            if (!key.Succeeded)
            {
                return Fail(VerificationFailure.UnsupportedKey, $"the signing certificate's key: {key.Error}", identity.Value);
            }

            var signature = VerifySignature(bundle.Content, artifact, key.Value!);
            if (!signature.IsValid && signature.Failure == VerificationFailure.SignatureMismatch && key.Value is EcdsaVerifier ecdsa && ecdsa.Hash != HashAlgorithmName.SHA256)
            {
                // Sigstore clients hash with SHA-256 whatever the curve (sigstore-python's P-384 keys); accept either hash.
                var sha256 = VerifySignature(bundle.Content, artifact, ecdsa.WithHash(HashAlgorithmName.SHA256));
                signature = sha256.IsValid ? sha256 : signature;
            }
            if (!signature.IsValid)
            {
                return Fail(signature.Failure, signature.Message, identity.Value);
            }

            var entries = new List<VerifiedLogEntry>();
            var times = new List<VerifiedTime>();
            foreach (var entry in bundle.TlogEntries)
            {
                var (verified, logStatus) = TransparencyLogVerifier.Verify(entry, options.TrustedRoot);
                if (verified is null)
                {
                    return Fail(logStatus.Failure, logStatus.Message, identity.Value);
                }

                var body = TransparencyLogBody.Verify(entry, bundle.Content, bundle.Certificates[0], null);
                if (!body.IsValid)
                {
                    return Fail(body.Failure, body.Message, identity.Value);
                }

                entries.Add(verified);
                if (verified.IntegratedTime is { } integrated)
                {
                    times.Add(new VerifiedTime(integrated, $"{verified.Log.BaseUrl} entry {verified.LogIndex}"));
                }
            }

            if (entries.Count == 0 && !options.IgnoreTlog)
            {
                return Fail(VerificationFailure.TlogMissing, "the bundle has no transparency-log entry (pass --insecure-ignore-tlog to rely on a timestamp alone)", identity.Value);
            }

            var stamps = SigstoreTimestamps.Verify(bundle, options.TrustedRoot);
            if (stamps.Error is not null)
            {
                return Fail(VerificationFailure.TimestampInvalid, stamps.Error, identity.Value);
            }

            times.AddRange(stamps.Times);
            if (times.Count == 0)
            {
                return Fail(VerificationFailure.NoVerifiedTime,
                    "the bundle gives no verified signing time: no log entry with a signed entry timestamp (SET) and no RFC 3161 timestamp", identity.Value);
            }

            var (issuer, chain) = FulcioChainVerifier.Verify(leaf, options.TrustedRoot, times.Select(t => t.Time).ToList());
            if (issuer is null)
            {
                return Fail(chain.Failure, chain.Message, identity.Value);
            }

            // The issuer is the trusted root's own certificate: it is not disposed here.
            if (!options.IgnoreSct)
            {
                var sct = SignedCertificateTimestamps.Verify(leaf, issuer, options.TrustedRoot);
                if (!sct.IsValid)
                {
                    return Fail(sct.Failure, sct.Message, identity.Value);
                }
            }

            var policy = options.Identity.Check(identity.Value!);
            if (!policy.IsValid)
            {
                return Fail(policy.Failure, policy.Message, identity.Value);
            }

            var where = entries.Count > 0 ? $", logged in {entries[0].Log.BaseUrl} at index {entries[0].LogIndex}" : string.Empty;
            return new KeylessVerification(
                VerificationResult.Valid($"signed by {identity.Value}{where}, at {FulcioChainVerifier.Describe(times.Select(t => t.Time).ToList())}"),
                identity.Value, entries, times, bundle);
        }
    }

    private static VerificationResult VerifySignature(SigstoreBundle content, byte[]? artifact, IVerifier key)
    {
        if (content.MessageSignature is { } message)
        {
            if (artifact is null)
            {
                return VerificationResult.Reject(VerificationFailure.InputUnavailable, "the bundle holds a message signature; the artifact it signs is required");
            }

            // Sigstore clients do not all hash with the curve's own hash (sigstore-python signs with SHA-256 on P-384),
            // so for a certificate's ECDSA key the signature is checked with the hash the bundle names.
            var digested = BundleVerifier.CheckMessageDigest(message, artifact, null);
            var hashed = key is EcdsaVerifier ecdsa && ecdsa.Hash != message.Algorithm.Hash ? ecdsa.WithHash(message.Algorithm.Hash) : key;
            return digested.IsValid ? hashed.Verify(artifact, message.Signature) : digested;
        }

        // A DSSE envelope is verified over its payload; the caller checks the statement and its subject.
        return Dsse.Verify(content.DsseEnvelope!, key, content.DsseEnvelope!.PayloadType);
    }
}
