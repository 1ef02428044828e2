namespace PipelineGuard.Dockerfiles.Writers;

/// <summary>hadolint's tty format: <c>file:line CODE level: message</c>, coloured by level on a terminal.</summary>
public static class TtyLintWriter
{
    /// <summary>Writes one line per finding.</summary>
    public static void Write(IReadOnlyList<LintResult> results, TextWriter writer, bool color)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var result in results)
        {
            foreach (var finding in result.Findings)
            {
                var level = finding.Severity.ToName();
                if (color)
                {
                    var code = finding.Severity switch
                    {
                        LintSeverity.Error => "31",
                        LintSeverity.Warning => "33",
                        LintSeverity.Info => "32",
                        _ => "37",
                    };
                    writer.Write($"{finding.File}:{finding.Line} \u001b[1m{finding.Code}\u001b[0m \u001b[{code}m{level}\u001b[0m: {finding.Message}\n");
                }
                else
                {
                    writer.Write($"{finding.File}:{finding.Line} {finding.Code} {level}: {finding.Message}\n");
                }
            }
        }
    }
}
