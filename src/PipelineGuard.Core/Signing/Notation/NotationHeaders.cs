namespace PipelineGuard.Signing.Notation;

/// <summary>The header names of the Notary Project envelopes (signature specification, Signature Envelope).</summary>
internal static class NotationHeaders
{
    public const string SigningScheme = "io.cncf.notary.signingScheme";
    public const string SigningTime = "io.cncf.notary.signingTime";
    public const string AuthenticSigningTime = "io.cncf.notary.authenticSigningTime";
    public const string Expiry = "io.cncf.notary.expiry";
    public const string VerificationPlugin = "io.cncf.notary.verificationPlugin";
    public const string VerificationPluginMinVersion = "io.cncf.notary.verificationPluginMinVersion";
    public const string TimestampSignature = "io.cncf.notary.timestampSignature";
    public const string SigningAgent = "io.cncf.notary.signingAgent";

    /// <summary>The critical headers this verifier understands; any other critical header fails (signature specification, Extended attributes).</summary>
    public static readonly IReadOnlySet<string> KnownCritical = new HashSet<string>(StringComparer.Ordinal) { SigningScheme, AuthenticSigningTime, Expiry };

    /// <summary>Checks the crit list: it holds the signing scheme, each present critical-by-definition header, and nothing unknown.</summary>
    public static void CheckCritical(IReadOnlyList<string> critical, bool hasExpiry, bool hasAuthenticSigningTime, Func<string, bool> isPresent, string where)
    {
        if (critical.Count == 0)
        {
            throw new NotationEnvelopeException($"{where}: the protected header 'crit' is missing or empty; it must list {SigningScheme}");
        }
        if (critical.Distinct(StringComparer.Ordinal).Count() != critical.Count)
        {
            throw new NotationEnvelopeException($"{where}: the protected header 'crit' lists a header twice");
        }
        foreach (var name in critical)
        {
            if (name is VerificationPlugin or VerificationPluginMinVersion)
            {
                throw new NotationEnvelopeException($"{where}: the signature requires the verification plugin named in the critical header '{name}'; plugins are not supported, so it cannot be verified");
            }
            if (!KnownCritical.Contains(name))
            {
                throw new NotationEnvelopeException($"{where}: unknown critical header '{name}'; a verifier must reject a signature whose critical headers it does not understand");
            }
            if (!isPresent(name))
            {
                throw new NotationEnvelopeException($"{where}: the critical header '{name}' is listed in 'crit' but absent from the protected header");
            }
        }
        if (!critical.Contains(SigningScheme))
        {
            throw new NotationEnvelopeException($"{where}: 'crit' must list {SigningScheme}");
        }
        if (hasExpiry && !critical.Contains(Expiry))
        {
            throw new NotationEnvelopeException($"{where}: {Expiry} is present but not marked critical");
        }
        if (hasAuthenticSigningTime && !critical.Contains(AuthenticSigningTime))
        {
            throw new NotationEnvelopeException($"{where}: {AuthenticSigningTime} is present but not marked critical");
        }
    }

    /// <summary>Checks the scheme's time headers: signingTime for notary.x509, authenticSigningTime for signingAuthority.</summary>
    public static void CheckScheme(string scheme, DateTimeOffset? signingTime, DateTimeOffset? authenticSigningTime, DateTimeOffset? expiry, string where)
    {
        switch (scheme)
        {
            case NotationEnvelope.SchemeX509:
                if (signingTime is null)
                {
                    throw new NotationEnvelopeException($"{where}: {SigningTime} is required for the {NotationEnvelope.SchemeX509} signing scheme");
                }
                if (authenticSigningTime is not null)
                {
                    throw new NotationEnvelopeException($"{where}: {AuthenticSigningTime} is not allowed for the {NotationEnvelope.SchemeX509} signing scheme");
                }
                break;
            case NotationEnvelope.SchemeSigningAuthority:
                if (authenticSigningTime is null)
                {
                    throw new NotationEnvelopeException($"{where}: {AuthenticSigningTime} is required for the {NotationEnvelope.SchemeSigningAuthority} signing scheme");
                }
                break;
            default:
                throw new NotationEnvelopeException($"{where}: signing scheme '{scheme}' is not {NotationEnvelope.SchemeX509} or {NotationEnvelope.SchemeSigningAuthority}");
        }
        var signed = signingTime ?? authenticSigningTime;
        if (expiry is { } e && signed is { } s && e <= s)
        {
            throw new NotationEnvelopeException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{where}: {Expiry} ({e:O}) is not after the signing time ({s:O})"));
        }
    }
}
