namespace PipelineGuard.Dockerfiles;

/// <summary>Output formats of the lint report (hadolint's names).</summary>
public enum LintOutputFormat
{
    /// <summary><c>tty</c>: one line per finding, coloured on a terminal.</summary>
    Tty,

    /// <summary><c>json</c>: hadolint's array of <c>{code,column,file,level,line,message}</c>.</summary>
    Json,

    /// <summary><c>sarif</c>: SARIF 2.1.0.</summary>
    Sarif,

    /// <summary><c>checkstyle</c>: Checkstyle XML.</summary>
    Checkstyle,

    /// <summary><c>gitlab_codeclimate</c>: GitLab's Code Quality JSON.</summary>
    GitlabCodeClimate,

    /// <summary><c>gnu</c>: GNU <c>file:line:column: message</c> lines.</summary>
    Gnu,

    /// <summary><c>msbuild</c>: canonical <c>file(line,col): warning CODE: message</c> lines that MSBuild, IDEs and CI logs link.</summary>
    MSBuild,
}

/// <summary>Names of <see cref="LintOutputFormat"/>.</summary>
public static class LintOutputFormatNames
{
    /// <summary>The names <c>--format</c> accepts, one per format, in the order the help lists them.</summary>
    public static IReadOnlyList<string> All { get; } = ["tty", "json", "sarif", "checkstyle", "gitlab_codeclimate", "gnu", "msbuild"];

    /// <summary>Reads a format name (<c>codeclimate</c> is read as <c>gitlab_codeclimate</c>).</summary>
    public static bool TryParse(string? text, out LintOutputFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "tty": format = LintOutputFormat.Tty; return true;
            case "json": format = LintOutputFormat.Json; return true;
            case "sarif": format = LintOutputFormat.Sarif; return true;
            case "checkstyle": format = LintOutputFormat.Checkstyle; return true;
            case "gitlab_codeclimate" or "codeclimate": format = LintOutputFormat.GitlabCodeClimate; return true;
            case "gnu": format = LintOutputFormat.Gnu; return true;
            case "msbuild": format = LintOutputFormat.MSBuild; return true;
            default: format = LintOutputFormat.Tty; return false;
        }
    }
}
