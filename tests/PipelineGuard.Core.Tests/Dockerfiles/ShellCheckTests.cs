using PipelineGuard.Dockerfiles;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Dockerfiles;

public class ShellCheckTests
{
    private static ShellCheckRunner Runner() => new(ProcessRunner.Require("shellcheck", "install the Debian package shellcheck"));

    private static readonly LintConfiguration On = LintConfiguration.Default with { ShellCheck = true };

    [Fact]
    public async Task Findings_are_mapped_to_positions_in_the_dockerfile()
    {
        const string text = "FROM debian:12\nARG VERSION=1\nENV HOME_DIR=/app\nRUN echo $VERSION $HOME_DIR && \\\n    echo $UNSET\n";
        var result = await DockerfileLinter.LintAsync(DockerfileParser.Parse(text, "Dockerfile"), On, Runner());
        var finding = Assert.Single(result.Findings, f => f.Code == "SC2086");
        Assert.Equal((5, 10), (finding.Line, finding.Column));
        Assert.Equal("$UNSET", text.Substring(finding.Span.Start, finding.Span.Length));
    }

    [Fact]
    public async Task Shebang_follows_SHELL_and_excluded_codes_stay_out()
    {
        const string bash = "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f /x ]] && source /etc/profile\n";
        var result = await DockerfileLinter.LintAsync(DockerfileParser.Parse(bash, "Dockerfile"), On, Runner());
        Assert.DoesNotContain(result.Findings, f => f.Code is "SC3010" or "SC2039" or "SC1090" or "SC1091");
        const string sh = "FROM debian:12\nRUN [[ -f /x ]] && echo ok\n";
        var posix = await DockerfileLinter.LintAsync(DockerfileParser.Parse(sh, "Dockerfile"), On, Runner());
        Assert.Contains(posix.Findings, f => f.Code is "SC3010" or "SC2039");
    }

    [Fact]
    public async Task Heredoc_scripts_are_checked_and_pragmas_apply()
    {
        const string text = "FROM debian:12\nRUN <<EOF\nset -e\necho $UNSET\nEOF\n";
        var result = await DockerfileLinter.LintAsync(DockerfileParser.Parse(text, "Dockerfile"), On, Runner());
        Assert.Equal(4, Assert.Single(result.Findings, f => f.Code == "SC2086").Line);
        var ignored = await DockerfileLinter.LintAsync(DockerfileParser.Parse("FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $UNSET\n", "Dockerfile"), On, Runner());
        Assert.DoesNotContain(ignored.Findings, f => f.Code == "SC2086");
    }

    [Fact]
    public async Task Missing_binary_is_reported_not_ignored()
    {
        var result = await DockerfileLinter.LintAsync(DockerfileParser.Parse("FROM debian:12\nRUN echo $X\n", "Dockerfile"), On, null);
        Assert.Contains("shellcheck", Assert.Single(result.Notices), StringComparison.Ordinal);
        Assert.Null(ShellCheckRunner.Locate(RepositoryPaths.NewTempDirectory("nopath")));
        Assert.NotNull(ShellCheckRunner.Locate(Environment.GetEnvironmentVariable("PATH")));
    }
}
