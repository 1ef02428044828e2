namespace PipelineGuard.Dockerfiles;

/// <summary>Finding severities, hadolint's levels from most to least severe; <see cref="Ignore"/> switches a rule off.</summary>
public enum LintSeverity
{
    /// <summary><c>error</c>.</summary>
    Error = 0,

    /// <summary><c>warning</c>.</summary>
    Warning = 1,

    /// <summary><c>info</c>.</summary>
    Info = 2,

    /// <summary><c>style</c>.</summary>
    Style = 3,

    /// <summary>Not reported.</summary>
    Ignore = 4,
}

/// <summary>Names of <see cref="LintSeverity"/> as hadolint writes and reads them.</summary>
public static class LintSeverityNames
{
    /// <summary>The lower-case name (<c>error</c>, <c>warning</c>, <c>info</c>, <c>style</c>, <c>ignore</c>).</summary>
    public static string ToName(this LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        LintSeverity.Info => "info",
        LintSeverity.Style => "style",
        _ => "ignore",
    };

    /// <summary>Reads a severity name (case-insensitive); <c>none</c> is read as <see cref="LintSeverity.Ignore"/>.</summary>
    public static bool TryParse(string? text, out LintSeverity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": severity = LintSeverity.Error; return true;
            case "warning": severity = LintSeverity.Warning; return true;
            case "info": severity = LintSeverity.Info; return true;
            case "style": severity = LintSeverity.Style; return true;
            case "ignore" or "none": severity = LintSeverity.Ignore; return true;
            default: severity = LintSeverity.Ignore; return false;
        }
    }
}
