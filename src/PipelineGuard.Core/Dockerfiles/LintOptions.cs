namespace PipelineGuard.Dockerfiles;

/// <summary>What to lint and how: the options record every front end (CLI, MSBuild, Cake) fills in.</summary>
public sealed record LintOptions
{
    /// <summary>Files, directories (searched recursively for Dockerfile, *.Dockerfile and Dockerfile.*) or <c>-</c> for standard input.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>The resolved configuration.</summary>
    public LintConfiguration Configuration { get; init; } = LintConfiguration.Default;

    /// <summary>Standard input, read when a path is <c>-</c>.</summary>
    public TextReader? StandardInput { get; init; }

    /// <summary>
    /// The file name the report shows instead of the real path (hadolint's <c>--file-path-in-report</c>), for example the
    /// repository path of a Dockerfile linted inside a container. As in hadolint it applies to the checkstyle,
    /// codeclimate, gitlab_codeclimate, sonarqube and junit formats only; findings keep the real path (or <c>-</c>) and
    /// the name travels in <see cref="LintReport.FilePathInReport"/>. Null reports the paths as given.
    /// </summary>
    public string? FilePathInReport { get; init; }

    /// <summary>The ShellCheck runner to use when <see cref="LintConfiguration.ShellCheck"/> is on; null means "not installed".</summary>
    public ShellCheckRunner? ShellCheck { get; init; }
}
