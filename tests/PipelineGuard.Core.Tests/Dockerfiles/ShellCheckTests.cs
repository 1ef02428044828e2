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
    public async Task A_missing_binary_is_a_notice_by_default_an_error_when_required_and_nothing_when_off()
    {
        var syntax = DockerfileParser.Parse("FROM debian:12\nRUN echo $X\n", "Dockerfile");

        var byDefault = await DockerfileLinter.LintAsync(syntax, LintConfiguration.Default, null);
        Assert.Contains("SC rules were not checked", Assert.Single(byDefault.Notices), StringComparison.Ordinal);
        Assert.Empty(byDefault.Errors);

        // Required (--shellcheck) and missing used to be a notice only, and the lint passed.
        var required = await DockerfileLinter.LintAsync(syntax, On, null);
        Assert.Contains("shellcheck binary is not on PATH", Assert.Single(required.Errors), StringComparison.Ordinal);

        var off = await DockerfileLinter.LintAsync(syntax, LintConfiguration.Default with { ShellCheck = false }, null);
        Assert.Empty(off.Notices);
        Assert.Empty(off.Errors);

        Assert.Null(ShellCheckRunner.Locate(RepositoryPaths.NewTempDirectory("nopath")));
        Assert.NotNull(ShellCheckRunner.Locate(Environment.GetEnvironmentVariable("PATH")));
    }

    [Fact]
    public async Task By_default_an_installed_shellcheck_runs_as_in_hadolint()
    {
        var result = await DockerfileLinter.LintAsync(DockerfileParser.Parse("FROM debian:12\nRUN echo $UNSET\n", "Dockerfile"), LintConfiguration.Default, Runner());
        Assert.Contains(result.Findings, f => f.Code == "SC2086");
        Assert.Empty(result.Notices);
    }

    [Theory]
    [InlineData("echo 'shellcheck: unknown shell' >&2; exit 4", "exit code 4: shellcheck: unknown shell")]
    [InlineData("cat > /dev/null; exit 1", "wrote nothing")]
    [InlineData("cat > /dev/null; echo 'not json'; exit 1", "not its JSON")]
    [InlineData("cat > /dev/null; echo '{\"comments\":[{\"code\":\"x\"}]}'; exit 1", "json1 shape")]
    [InlineData("exec 0<&-; echo 'gave up' >&2; exit 2", "exit code 2: gave up")]
    public async Task A_shellcheck_that_fails_is_an_error_never_no_findings(string behaviour, string expected)
    {
        // These used to count as "no findings" (or, for one that stopped reading early, crash the lint with an IOException).
        var runner = FakeShellCheck(behaviour);
        var script = "FROM debian:12\nRUN " + string.Join(" && ", Enumerable.Repeat("echo $UNSET", 20000)) + "\n";
        var result = await DockerfileLinter.LintAsync(DockerfileParser.Parse(script, "Dockerfile"), LintConfiguration.Default, runner);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Dockerfile:2: ShellCheck", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_shellcheck_fails_the_whole_run()
    {
        var directory = RepositoryPaths.NewTempDirectory("shellcheck-fails");
        var file = Path.Combine(directory, "Dockerfile");
        await File.WriteAllTextAsync(file, "FROM debian:12@sha256:" + new string('a', 64) + "\nRUN echo hello\n");
        var options = new LintOptions { Paths = [file], Configuration = LintConfiguration.Default with { FailureThreshold = LintSeverity.Error }, ShellCheck = FakeShellCheck("exit 3") };

        var report = await DockerfileLinter.LintAsync(options);

        Assert.True(report.Failed);
        Assert.Contains(report.Errors, e => e.Contains("exit code 3", StringComparison.Ordinal));
    }

    private static ShellCheckRunner FakeShellCheck(string behaviour)
    {
        var directory = RepositoryPaths.NewTempDirectory("fake-shellcheck");
        var path = Path.Combine(directory, "shellcheck");
        File.WriteAllText(path, "#!/bin/sh\n" + behaviour + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new ShellCheckRunner(path);
    }
}
