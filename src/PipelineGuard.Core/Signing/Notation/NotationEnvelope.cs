using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>The two envelope formats of the Notary Project signature specification.</summary>
public enum NotationEnvelopeFormat
{
    /// <summary>JWS JSON serialization, media type <c>application/jose+json</c>.</summary>
    Jws,

    /// <summary>COSE_Sign1, media type <c>application/cose</c>.</summary>
    Cose,
}

/// <summary>The signature algorithms the Notary Project allows (signature specification, Algorithm Selection).</summary>
public enum NotationSignatureAlgorithm
{
    /// <summary>RSASSA-PSS with SHA-256 (RSA 2048).</summary>
    RsassaPssSha256,

    /// <summary>RSASSA-PSS with SHA-384 (RSA 3072).</summary>
    RsassaPssSha384,

    /// <summary>RSASSA-PSS with SHA-512 (RSA 4096).</summary>
    RsassaPssSha512,

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    EcdsaSha256,

    /// <summary>ECDSA on P-384 with SHA-384.</summary>
    EcdsaSha384,

    /// <summary>ECDSA on P-521 with SHA-512.</summary>
    EcdsaSha512,
}

/// <summary>
/// A decoded Notary Project signature envelope: what the signer claimed, before any verification. The reader only
/// checks the shape; <see cref="NotationVerifier"/> decides what to trust.
/// </summary>
/// <param name="Format">JWS or COSE.</param>
/// <param name="Algorithm">The algorithm the protected header names.</param>
/// <param name="SigningScheme">The <c>io.cncf.notary.signingScheme</c> protected header.</param>
/// <param name="SigningTime">The (untrusted) <c>io.cncf.notary.signingTime</c>.</param>
/// <param name="AuthenticSigningTime">The <c>io.cncf.notary.authenticSigningTime</c> (signingAuthority scheme).</param>
/// <param name="Expiry">The <c>io.cncf.notary.expiry</c>, if the signer set one.</param>
/// <param name="CriticalHeaders">The names the protected <c>crit</c> header lists.</param>
/// <param name="Payload">The signed payload bytes (JSON with a <c>targetArtifact</c> descriptor).</param>
/// <param name="Signature">The signature bytes: what an RFC 3161 countersignature timestamps.</param>
/// <param name="CertificateChain">The x5chain / x5c certificates, leaf first.</param>
/// <param name="TimestampToken">The <c>io.cncf.notary.timestampSignature</c> unprotected header, if present.</param>
/// <param name="SigningAgent">The informational <c>io.cncf.notary.signingAgent</c>.</param>
public sealed record NotationEnvelope(
    NotationEnvelopeFormat Format,
    NotationSignatureAlgorithm Algorithm,
    string SigningScheme,
    DateTimeOffset? SigningTime,
    DateTimeOffset? AuthenticSigningTime,
    DateTimeOffset? Expiry,
    IReadOnlyList<string> CriticalHeaders,
    ReadOnlyMemory<byte> Payload,
    ReadOnlyMemory<byte> Signature,
    IReadOnlyList<X509Certificate2> CertificateChain,
    ReadOnlyMemory<byte>? TimestampToken,
    string? SigningAgent)
{
    /// <summary>The media type of a JWS envelope.</summary>
    public const string JwsMediaType = "application/jose+json";

    /// <summary>The media type of a COSE envelope.</summary>
    public const string CoseMediaType = "application/cose";

    /// <summary>The content type every Notary Project payload carries.</summary>
    public const string PayloadContentType = "application/vnd.cncf.notary.payload.v1+json";

    /// <summary>The signing scheme of signatures by a CA-issued code-signing certificate.</summary>
    public const string SchemeX509 = "notary.x509";

    /// <summary>The signing scheme of signatures by a signing authority (the signing time is authentic).</summary>
    public const string SchemeSigningAuthority = "notary.x509.signingAuthority";

    /// <summary>The media type as the signature manifest's layer names it.</summary>
    public string MediaType => Format == NotationEnvelopeFormat.Cose ? CoseMediaType : JwsMediaType;

    /// <summary>Verifies the envelope's signature with the leaf certificate's public key (RSA or ECDSA); the caller has checked the algorithm fits the key.</summary>
    internal Func<System.Security.Cryptography.AsymmetricAlgorithm, bool> VerifySignature { get; init; } = _ => false;
}
