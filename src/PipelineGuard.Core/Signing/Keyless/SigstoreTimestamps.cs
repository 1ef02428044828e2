using PipelineGuard.Signing.Timestamps;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Verifies a bundle's RFC 3161 timestamps against the trusted root's timestamp authorities.</summary>
public static class SigstoreTimestamps
{
    /// <summary>The verified times of every timestamp; an error when any one of them does not verify.</summary>
    public static (IReadOnlyList<VerifiedTime> Times, string? Error) Verify(SigstoreEvidenceBundle bundle, TrustedRoot root)
    {
        var times = new List<VerifiedTime>();
        for (var i = 0; i < bundle.Rfc3161Timestamps.Count; i++)
        {
            var (token, error) = Rfc3161TimestampResponse.TokenOf(bundle.Rfc3161Timestamps[i]);
            if (token is null)
            {
                return ([], $"timestamp {i}: {error}");
            }

            var problems = new List<string>();
            VerifiedTime? verified = null;
            foreach (var authority in root.TimestampAuthorities)
            {
                var trust = new TimestampTrust([authority.Chain[^1]], authority.Chain.Take(authority.Chain.Count - 1).ToList());
                var result = Rfc3161TimestampVerifier.VerifyForData(token, bundle.SignatureBytes, trust);
                if (!result.IsValid)
                {
                    problems.Add($"{authority.Uri}: {result.Message}");
                    continue;
                }

                var time = result.GenerationTime!.Value;
                if (!authority.ValidFor.Contains(time))
                {
                    problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{authority.Uri}: the timestamp's time {time:yyyy-MM-ddTHH:mm:ssZ} is outside the authority's validity ({authority.ValidFor})"));
                    continue;
                }

                verified = new VerifiedTime(time, $"timestamp authority {authority.Uri}");
                break;
            }

            if (verified is null)
            {
                return ([], $"timestamp {i} could not be verified against the timestamp authorities of {root.Source}: {(problems.Count == 0 ? "the trusted root has none" : string.Join("; ", problems))}");
            }

            times.Add(verified);
        }

        return (times, null);
    }
}
