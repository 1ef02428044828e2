namespace PipelineGuard.Signing;

/// <summary>Why a signature, bundle or attestation was rejected. Every rejection names one of these.</summary>
public enum VerificationFailure
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The signature does not verify with the key over the signed bytes.</summary>
    SignatureMismatch,

    /// <summary>The signature bytes are not a strict DER ECDSA signature (or not the size the algorithm wants).</summary>
    SignatureEncoding,

    /// <summary>A base64 field is truncated or holds characters outside the alphabet.</summary>
    InvalidBase64,

    /// <summary>The key's algorithm or curve is not supported, or the key does not fit the signature.</summary>
    UnsupportedKey,

    /// <summary>The signed payload is not the JSON document the format prescribes.</summary>
    MalformedPayload,

    /// <summary>The digest named in the signed payload differs from the artifact's or image's digest.</summary>
    DigestMismatch,

    /// <summary>The identity (docker-reference) in the payload does not satisfy the identity policy.</summary>
    IdentityMismatch,

    /// <summary>A required annotation is missing from the signed payload.</summary>
    AnnotationMissing,

    /// <summary>An annotation in the signed payload has another value than required.</summary>
    AnnotationMismatch,

    /// <summary>A layer or referrer has a media type that is not a signature of the expected kind.</summary>
    UnsupportedMediaType,

    /// <summary>The bundle's mediaType is not a supported Sigstore bundle version.</summary>
    BundleMediaType,

    /// <summary>The bundle is not well-formed JSON of the expected shape.</summary>
    MalformedBundle,

    /// <summary>The DSSE payloadType is not the one the attestation format requires.</summary>
    PayloadType,

    /// <summary>The DSSE envelope carries no signature, or is malformed.</summary>
    MalformedEnvelope,

    /// <summary>The in-toto predicateType differs from the one requested.</summary>
    PredicateTypeMismatch,

    /// <summary>No in-toto subject carries the artifact's digest.</summary>
    SubjectDigestMismatch,

    /// <summary>The signature layer has no <c>dev.cosignproject.cosign/signature</c> annotation.</summary>
    SignatureAnnotationMissing,

    /// <summary>The image manifest is missing or cannot be read.</summary>
    ManifestMissing,

    /// <summary>The bundle's public key hint names another key.</summary>
    KeyHintMismatch,

    /// <summary>An input (artifact, key, bundle, signature file, registry) could not be read; the check could not be completed.</summary>
    InputUnavailable,

    /// <summary>There was nothing to verify: no signature or attestation at all.</summary>
    NoSignatures,

    /// <summary>The signing certificate does not chain to a trusted Fulcio root at the signing time, or lacks the code-signing usage.</summary>
    UntrustedCertificate,

    /// <summary>The signing certificate has no SCT that verifies against a trusted CT log.</summary>
    SctInvalid,

    /// <summary>The signer's identity (certificate SAN, OIDC issuer, GitHub claims) does not satisfy the policy.</summary>
    CertificateIdentityMismatch,

    /// <summary>A transparency-log entry's signed entry timestamp (SET) does not verify.</summary>
    TlogPromiseInvalid,

    /// <summary>A transparency-log inclusion proof does not lead to the signed checkpoint's root.</summary>
    TlogInclusionProofInvalid,

    /// <summary>A transparency-log checkpoint is malformed or not signed by the log's key.</summary>
    TlogCheckpointInvalid,

    /// <summary>A transparency-log entry comes from a log the trusted root does not name.</summary>
    TlogUnknown,

    /// <summary>A transparency-log entry's body does not record this signature, digest or certificate.</summary>
    TlogBodyMismatch,

    /// <summary>There is no transparency-log entry where one is required.</summary>
    TlogMissing,

    /// <summary>An RFC 3161 timestamp does not verify against the trusted timestamp authorities.</summary>
    TimestampInvalid,

    /// <summary>The bundle gives no verified signing time (no SET, no timestamp).</summary>
    NoVerifiedTime,

    /// <summary>A keyless bundle was given a key, or a key-based bundle an identity.</summary>
    KeyMaterialMismatch,
}
