namespace PipelineGuard.Signing.Timestamps;

/// <summary>Why an RFC 3161 timestamp token was rejected.</summary>
public enum TimestampFailure
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The bytes are not a CMS SignedData structure.</summary>
    MalformedToken,

    /// <summary>The CMS encapsulated content is not <c>id-ct-TSTInfo</c> (1.2.840.113549.1.9.16.1.4).</summary>
    WrongContentType,

    /// <summary>The encapsulated TSTInfo does not decode (RFC 3161 section 2.4.2).</summary>
    MalformedTstInfo,

    /// <summary>The token carries other than exactly one signer.</summary>
    SignerCount,

    /// <summary>The message imprint's hash algorithm, or the CMS digest algorithm, is not accepted (SHA-1 and MD5 are not).</summary>
    WeakOrUnsupportedHash,

    /// <summary>The message imprint is not the hash of the data the caller timestamped.</summary>
    ImprintMismatch,

    /// <summary>Neither the token nor the supplied intermediates hold the certificate that signed the token.</summary>
    SignerCertificateMissing,

    /// <summary>The signed attributes carry no ESS signing-certificate (v1 or v2) attribute naming the signer (RFC 3161 section 2.4.1, RFC 5816).</summary>
    SigningCertificateAttribute,

    /// <summary>The CMS signature does not verify with the signer's key.</summary>
    SignatureInvalid,

    /// <summary>The TSA certificate lacks a critical extended key usage of exactly <c>id-kp-timeStamping</c> (RFC 3161 section 2.3).</summary>
    TimestampingUsage,

    /// <summary>The TSA certificate does not chain to one of the trusted roots, or a chain certificate is not valid at the generation time.</summary>
    ChainUntrusted,
}
