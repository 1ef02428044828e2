using System.Security.Cryptography;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Signing;

/// <summary>Verifies Sigstore bundles offline with a public key, as <c>verify-blob</c> and <c>verify-blob-attestation</c> do.</summary>
public static class BundleVerifier
{
    /// <summary>
    /// Verifies a messageSignature bundle over <paramref name="artifact"/>; log entries and timestamps the bundle carries are
    /// verified against <paramref name="evidenceRoot"/> (the public-good root when null), log entries unless <paramref name="ignoreTlog"/>.
    /// </summary>
    public static VerificationResult VerifyMessage(ReadOnlySpan<byte> bundleJson, ReadOnlySpan<byte> artifact, IVerifier verifier, TrustedRoot? evidenceRoot = null, bool ignoreTlog = false)
    {
        var (bundle, status) = BundleReader.Read(bundleJson);
        if (bundle is null)
        {
            return status;
        }

        if (bundle.MessageSignature is not { } message)
        {
            return VerificationResult.Reject(VerificationFailure.MalformedBundle, "the bundle holds a DSSE envelope, not a messageSignature; use verify-blob-attestation");
        }

        var digested = CheckMessageDigest(message, artifact, verifier.Algorithm);
        if (!digested.IsValid)
        {
            return digested;
        }

        var signature = WithHint(verifier.Verify(artifact, message.Signature), bundle, verifier);
        return signature.IsValid ? WithEvidence(signature, bundleJson, verifier, evidenceRoot, ignoreTlog) : signature;
    }

    /// <summary>
    /// Checks a message signature's digest: it must be the artifact's digest under the algorithm the bundle names, and
    /// that algorithm must be the one the key's signature algorithm hashes with (a P-384 signature labelled SHA2_256 is
    /// inconsistent and refused, as sigstore-js refuses it).
    /// </summary>
    internal static VerificationResult CheckMessageDigest(MessageSignature message, ReadOnlySpan<byte> artifact, string? signatureAlgorithm)
    {
        if (signatureAlgorithm is not null && MessageDigestAlgorithm.ForSignatureAlgorithm(signatureAlgorithm) is { } expected && expected != message.Algorithm)
        {
            return VerificationResult.Reject(VerificationFailure.DigestMismatch,
                $"the bundle's messageDigest is {message.Algorithm.Name}, but a {signatureAlgorithm} signature hashes with {expected.Name}");
        }

        var digest = message.Algorithm.HashData(artifact);
        return CryptographicOperations.FixedTimeEquals(digest, message.Digest)
            ? VerificationResult.Valid("digest matches")
            : VerificationResult.Reject(VerificationFailure.DigestMismatch,
                $"the bundle's messageDigest {message.Algorithm.Display(message.Digest)} is not the artifact's {message.Algorithm.Display(digest)}");
    }

    /// <summary>Verifies a dsseEnvelope bundle holding an in-toto statement; on success returns the statement.</summary>
    /// <param name="bundleJson">The bundle.</param>
    /// <param name="verifier">The key.</param>
    /// <param name="expectedPredicateType">The predicateType the statement must have, or null for any.</param>
    /// <param name="artifactSha256Hex">The artifact's sha256 one subject must carry, or null to skip the subject check.</param>
    /// <param name="evidenceRoot">The trusted root for the bundle's log entries and timestamps; the public-good root when null.</param>
    /// <param name="ignoreTlog">Do not check log entries (cosign's <c>--insecure-ignore-tlog</c>).</param>
    public static (InTotoStatement? Statement, VerificationResult Status) VerifyAttestation(
        ReadOnlySpan<byte> bundleJson, IVerifier verifier, string? expectedPredicateType, string? artifactSha256Hex, TrustedRoot? evidenceRoot = null, bool ignoreTlog = false)
    {
        var (bundle, status) = BundleReader.Read(bundleJson);
        if (bundle is null)
        {
            return (null, status);
        }

        if (bundle.DsseEnvelope is not { } envelope)
        {
            return (null, VerificationResult.Reject(VerificationFailure.MalformedBundle, "the bundle holds a messageSignature, not a DSSE envelope; use verify-blob"));
        }

        var signature = WithHint(Dsse.Verify(envelope, verifier), bundle, verifier);
        if (signature.IsValid)
        {
            signature = WithEvidence(signature, bundleJson, verifier, evidenceRoot, ignoreTlog);
        }

        return !signature.IsValid ? (null, signature) : CheckStatement(envelope.Payload, expectedPredicateType, artifactSha256Hex);
    }

    /// <summary>Checks a verified in-toto payload against the requested predicate type and subject digest.</summary>
    public static (InTotoStatement? Statement, VerificationResult Status) CheckStatement(byte[] payload, string? expectedPredicateType, string? subjectSha256Hex)
    {
        var statement = InTotoStatement.Parse(payload);
        if (!statement.Succeeded)
        {
            return (null, VerificationResult.Reject(VerificationFailure.MalformedPayload, statement.Error));
        }

        var value = statement.Value;
        if (expectedPredicateType is not null && value.PredicateType != expectedPredicateType)
        {
            return (null, VerificationResult.Reject(VerificationFailure.PredicateTypeMismatch, $"predicateType is '{value.PredicateType}', expected '{expectedPredicateType}'"));
        }

        if (subjectSha256Hex is not null && !value.HasSubjectDigest(subjectSha256Hex))
        {
            return (null, VerificationResult.Reject(VerificationFailure.SubjectDigestMismatch, $"no in-toto subject has sha256 {subjectSha256Hex}"));
        }

        return (value, VerificationResult.Valid($"attestation of type {value.PredicateType} about {string.Join(", ", value.Subjects.Select(s => s.Name))} verified"));
    }

    private static VerificationResult WithEvidence(VerificationResult signature, ReadOnlySpan<byte> bundleJson, IVerifier verifier, TrustedRoot? evidenceRoot, bool ignoreTlog)
    {
        var (evidence, status) = SigstoreEvidenceReader.Read(bundleJson);
        if (evidence is null)
        {
            return status;
        }

        if (evidence.TlogEntries.Count == 0 && evidence.Rfc3161Timestamps.Count == 0)
        {
            return signature;
        }

        var checkedEvidence = KeyBundleEvidence.Verify(evidence, verifier, evidenceRoot ?? TrustedRoot.PublicGood, ignoreTlog);
        return checkedEvidence.IsValid ? VerificationResult.Valid($"{signature.Message}; {checkedEvidence.Message}") : checkedEvidence;
    }

    private static VerificationResult WithHint(VerificationResult result, SigstoreBundle bundle, IVerifier verifier)
    {
        // The hint is only a hint; it sharpens the reason when the signature fails, never makes a bad signature pass.
        if (!result.IsValid && result.Failure == VerificationFailure.SignatureMismatch && !string.IsNullOrEmpty(bundle.KeyHint) && bundle.KeyHint != verifier.KeyHint)
        {
            return VerificationResult.Reject(VerificationFailure.KeyHintMismatch, $"the bundle was signed by key {bundle.KeyHint}, not by the given key {verifier.KeyHint}");
        }

        return result;
    }
}
