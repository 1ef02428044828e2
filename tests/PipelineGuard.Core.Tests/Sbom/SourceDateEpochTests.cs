using PipelineGuard.Gate;
using PipelineGuard.Sbom;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

public sealed class SourceDateEpochTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", 0L)]
    [InlineData("1700000000", 1700000000L)]
    public void Unset_means_none_and_whole_seconds_are_read(string? text, long? expected)
    {
        Assert.True(SourceDateEpoch.TryParse(text, out var seconds, out var error), error);
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData(" 17")]
    [InlineData("99999999999999999999")]
    public void Anything_else_is_an_error_naming_the_variable_and_the_value(string text)
    {
        Assert.False(SourceDateEpoch.TryParse(text, out var seconds, out var error));
        Assert.Null(seconds);
        Assert.Equal($"SOURCE_DATE_EPOCH '{text}' is not a whole number of seconds", error);
    }

    [Fact]
    public async Task The_gate_stops_with_a_configuration_error_on_an_invalid_value_instead_of_ignoring_it()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "HelloService");
        var loaded = PolicyLoader.Load(Path.Combine(sample, PolicyLoader.DefaultFileName));
        Assert.True(loaded.Policy is not null, string.Join('\n', loaded.Diagnostics));
        var run = await GateRunner.RunAsync(new GateOptions
        {
            Path = sample,
            Policy = loaded.Policy,
            Environment = new Dictionary<string, string?> { [SourceDateEpoch.VariableName] = "not-a-number" },
        });

        Assert.Null(run.Result);
        Assert.Equal(["SOURCE_DATE_EPOCH 'not-a-number' is not a whole number of seconds"], run.ConfigurationErrors);
    }
}
