namespace PipelineGuard.Oci;

/// <summary>
/// A failed OCI operation (registry call, layout or archive read) with a <see cref="OciErrorKind"/> and a message
/// that says what was wrong and what to do. Thrown by I/O operations; parsing user input returns results instead.
/// </summary>
public sealed class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException(OciErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates an <see cref="OciErrorKind.Protocol"/> exception.</summary>
    public OciException()
        : this(OciErrorKind.Protocol, "OCI operation failed.")
    {
    }

    /// <summary>Creates an <see cref="OciErrorKind.Protocol"/> exception.</summary>
    public OciException(string message)
        : this(OciErrorKind.Protocol, message)
    {
    }

    /// <summary>Creates an <see cref="OciErrorKind.Protocol"/> exception.</summary>
    public OciException(string message, Exception innerException)
        : this(OciErrorKind.Protocol, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public OciErrorKind Kind { get; }

    /// <summary>The HTTP status of the registry answer, when there was one.</summary>
    public int? StatusCode { get; init; }
}
