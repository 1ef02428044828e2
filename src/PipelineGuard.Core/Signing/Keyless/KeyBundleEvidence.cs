namespace PipelineGuard.Signing.Keyless;

/// <summary>
/// The log and timestamp evidence of a bundle signed with a key. cosign and sigstore-js check it when it is present, so a
/// tampered inclusion proof, SET, log body or timestamp fails even though the signature itself verifies.
/// </summary>
public static class KeyBundleEvidence
{
    /// <summary>
    /// Checks every log entry (SET, inclusion proof, checkpoint, body naming this key, signature and digest) unless
    /// <paramref name="ignoreTlog"/>, and every RFC 3161 timestamp. Valid when there is no evidence at all (cosign's
    /// key-based bundles need none).
    /// </summary>
    public static VerificationResult Verify(SigstoreEvidenceBundle bundle, IVerifier key, TrustedRoot root, bool ignoreTlog)
    {
        var checkedEntries = new List<string>();
        if (!ignoreTlog)
        {
            foreach (var entry in bundle.TlogEntries)
            {
                var (verified, status) = TransparencyLogVerifier.Verify(entry, root);
                if (verified is null)
                {
                    return status;
                }

                var body = TransparencyLogBody.Verify(entry, bundle.Content, null, key.PublicKey.ToArray());
                if (!body.IsValid)
                {
                    return body;
                }

                checkedEntries.Add($"log entry {verified.LogIndex} in {verified.Log.BaseUrl}");
            }
        }

        var (times, error) = SigstoreTimestamps.Verify(bundle, root);
        if (error is not null)
        {
            return VerificationResult.Reject(VerificationFailure.TimestampInvalid, error);
        }

        checkedEntries.AddRange(times.Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"timestamp from {t.Source} at {t.Time:yyyy-MM-ddTHH:mm:ssZ}")));
        return VerificationResult.Valid(checkedEntries.Count == 0 ? "no log or timestamp evidence" : $"verified {string.Join(", ", checkedEntries)}");
    }
}
