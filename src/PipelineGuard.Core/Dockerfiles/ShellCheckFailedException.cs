namespace PipelineGuard.Dockerfiles;

/// <summary>
/// ShellCheck could not check a RUN script: it did not start, exited with an error status, stopped reading its input,
/// wrote no or no valid JSON, or did not finish in time. The lint fails; it never counts as "no findings".
/// </summary>
public sealed class ShellCheckFailedException : Exception
{
    /// <summary>Creates the exception for the RUN instruction at <paramref name="line"/>.</summary>
    public ShellCheckFailedException(string message, int line, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
    }

    /// <summary>The line of the RUN instruction whose script was being checked.</summary>
    public int Line { get; }
}
