using System.Security.Cryptography;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Testing.Pki;

namespace PipelineGuard.Testing.Notation;

/// <summary>How a test Notary Project envelope is made; the defaults make a valid notary.x509 envelope.</summary>
public sealed record NotationSigningOptions
{
    /// <summary>COSE or JWS.</summary>
    public NotationEnvelopeFormat Format { get; init; } = NotationEnvelopeFormat.Cose;

    /// <summary>The signing scheme header.</summary>
    public string SigningScheme { get; init; } = NotationEnvelope.SchemeX509;

    /// <summary>The (untrusted) signing time; also the authentic signing time for the signingAuthority scheme.</summary>
    public DateTimeOffset SigningTime { get; init; } = new(2026, 4, 10, 20, 31, 25, TimeSpan.Zero);

    /// <summary>The signature expiry, or none.</summary>
    public DateTimeOffset? Expiry { get; init; }

    /// <summary>The hash the signature uses; null picks the one the key dictates (a different one mismatches the key).</summary>
    public HashAlgorithmName? Hash { get; init; }

    /// <summary>An extra protected header that is also listed as critical (an unknown critical header).</summary>
    public string? ExtraCriticalHeader { get; init; }

    /// <summary>The content type header.</summary>
    public string ContentType { get; init; } = NotationEnvelope.PayloadContentType;

    /// <summary>The TSA that countersigns the signature, or none.</summary>
    public TestTimestampAuthority? TimestampAuthority { get; init; }

    /// <summary>The countersignature's generation time.</summary>
    public DateTimeOffset TimestampTime { get; init; } = new(2026, 4, 10, 20, 31, 26, TimeSpan.Zero);
}
