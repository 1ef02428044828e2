namespace PipelineGuard.Oci;

/// <summary>What went wrong in an OCI operation; front ends map every kind to exit code 1 (fail closed) or 2 (usage).</summary>
public enum OciErrorKind
{
    /// <summary>A reference, digest or document was malformed (a usage or input error).</summary>
    InvalidInput,

    /// <summary>The manifest, blob, tag or repository does not exist.</summary>
    NotFound,

    /// <summary>The registry refused the credentials, or wanted credentials that were not given.</summary>
    Unauthorized,

    /// <summary>The registry could not be reached, timed out, or kept failing after the retries.</summary>
    Unreachable,

    /// <summary>Content did not match its digest or declared size: never used.</summary>
    DigestMismatch,

    /// <summary>Content exceeded a configured limit.</summary>
    LimitExceeded,

    /// <summary>Plain HTTP was needed but not allowed.</summary>
    InsecureTransport,

    /// <summary>The registry or file answered something the protocol does not allow.</summary>
    Protocol,

    /// <summary>The image store cannot do this (for example writing into a docker archive).</summary>
    NotSupported,
}
