namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>Writes lint results in one of hadolint's output formats.</summary>
public static class LintReportWriter
{
    /// <summary>
    /// Writes <paramref name="results"/> as <paramref name="format"/>; <paramref name="color"/> only affects tty, and
    /// <paramref name="failureThreshold"/> only msbuild (findings at or above it are written as errors).
    /// <paramref name="filePathInReport"/> (hadolint's <c>--file-path-in-report</c>) replaces the file name only in the
    /// formats hadolint applies it to (<see cref="LintOutputFormatNames.UsesFilePathInReport"/>); <paramref name="timestamp"/>
    /// dates a junit run (default: now); <paramref name="root"/> makes SARIF locations relative to the repository root.
    /// </summary>
    public static void Write(LintOutputFormat format, IReadOnlyList<LintResult> results, TextWriter writer, bool color = false, LintSeverity failureThreshold = LintSeverity.Ignore, string? filePathInReport = null, DateTimeOffset? timestamp = null, Findings.SourceRoot? root = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        switch (format)
        {
            case LintOutputFormat.Json:
                JsonLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.Sarif:
                SarifLintWriter.Write(results, writer, root);
                break;
            case LintOutputFormat.Checkstyle:
                CheckstyleLintWriter.Write(results, writer, filePathInReport);
                break;
            case LintOutputFormat.CodeClimate:
                CodeClimateLintWriter.Write(results, writer, filePathInReport);
                break;
            case LintOutputFormat.GitlabCodeClimate:
                GitlabCodeClimateLintWriter.Write(results, writer, filePathInReport);
                break;
            case LintOutputFormat.Codacy:
                CodacyLintWriter.Write(results, writer);
                break;
            case LintOutputFormat.SonarQube:
                SonarQubeLintWriter.Write(results, writer, filePathInReport);
                break;
            case LintOutputFormat.JUnit:
                JUnitLintWriter.Write(results, writer, timestamp ?? DateTimeOffset.UtcNow, filePathInReport);
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
