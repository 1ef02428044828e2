namespace PipelineGuard.Dockerfiles;

/// <summary>Output formats of the lint report (hadolint 2.15's names, plus <c>msbuild</c>).</summary>
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

    /// <summary><c>gitlab_codeclimate</c>: GitLab's Code Quality JSON (one array of issues with fingerprints).</summary>
    GitlabCodeClimate,

    /// <summary><c>gnu</c>: GNU <c>file:line:column: message</c> lines.</summary>
    Gnu,

    /// <summary><c>msbuild</c>: canonical <c>file(line,col): warning CODE: message</c> lines that MSBuild, IDEs and CI logs link.</summary>
    MSBuild,

    /// <summary><c>codeclimate</c>: Code Climate engine issues, each followed by a NUL byte.</summary>
    CodeClimate,

    /// <summary><c>codacy</c>: one Codacy result object per line.</summary>
    Codacy,

    /// <summary><c>sonarqube</c>: SonarQube's generic external issues JSON.</summary>
    SonarQube,

    /// <summary><c>junit</c>: JUnit XML, a test suite per Dockerfile and a failed test case per finding.</summary>
    JUnit,
}

/// <summary>Names of <see cref="LintOutputFormat"/>.</summary>
public static class LintOutputFormatNames
{
    /// <summary>Every name, in hadolint's order, then <c>msbuild</c>.</summary>
    public static IReadOnlyList<string> All { get; } = ["tty", "json", "checkstyle", "codeclimate", "gitlab_codeclimate", "gnu", "codacy", "sonarqube", "sarif", "junit", "msbuild"];

    /// <summary>The names as a comma-separated list for help and error text.</summary>
    public static string AllText { get; } = string.Join(", ", All);

    /// <summary>Reads a format name (case-insensitive).</summary>
    public static bool TryParse(string? text, out LintOutputFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "tty": format = LintOutputFormat.Tty; return true;
            case "json": format = LintOutputFormat.Json; return true;
            case "sarif": format = LintOutputFormat.Sarif; return true;
            case "checkstyle": format = LintOutputFormat.Checkstyle; return true;
            case "codeclimate": format = LintOutputFormat.CodeClimate; return true;
            case "gitlab_codeclimate": format = LintOutputFormat.GitlabCodeClimate; return true;
            case "gnu": format = LintOutputFormat.Gnu; return true;
            case "codacy": format = LintOutputFormat.Codacy; return true;
            case "sonarqube": format = LintOutputFormat.SonarQube; return true;
            case "junit": format = LintOutputFormat.JUnit; return true;
            case "msbuild": format = LintOutputFormat.MSBuild; return true;
            default: format = LintOutputFormat.Tty; return false;
        }
    }

    /// <summary>The name of <paramref name="format"/> as <see cref="TryParse"/> reads it.</summary>
    public static string ToName(this LintOutputFormat format) => format switch
    {
        LintOutputFormat.Json => "json",
        LintOutputFormat.Sarif => "sarif",
        LintOutputFormat.Checkstyle => "checkstyle",
        LintOutputFormat.CodeClimate => "codeclimate",
        LintOutputFormat.GitlabCodeClimate => "gitlab_codeclimate",
        LintOutputFormat.Gnu => "gnu",
        LintOutputFormat.Codacy => "codacy",
        LintOutputFormat.SonarQube => "sonarqube",
        LintOutputFormat.JUnit => "junit",
        LintOutputFormat.MSBuild => "msbuild",
        _ => "tty",
    };

    /// <summary>
    /// True for the formats in which hadolint's <c>--file-path-in-report</c> replaces the file name: checkstyle,
    /// codeclimate, gitlab_codeclimate, sonarqube and junit. The others (tty, json, gnu, codacy, sarif, msbuild) keep
    /// the path of the file linted.
    /// </summary>
    public static bool UsesFilePathInReport(this LintOutputFormat format) =>
        format is LintOutputFormat.Checkstyle or LintOutputFormat.CodeClimate or LintOutputFormat.GitlabCodeClimate or LintOutputFormat.SonarQube or LintOutputFormat.JUnit;
}
