using Xunit;

namespace PipelineGuard.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_verb_prints_the_core_version()
    {
        var (code, output, _) = await CliRunner.RunAsync("version");
        Assert.Equal(0, code);
        Assert.Equal($"PipelineGuard {PipelineGuardInfo.Version}", output.Trim());
    }

    [Fact]
    public async Task Version_verb_prints_json_when_asked()
    {
        var (code, output, _) = await CliRunner.RunAsync("version", "--json");
        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(PipelineGuardInfo.Version, json.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task An_unknown_verb_is_a_usage_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }
}
