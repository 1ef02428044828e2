namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>Writes lint results in one of hadolint's output formats.</summary>
public static class LintReportWriter
{
    /// <summary>
    /// Writes <paramref name="results"/> as <paramref name="format"/>; <paramref name="color"/> only affects tty, and
    /// <paramref name="failureThreshold"/> only msbuild (findings at or above it are written as errors).
    /// </summary>
    public static void Write(LintOutputFormat format, IReadOnlyList<LintResult> results, TextWriter writer, bool color = false, LintSeverity failureThreshold = LintSeverity.Ignore)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        switch (format)
        {
            case LintOutputFormat.Json:
                JsonLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.Sarif:
                SarifLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.Checkstyle:
                CheckstyleLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.GitlabCodeClimate:
                CodeClimateLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.Gnu:
                GnuLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.MSBuild:
                MSBuildLintWriter.Write(results, writer, failureThreshold);
                break;
            default:
                TtyLintWriter.Write(results, writer, color);
                break;
        }
    }
}
