using PipelineGuard.Dockerfiles;

namespace Cake.PipelineGuard;

/// <summary>What <c>PipelineGuardLint</c> found.</summary>
public sealed class PipelineGuardLintResult : PipelineGuardResult
{
    internal PipelineGuardLintResult(IReadOnlyList<LintResult> files, LintConfiguration? configuration, IReadOnlyList<string> errors)
        : base(errors)
    {
        Files = files;
        Configuration = configuration;
        Findings = files.SelectMany(f => f.Findings).ToList();
    }

    /// <summary>One result per Dockerfile linted, in the order found.</summary>
    public IReadOnlyList<LintResult> Files { get; }

    /// <summary>Every finding, file by file.</summary>
    public IReadOnlyList<LintFinding> Findings { get; }

    /// <summary>The configuration the files were linted with, or null when it could not be loaded.</summary>
    public LintConfiguration? Configuration { get; }

    /// <summary>How many findings are errors.</summary>
    public int ErrorCount => Findings.Count(f => f.Severity == LintSeverity.Error);

    /// <summary>How many findings are warnings.</summary>
    public int WarningCount => Findings.Count(f => f.Severity == LintSeverity.Warning);
}
