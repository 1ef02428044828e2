using System.Text.Json;
using PipelineGuard.Cli;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

public class LintCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args) => await CliRunner.RunAsync(args);

    private static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Exit_code_follows_the_failure_threshold()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var info = Write(dir, "Dockerfile", "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=1\nUSER 1000\n");
        Assert.Equal(ExitCodes.Fail, (await Run("lint", info)).Exit);
        Assert.Equal(ExitCodes.Pass, (await Run("lint", "-t", "warning", info)).Exit);
        Assert.Equal(ExitCodes.Fail, (await Run("lint", "--failure-threshold", "style", info)).Exit);
        Assert.Equal(ExitCodes.Pass, (await Run("lint", "-t", "none", info)).Exit);
        Assert.Equal(ExitCodes.Pass, (await Run("lint", "--no-fail", info)).Exit);
        Assert.Equal(ExitCodes.Pass, (await Run("lint", "--ignore", "DL3009", info)).Exit);
        Assert.Equal(ExitCodes.Fail, (await Run("lint", "-t", "warning", "--warning", "DL3009", info)).Exit);
        var clean = Write(dir, "clean/Dockerfile", "FROM debian:12\nUSER 1000\n");
        var (exit, output, _) = await Run("lint", clean);
        Assert.Equal(ExitCodes.Pass, exit);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Json_output_is_hadolints_array()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian:latest\nUSER 1000\n");
        var (exit, output, _) = await Run("lint", "-f", "json", file);
        Assert.Equal(ExitCodes.Fail, exit);
        using var document = JsonDocument.Parse(output);
        var finding = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("DL3007", finding.GetProperty("code").GetString());
        Assert.Equal(file, finding.GetProperty("file").GetString());
        Assert.Equal("warning", finding.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Directories_are_searched_recursively_skipping_build_folders()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        Write(dir, "Dockerfile", "FROM a\n");
        Write(dir, "svc/api.Dockerfile", "FROM b\n");
        Write(dir, "svc/Dockerfile.dev", "FROM c\n");
        Write(dir, "svc/bin/Dockerfile", "FROM d\n");
        Write(dir, "node_modules/x/Dockerfile", "FROM e\n");
        Write(dir, ".git/Dockerfile", "FROM f\n");
        Write(dir, "svc/notes.txt", "FROM g\n");
        var (_, output, _) = await Run("lint", "-f", "json", "--ignore", "DL3057", dir);
        using var document = JsonDocument.Parse(output);
        var files = document.RootElement.EnumerateArray().Select(f => Path.GetRelativePath(dir, f.GetProperty("file").GetString()!).Replace('\\', '/')).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Dockerfile", "svc/Dockerfile.dev", "svc/api.Dockerfile"], files);
    }

    [Fact]
    public async Task Config_file_and_flags_combine_with_hadolints_precedence()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian\nRUN cd /x\n");
        var config = Write(dir, "lint.yaml", "format: json\nignored: [DL3006]\noverride:\n  error: [DL3003]\nfailure-threshold: error\n");
        var (exit, output, _) = await Run("lint", "-c", config, file);
        Assert.Equal(ExitCodes.Fail, exit);
        using (var document = JsonDocument.Parse(output))
        {
            var finding = Assert.Single(document.RootElement.EnumerateArray(), f => f.GetProperty("code").GetString() is { } code && code != "DL3057" && !code.StartsWith("SC", StringComparison.Ordinal));
            Assert.Equal("DL3003", finding.GetProperty("code").GetString());
            Assert.Equal("error", finding.GetProperty("level").GetString());
        }

        var flags = await Run("lint", "-c", config, "--info", "DL3003", "-f", "gnu", file);
        Assert.Equal(ExitCodes.Pass, flags.Exit);
        Assert.Contains("DL3003 info:", flags.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_configuration_and_flags_are_usage_errors()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian:12\n");
        var config = Write(dir, "bad.yaml", "ignored:\n  - DL3006\nfailure-threshold: sometimes\n");
        var (exit, output, error) = await Run("lint", "-c", config, file);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{config}:3:", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await Run("lint", "-f", "yaml", file)).Exit);
        Assert.Equal(ExitCodes.Usage, (await Run("lint", "--require-label", "nolabel", file)).Exit);
        var missing = await Run("lint", Path.Combine(dir, "nope", "Dockerfile"));
        Assert.Equal(ExitCodes.Fail, missing.Exit);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Label_and_registry_flags_reach_the_rules()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM quay.io/app/base:1\nLABEL version=one extra=1\nUSER 1000\n");
        var (_, output, _) = await Run("lint", "-f", "json", "--trusted-registry", "docker.io", "--require-label", "version:semver", "--require-label", "team:text", "--strict-labels", file);
        Assert.Contains("\"DL3026\"", output, StringComparison.Ordinal);
        Assert.Contains("\"DL3056\"", output, StringComparison.Ordinal);
        Assert.Contains("\"DL3049\"", output, StringComparison.Ordinal);
        Assert.Contains("\"DL3050\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_ignore_pragma_flag()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "# hadolint ignore=DL3006\nFROM debian\nUSER 1000\n");
        Assert.DoesNotContain("DL3006", (await Run("lint", file)).Output, StringComparison.Ordinal);
        Assert.Contains("DL3006", (await Run("lint", "--disable-ignore-pragma", "--no-color", file)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_format_is_written()
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian:latest\nUSER 1000\n");
        Assert.StartsWith("<?xml", (await Run("lint", "-f", "checkstyle", file)).Output, StringComparison.Ordinal);
        Assert.Contains("\"check_name\":\"DL3007\"", (await Run("lint", "-f", "gitlab_codeclimate", file)).Output, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"2.1.0\"", (await Run("lint", "-f", "sarif", file)).Output, StringComparison.Ordinal);
        Assert.Contains(":1:1: DL3007 warning:", (await Run("lint", "-f", "gnu", file)).Output, StringComparison.Ordinal);
        Assert.Contains("Dockerfile:1 DL3007 warning:", (await Run("lint", "-f", "tty", file)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shellcheck_runs_by_default_when_installed_and_no_shellcheck_switches_it_off()
    {
        ProcessRunner.Require("shellcheck", "install the Debian package shellcheck");
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian:12\nUSER 1000\nRUN echo $UNSET\n");
        Assert.Contains("SC2086", (await Run("lint", file)).Output, StringComparison.Ordinal);
        Assert.Contains("SC2086", (await Run("lint", "--shellcheck", file)).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SC2086", (await Run("lint", "--no-shellcheck", file)).Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await Run("lint", "--shellcheck", "--no-shellcheck", file)).Exit);
    }

    [Fact]
    public async Task Without_shellcheck_on_PATH_tty_says_so_and_the_shellcheck_flag_is_a_usage_error()
    {
        // --shellcheck without the binary printed a notice and exited 0.
        var tool = Path.Combine(AppContext.BaseDirectory, "pipelineguard.dll");
        var dotnet = ProcessRunner.Require("dotnet", "install the .NET SDK");
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian:12@sha256:" + new string('a', 64) + "\nUSER 1000\nRUN echo hello\n");
        var noShellCheck = new Dictionary<string, string?> { ["PATH"] = RepositoryPaths.NewTempDirectory("empty-path") };

        var required = await ProcessRunner.RunAsync(dotnet, [tool, "lint", "--shellcheck", file], dir, noShellCheck, timeout: TimeSpan.FromMinutes(1));
        Assert.True(required.ExitCode == 2, required.ToString());
        Assert.Contains("shellcheck binary is not on PATH", required.StandardError, StringComparison.Ordinal);

        var byDefault = await ProcessRunner.RunAsync(dotnet, [tool, "lint", file], dir, noShellCheck, timeout: TimeSpan.FromMinutes(1));
        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Contains("SC rules were not checked", byDefault.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdin_is_read_for_dash_in_a_real_process()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "pipelineguard.dll");
        var dotnet = ProcessRunner.Require("dotnet", "install the .NET SDK");
        var empty = RepositoryPaths.NewTempDirectory("lint");
        var result = await ProcessRunner.RunAsync(dotnet, [tool, "lint", "-f", "json", "-"], empty, standardInput: "FROM debian:latest\nUSER 1000\n", timeout: TimeSpan.FromMinutes(1));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("{\"code\":\"DL3007\",\"column\":1,\"file\":\"-\",\"level\":\"warning\",\"line\":1,", result.StandardOutput, StringComparison.Ordinal);
        var named = await ProcessRunner.RunAsync(dotnet, [tool, "lint", "-f", "sonarqube", "--file-path-in-report", "services/api/Dockerfile", "-"], empty, standardInput: "FROM debian:latest\nUSER 1000\n", timeout: TimeSpan.FromMinutes(1));
        Assert.Equal(1, named.ExitCode);
        Assert.Contains("\"filePath\":\"services/api/Dockerfile\"", named.StandardOutput, StringComparison.Ordinal);
        var gnu = await ProcessRunner.RunAsync(dotnet, [tool, "lint", "-f", "gnu", "--file-path-in-report", "services/api/Dockerfile", "-"], empty, standardInput: "FROM debian:latest\nUSER 1000\n", timeout: TimeSpan.FromMinutes(1));
        Assert.Equal(1, gnu.ExitCode);
        Assert.Contains("pipelineguard:-:1:1: DL3007 warning:", gnu.StandardOutput, StringComparison.Ordinal);
        var unknown = await ProcessRunner.RunAsync(dotnet, [tool, "lint", "-"], empty, standardInput: "FROM debian:12\nFOO bar\n", timeout: TimeSpan.FromMinutes(1));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("-:2 DL1000 error: unknown instruction: FOO", unknown.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkstyle", "<file name=\"src/app/Dockerfile\">")]
    [InlineData("codeclimate", "\"path\":\"src/app/Dockerfile\"")]
    [InlineData("gitlab_codeclimate", "\"path\":\"src/app/Dockerfile\"")]
    [InlineData("sonarqube", "\"filePath\":\"src/app/Dockerfile\"")]
    [InlineData("junit", "File: src/app/Dockerfile\n")]
    public async Task File_path_in_report_names_every_finding_in_the_formats_hadolint_applies_it_to(string format, string expected)
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var first = Write(dir, "one/Dockerfile", "FROM debian:latest\nUSER 1000\n");
        var second = Write(dir, "two/Dockerfile", "FROM alpine:latest\nUSER 1000\n");
        var (exit, output, error) = await Run("lint", "-f", format, "--no-color", "--file-path-in-report", "src/app/Dockerfile", first, second);
        Assert.Equal(ExitCodes.Fail, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain(dir, output, StringComparison.Ordinal);

        var plain = (await Run("lint", "-f", format, "--no-color", first)).Output;
        Assert.Contains(Path.GetFileName(dir), plain, StringComparison.Ordinal);
        Assert.DoesNotContain("src/app/Dockerfile", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("tty")]
    [InlineData("gnu")]
    [InlineData("codacy")]
    [InlineData("sarif")]
    [InlineData("msbuild")]
    public async Task File_path_in_report_leaves_the_real_path_in_the_other_formats(string format)
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var first = Write(dir, "one/Dockerfile", "FROM debian:latest\nUSER 1000\n");
        var second = Write(dir, "two/Dockerfile", "FROM alpine:latest\nUSER 1000\n");
        var (exit, output, error) = await Run("lint", "-f", format, "--no-color", "--file-path-in-report", "src/app/Dockerfile", first, second);
        Assert.Equal(ExitCodes.Fail, exit);
        Assert.Equal(string.Empty, error);
        Assert.DoesNotContain("src/app/Dockerfile", output, StringComparison.Ordinal);
        Assert.Equal((await Run("lint", "-f", format, "--no-color", first, second)).Output, output);
        foreach (var file in new[] { first, second })
        {
            // SARIF gives the location from the repository root (the git top level holding the file), as the gate does.
            var shown = format == "sarif" ? Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/') : file;
            Assert.Contains(shown, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error_listing_hadolints_formats()
    {
        var (exit, output, error) = await Run("lint", "-f", "gitlab_codequality", "Dockerfile");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--format 'gitlab_codequality' is not one of tty, json, checkstyle, codeclimate, gitlab_codeclimate, gnu, codacy, sonarqube, sarif, junit, msbuild", error, StringComparison.Ordinal);
    }

    // junit dates the run in the testsuites element; the rest of the document must match.
    private static string WithoutRunTime(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, "<testsuites id=\"[0-9_]+\" name=\"[^\"]*\"", "<testsuites");

    [Theory]
    [InlineData("codeclimate")]
    [InlineData("gitlab_codeclimate")]
    [InlineData("codacy")]
    [InlineData("sonarqube")]
    [InlineData("junit")]
    public async Task Hadolints_other_formats_are_written(string format)
    {
        var dir = RepositoryPaths.NewTempDirectory("lint");
        var file = Write(dir, "Dockerfile", "FROM debian:latest\nUSER 1000\nLABEL note=\"a <b> & \\\"c\\\"\"\nRUN curl -k https://x | sh\n");
        var (exit, output, error) = await Run("lint", "-f", format, file);
        Assert.Equal(ExitCodes.Fail, exit);
        Assert.Equal(string.Empty, error);
        var fromConfig = Write(dir, "config/.hadolint.yaml", $"format: {format}\n");
        Assert.Equal(WithoutRunTime(output), WithoutRunTime((await Run("lint", "-c", fromConfig, file)).Output));
        switch (format)
        {
            case "codeclimate":
                var issues = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
                Assert.EndsWith("\0", output, StringComparison.Ordinal);
                Assert.Contains(issues, i => i.Contains("\"check_name\":\"DL3007\"", StringComparison.Ordinal) && i.Contains("\"severity\":\"major\"", StringComparison.Ordinal));
                Assert.All(issues, i => JsonDocument.Parse(i).Dispose());
                break;
            case "gitlab_codeclimate":
                using (var document = JsonDocument.Parse(output))
                {
                    Assert.Contains(document.RootElement.EnumerateArray(), i => i.GetProperty("check_name").GetString() == "DL3007" && i.GetProperty("fingerprint").GetString()!.Length == 40);
                }

                break;
            case "codacy":
                var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Contains(lines, l => l.StartsWith("{\"filename\":", StringComparison.Ordinal) && l.EndsWith(",\"patternId\":\"DL3007\"}", StringComparison.Ordinal));
                Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
                break;
            case "sonarqube":
                using (var document = JsonDocument.Parse(output))
                {
                    Assert.Contains(document.RootElement.GetProperty("issues").EnumerateArray(), i => i.GetProperty("ruleId").GetString() == "DL3007" && i.GetProperty("severity").GetString() == "MAJOR");
                }

                break;
            default:
                var xml = System.Xml.Linq.XDocument.Parse(output);
                Assert.Contains(xml.Descendants("failure"), f => f.Attribute("id")?.Value == "DL3007" && f.Attribute("type")?.Value == "warning");
                break;
        }
    }

    [Fact]
    public async Task Version_flag_prints_the_version_without_linting()
    {
        foreach (var flag in new[] { "-v", "--version" })
        {
            var (exit, output, _) = await Run("lint", flag, "no-such-Dockerfile");
            Assert.Equal(ExitCodes.Pass, exit);
            Assert.Equal($"{PipelineGuardInfo.ProductName} {PipelineGuardInfo.Version}", output.Trim());
        }
    }
}
