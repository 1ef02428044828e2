namespace PipelineGuard.Sbom;

/// <summary>How bad a diagnostic is.</summary>
public enum SbomDiagnosticSeverity
{
    /// <summary>The SBOM was made, with a documented fallback (for example a missing nuspec).</summary>
    Warning,

    /// <summary>No SBOM could be made.</summary>
    Error,
}

/// <summary>A problem found while making an SBOM, naming the file and, when known, the line and field.</summary>
/// <param name="Severity">Warning (fallback used) or error (no SBOM).</param>
/// <param name="Code">A stable code, <c>PGSBOM001</c> and so on (see docs/sbom.md).</param>
/// <param name="Message">What was wrong and what to do.</param>
/// <param name="File">The file, or null.</param>
/// <param name="Line">The 1-based line, or null.</param>
/// <param name="Column">The 1-based column, or null.</param>
public sealed record SbomDiagnostic(SbomDiagnosticSeverity Severity, string Code, string Message, string? File = null, int? Line = null, int? Column = null)
{
    /// <summary>The canonical form <c>file(line,col): error CODE: message</c>, which IDEs and CI logs link.</summary>
    public override string ToString()
    {
        var location = File is null ? "pipelineguard" : Line is { } line ? $"{File}({line},{Column ?? 1})" : File;
        return $"{location}: {(Severity == SbomDiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";
    }

    internal static SbomDiagnostic Error(string code, string message, string? file = null, int? line = null, int? column = null)
        => new(SbomDiagnosticSeverity.Error, code, message, file, line, column);

    internal static SbomDiagnostic Warning(string code, string message, string? file = null)
        => new(SbomDiagnosticSeverity.Warning, code, message, file);
}
