namespace PipelineGuard.Signing.Keyless;

/// <summary>Who signed keyless, where it was logged and when: what a report shows for a verified keyless signature.</summary>
/// <param name="VerifiedBy">The name of the trusted identity that accepted it (an identity label or a preset), or null on the command line.</param>
/// <param name="Subject">The certificate's identity (email or URI).</param>
/// <param name="Issuer">The OIDC issuer, or null.</param>
/// <param name="LogIndex">The transparency-log index of the first verified entry, or null (no entry: <c>--insecure-ignore-tlog</c>).</param>
/// <param name="LogUrl">The log that holds it, or null.</param>
/// <param name="SigningTime">The first verified signing time (the log's integrated time or a timestamp), or null.</param>
public sealed record KeylessSignerEvidence(string? VerifiedBy, string Subject, string? Issuer, long? LogIndex, string? LogUrl, DateTimeOffset? SigningTime)
{
    /// <summary>The evidence of a successful verification, or null when it did not verify.</summary>
    public static KeylessSignerEvidence? From(KeylessVerification verification, string? verifiedBy = null)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.IsValid || verification.Identity is not { } identity)
        {
            return null;
        }

        var entry = verification.LogEntries.Count > 0 ? verification.LogEntries[0] : null;
        var time = verification.Times.Count > 0 ? verification.Times[0].Time : (DateTimeOffset?)null;
        return new KeylessSignerEvidence(verifiedBy, identity.Subject, identity.Issuer, entry?.LogIndex, entry?.Log.BaseUrl, time);
    }

    /// <summary>One line for reports: identity, issuer, log index and time.</summary>
    public string Describe()
    {
        var log = LogIndex is { } index ? $", transparency log index {index.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(LogUrl is null ? string.Empty : $" ({LogUrl})")}" : ", no transparency-log entry";
        var time = SigningTime is { } t ? $", signed at {t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty;
        return $"keyless signer {Subject}{(Issuer is null ? string.Empty : $" (issuer {Issuer})")}{log}{time}";
    }
}
