namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>GNU's error format: <c>pipelineguard:file:line:column: CODE level: message</c>.</summary>
public static class GnuLintWriter
{
    /// <summary>Writes one line per finding.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var result in results)
        {
            foreach (var finding in result.Findings)
            {
                writer.Write($"pipelineguard:{finding.File}:{finding.Line}:{finding.Column}: {finding.Code} {finding.Severity.ToName()}: {finding.Message}\n");
            }
        }
    }
}
