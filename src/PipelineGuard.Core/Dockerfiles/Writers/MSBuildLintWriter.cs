namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>How a finding shows in an MSBuild log.</summary>
public enum MSBuildDiagnosticKind
{
    /// <summary>An error: the build fails.</summary>
    Error,

    /// <summary>A warning.</summary>
    Warning,

    /// <summary>A message (style findings).</summary>
    Message,
}

/// <summary>
/// MSBuild's canonical form, <c>file(line,col): warning DL3007: message</c>, shared by the MSBuild tasks and by
/// <c>pipelineguard lint --format msbuild</c> (which the targets run out of process), so both paths log the same lines.
/// </summary>
public static class MSBuildLintWriter
{
    /// <summary>
    /// Findings at or above <paramref name="failureThreshold"/> are errors (<see cref="LintSeverity.Ignore"/>: none are);
    /// the rest are warnings down to info, and style findings are messages.
    /// </summary>
    public static MSBuildDiagnosticKind KindOf(LintFinding finding, LintSeverity failureThreshold)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (failureThreshold != LintSeverity.Ignore && finding.Severity <= failureThreshold)
        {
            return MSBuildDiagnosticKind.Error;
        }

        return finding.Severity <= LintSeverity.Info ? MSBuildDiagnosticKind.Warning : MSBuildDiagnosticKind.Message;
    }

    /// <summary>The canonical line of one finding.</summary>
    public static string Format(LintFinding finding, LintSeverity failureThreshold)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var category = KindOf(finding, failureThreshold) switch
        {
            MSBuildDiagnosticKind.Error => "error",
            MSBuildDiagnosticKind.Warning => "warning",
            _ => "message",
        };
        return $"{finding.File}({finding.Line},{finding.Column}): {category} {finding.Code}: {finding.Message}";
    }

    /// <summary>Writes one canonical line per finding.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, LintSeverity failureThreshold)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var finding in results.SelectMany(r => r.Findings))
        {
            writer.Write(Format(finding, failureThreshold) + "\n");
        }
    }
}
