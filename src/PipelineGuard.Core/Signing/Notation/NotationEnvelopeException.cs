namespace PipelineGuard.Signing.Notation;

/// <summary>An envelope that is not a well-formed Notary Project envelope; the message names the field.</summary>
public sealed class NotationEnvelopeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotationEnvelopeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public NotationEnvelopeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NotationEnvelopeException()
    {
    }
}
