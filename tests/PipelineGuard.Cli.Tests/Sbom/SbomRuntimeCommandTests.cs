using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Sbom;

/// <summary>A native AOT app restored for two RIDs, so each RID graph holds its own runtime.json-induced ILCompiler package.</summary>
public sealed class RestoredRuntimesProject : IAsyncLifetime
{
    public SampleProject Project { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RepositoryPaths.Packages);
        Project = SampleProject.Create("SbomRidApp", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers>
                <PublishAot>true</PublishAot>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Serilog" Version="4.0.0" />
              </ItemGroup>
            </Project>
            """);
        var restore = await Project.DotNetAsync("restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class SbomRuntimeCommandTests(RestoredRuntimesProject sample) : IClassFixture<RestoredRuntimesProject>
{
    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    [Theory]
    [InlineData("-r")]
    [InlineData("--runtime")]
    public async Task The_runtime_flag_describes_that_runtime_graph(string flag)
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-sbom-rid"), "app.cdx.json");
        var (exit, _, error) = await RunAsync("sbom", sample.Project.ProjectFile, flag, "linux-arm64", "-o", file);
        Assert.True(exit == 0, error);
        var validation = await SbomValidators.CycloneDxJsonAsync(file, "1.6");
        Assert.True(validation.ExitCode == 0, validation.ToString());

        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var purls = json.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("purl").GetString()!).ToList();
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/runtime.linux-arm64.Microsoft.DotNet.ILCompiler@", StringComparison.Ordinal));
        Assert.DoesNotContain(purls, p => p.StartsWith("pkg:nuget/runtime.linux-x64.", StringComparison.Ordinal));
        var properties = json.RootElement.GetProperty("metadata").GetProperty("properties").EnumerateArray()
            .Select(p => $"{p.GetProperty("name").GetString()}={p.GetProperty("value").GetString()}").ToList();
        Assert.Contains("pipelineguard:runtime=net10.0/linux-arm64", properties);
        Assert.Contains("pipelineguard:otherRuntime=net10.0/linux-x64", properties);
    }

    [Fact]
    public async Task Without_the_flag_several_runtimes_give_the_runtime_less_graph()
    {
        var (exit, output, error) = await RunAsync("sbom", sample.Project.ProjectFile);
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("pkg:nuget/runtime.", output, StringComparison.Ordinal);
        Assert.Contains("net10.0/linux-arm64", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runtime_that_was_not_restored_fails_with_the_restored_ones_and_writes_nothing()
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-sbom-rid-missing"), "app.cdx.json");
        var (exit, output, error) = await RunAsync("sbom", sample.Project.ProjectFile, "-r", "win-x64", "-o", file);
        Assert.Equal(ExitCodes.Fail, exit);
        Assert.Empty(output);
        Assert.Contains("error PGSBOM008", error, StringComparison.Ordinal);
        Assert.Contains("runtimes restored: linux-arm64, linux-x64", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
