using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>Every verb's command line is strict: unknown options and surplus arguments are exit 2 with the usage, never values.</summary>
public sealed class StrictCommandLineTests
{
    public static TheoryData<string> Verbs()
    {
        var data = new TheoryData<string>();
        foreach (var verb in PipelineGuardCli.CreateRootCommand().Subcommands)
        {
            data.Add(verb.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task An_unknown_option_is_a_usage_error_on_every_verb(string verb)
    {
        var (code, output, error) = await CliRunner.RunAsync(verb, "first", "--frobnicate");
        Assert.True(code == 2, $"{verb}: exit {code}\n{output}{error}");
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
        Assert.Contains($"Usage: pipelineguard {verb}", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Lint_with_an_unknown_option_exits_2_instead_of_linting_a_file_called_like_it()
    {
        var dockerfile = Path.Combine(Testing.RepositoryPaths.NewTempDirectory("strict-lint"), "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "FROM alpine:3.20\n");
        var (code, output, error) = await CliRunner.RunAsync("lint", dockerfile, "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown option '--frobnicate' for 'lint'", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Verify_does_not_take_a_cosign_flag_it_cannot_honour_as_an_image()
    {
        // verify IMG --key k.pub --insecure-ignore-tlog verified IMG, then failed on an image called "--insecure-ignore-tlog" with exit 1.
        // verify now honours --insecure-ignore-tlog (keyless and key-based log evidence); --sk it still cannot honour.
        var key = Path.Combine(Testing.RepositoryPaths.NewTempDirectory("strict-verify"), "k.pub");
        await File.WriteAllTextAsync(key, "not read: parsing stops first");
        var (code, output, error) = await CliRunner.RunAsync("verify", "127.0.0.1:9/none:1", "--key", key, "--sk");
        Assert.Equal(2, code);
        Assert.Contains("--sk is not supported", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);

        var signing = await CliRunner.RunAsync("sign", "127.0.0.1:9/none:1", "--key", key, "--insecure-ignore-tlog");
        Assert.Equal(2, signing.ExitCode);
        Assert.Contains("--insecure-ignore-tlog", signing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_surplus_argument_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("sign-blob", "a.txt", "b.txt", "--key", "k.key");
        Assert.Equal(2, code);
        Assert.Contains("'b.txt'", error, StringComparison.Ordinal);
        Assert.Contains("Usage: pipelineguard sign-blob FILE [options]", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tlog-upload=true")]
    [InlineData("--tlog-upload")]
    public async Task A_transparency_log_upload_cannot_be_honoured_and_says_so(string flag)
    {
        var (code, _, error) = await CliRunner.RunAsync("sign-blob", "a.txt", "--key", "k.key", flag);
        Assert.Equal(2, code);
        Assert.Contains("cannot be honoured", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cosigns_harmless_flags_are_accepted_on_the_signing_verbs()
    {
        var dir = Testing.RepositoryPaths.NewTempDirectory("strict-sign");
        var file = Path.Combine(dir, "a.txt");
        await File.WriteAllTextAsync(file, "a");
        // Parsing passes; the run then fails on the missing key (exit 1), not on the flags (exit 2).
        var (code, _, error) = await CliRunner.RunAsync("sign-blob", file, "--key", Path.Combine(dir, "missing.key"), "--tlog-upload=false", "-y");
        Assert.True(code == 1, error);
        Assert.Contains("missing.key", error, StringComparison.Ordinal);
        var (yes, _, yesError) = await CliRunner.RunAsync("attest-blob", file, "--predicate", file, "--type", "custom", "--key", Path.Combine(dir, "missing.key"), "--bundle", Path.Combine(dir, "b.json"), "--yes");
        Assert.True(yes == 1, yesError);
    }
}
