using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary><c>pin</c>: only the digest changes; <c>--check</c> fails on anything unpinned.</summary>
public sealed class PinCommandTests : IClassFixture<RegistryFixture>
{
    private readonly RegistryFixture _registry;

    public PinCommandTests(RegistryFixture registry) => _registry = registry;

    [Fact]
    public async Task Pin_write_changes_nothing_but_the_digest()
    {
        var app = await RegistryImages.PushAsync(_registry, "pin/app", "2.1", "app");
        var tools = await RegistryImages.PushAsync(_registry, "pin/tools", "latest", "tools");
        var original = $"# syntax=docker/dockerfile:1\r\n# keep   this    comment\r\nARG TOOLS={_registry.Host}/pin/tools\r\nfrom   {_registry.Host}/pin/app:2.1   AS  build   \r\nRUN echo \\\r\n    hi\r\nFROM ${{TOOLS}}\r\nFROM build\r\nFROM scratch\r\n";
        var dockerfile = RegistryImages.WriteDockerfile(original);

        var (code, output, error) = await CliRunner.RunAsync("pin", dockerfile, "--write", "--allow-http-registry");

        Assert.True(code == 0, output + error);
        var expected = original
            .Replace($"{_registry.Host}/pin/app:2.1", $"{_registry.Host}/pin/app:2.1@{app}", StringComparison.Ordinal)
            .Replace("FROM ${TOOLS}", $"FROM ${{TOOLS}}@{tools}", StringComparison.Ordinal);
        Assert.Equal(expected, await File.ReadAllTextAsync(dockerfile));
        Assert.Contains($":4: {_registry.Host}/pin/app:2.1 -> {_registry.Host}/pin/app:2.1@{app}", output, StringComparison.Ordinal);

        var check = await CliRunner.RunAsync("pin", dockerfile, "--check");
        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public async Task Pin_check_fails_when_anything_is_unpinned_and_touches_nothing()
    {
        var original = $"FROM {_registry.Host}/pin/never:1\n";
        var dockerfile = RegistryImages.WriteDockerfile(original);
        var (code, output, _) = await CliRunner.RunAsync("pin", dockerfile, "--check");
        Assert.Equal(1, code);
        Assert.Contains($"{dockerfile}:1: {_registry.Host}/pin/never:1 is not pinned by digest", output, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(dockerfile));
    }

    [Fact]
    public async Task A_tag_that_cannot_be_resolved_fails_and_writes_nothing()
    {
        var original = $"FROM {_registry.Host}/pin/missing:1\n";
        var dockerfile = RegistryImages.WriteDockerfile(original);
        var (code, _, error) = await CliRunner.RunAsync("pin", dockerfile, "--write", "--allow-http-registry");
        Assert.Equal(1, code);
        Assert.Contains("cannot pin", error, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(dockerfile));
    }
}
