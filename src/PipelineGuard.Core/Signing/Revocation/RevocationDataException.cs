namespace PipelineGuard.Signing.Revocation;

/// <summary>A CRL or OCSP message that does not decode (its DER is malformed or its shape is not the RFC's).</summary>
public sealed class RevocationDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RevocationDataException()
    {
    }

    /// <summary>Creates the exception with what is wrong.</summary>
    public RevocationDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and the decoder's exception.</summary>
    public RevocationDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
