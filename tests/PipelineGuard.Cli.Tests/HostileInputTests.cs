using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>Inputs that once crashed or hung the tool: each is now its error, naming the file.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task A_fifo_as_the_policy_is_refused_not_waited_on()
    {
        var dir = RepositoryPaths.NewTempDirectory("fifo-policy");
        var policy = Path.Combine(dir, "pipelineguard.yaml");
        var (code, _, error) = await Fifo.RunAsync(policy, "version: 1\n", () => CliRunner.RunAsync("gate", dir, "--policy", policy));
        Assert.Equal(2, code);
        Assert.Contains("not a regular file", error, StringComparison.Ordinal);
        Assert.Contains(policy, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_zero_as_a_key_is_a_clean_error_not_out_of_memory()
    {
        var dir = RepositoryPaths.NewTempDirectory("zero-key");
        var blob = Path.Combine(dir, "blob.txt");
        await File.WriteAllTextAsync(blob, "data");
        var (code, _, error) = await CliRunner.RunAsync("verify-blob", blob, "--key", "/dev/zero", "--bundle", Path.Combine(dir, "missing.json"));
        Assert.Equal(1, code);
        Assert.Contains("/dev/zero", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_key_path_is_a_clean_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("verify", "127.0.0.1:1/none/image:1", "--key", string.Empty, "--allow-http-registry");
        Assert.NotEqual(0, code);
        Assert.Contains("empty path", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_yaml_error_outside_yamldotnets_own_exceptions_names_the_policy_and_line()
    {
        var dir = RepositoryPaths.NewTempDirectory("yaml-policy");
        var policy = Path.Combine(dir, "pipelineguard.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\na: [DL3\r\n002]\n");
        var (code, _, error) = await CliRunner.RunAsync("gate", dir, "--policy", policy);
        Assert.Equal(2, code);
        Assert.Contains(policy, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_yaml_in_a_hadolint_config_is_a_configuration_error()
    {
        var dir = RepositoryPaths.NewTempDirectory("yaml-hadolint");
        var config = Path.Combine(dir, ".hadolint.yaml");
        await File.WriteAllTextAsync(config, "ignored: [DL3\r\n002]\n");
        var dockerfile = Path.Combine(dir, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "FROM debian:12\n");
        var (code, _, error) = await CliRunner.RunAsync("lint", dockerfile, "--config", config);
        Assert.Equal(2, code);
        Assert.Contains(config, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anything_that_escapes_a_verb_is_one_line_and_exit_1_with_the_stack_only_when_verbose()
    {
        static Task<int> Throw() => throw new InvalidOperationException("broken\nacross lines");
        using var quiet = new StringWriter();
        Assert.Equal(1, await PipelineGuardCli.GuardAsync(Throw, ["gate"], quiet));
        var line = Assert.Single(quiet.ToString().TrimEnd().Split('\n'));
        Assert.Contains("InvalidOperationException", line, StringComparison.Ordinal);
        Assert.Contains("broken across lines", line, StringComparison.Ordinal);

        using var verbose = new StringWriter();
        Assert.Equal(1, await PipelineGuardCli.GuardAsync(Throw, ["gate", "--verbose"], verbose));
        Assert.Contains("   at ", verbose.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_verb_accepts_verbose()
    {
        var (code, _, error) = await CliRunner.RunAsync("version", "--verbose");
        Assert.Equal(0, code);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gate_output_naming_a_file_is_a_usage_error(bool devFull)
    {
        var dir = RepositoryPaths.NewTempDirectory("gate-o-file");
        var policy = Path.Combine(dir, "pipelineguard.yaml");
        await File.WriteAllTextAsync(policy, "version: 1\n");
        var existing = Path.Combine(dir, "report.txt");
        await File.WriteAllTextAsync(existing, "keep\n");
        var target = devFull ? "/dev/full" : existing;
        var (code, _, error) = await CliRunner.RunAsync("gate", dir, "--policy", policy, "-o", target);
        Assert.Equal(2, code);
        Assert.Contains(target, error, StringComparison.Ordinal);
        Assert.Equal("keep\n", await File.ReadAllTextAsync(existing));
    }
}
