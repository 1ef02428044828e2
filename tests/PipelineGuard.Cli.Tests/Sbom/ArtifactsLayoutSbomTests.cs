using System.Text.Json;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Sbom;

/// <summary>
/// Two solutions restored for real, whose assets files are not in obj/: one with the SDK's artifacts output
/// (UseArtifactsOutput in Directory.Build.props: provable from the files), one whose BaseIntermediateOutputPath uses a
/// property function (only MSBuild can say).
/// </summary>
public sealed class ArtifactsLayoutSolutions : IAsyncLifetime
{
    public SampleProject Artifacts { get; private set; } = null!;

    public SampleProject Computed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RepositoryPaths.Packages);
        Artifacts = await CreateAsync("SbomArtifacts", "<Project><PropertyGroup><UseArtifactsOutput>true</UseArtifactsOutput></PropertyGroup></Project>");
        Computed = await CreateAsync("SbomComputed", "<Project><PropertyGroup><BaseIntermediateOutputPath>$(MSBuildThisFileDirectory)out/$(MSBuildProjectName.ToLowerInvariant())/</BaseIntermediateOutputPath></PropertyGroup></Project>");
    }

    private static async Task<SampleProject> CreateAsync(string name, string directoryBuildProps)
    {
        var project = SampleProject.Create(name, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Polly" Version="8.9.1" />
                <ProjectReference Include="Lib/{name}Lib.csproj" />
              </ItemGroup>
            </Project>
            """,
            new Dictionary<string, string>
            {
                ["Directory.Build.props"] = directoryBuildProps,
                [$"Lib/{name}Lib.csproj"] = """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net10.0</TargetFramework>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Serilog" Version="4.0.0" />
                      </ItemGroup>
                    </Project>
                    """,
                ["All.slnx"] = $"""
                    <Solution>
                      <Project Path="{name}.csproj" />
                      <Project Path="Lib/{name}Lib.csproj" />
                    </Solution>
                    """,
            });
        var restore = await project.DotNetAsync("restore", "All.slnx");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.False(File.Exists(Path.Combine(project.Directory, "obj", "project.assets.json")));
        return project;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class ArtifactsLayoutSbomTests(ArtifactsLayoutSolutions samples) : IClassFixture<ArtifactsLayoutSolutions>
{
    private static string Solution(SampleProject project) => Path.Combine(project.Directory, "All.slnx");

    private static IEnumerable<string> Projects(SampleProject project)
        => [project.ProjectFile, Path.Combine(project.Directory, "Lib", Path.GetFileNameWithoutExtension(project.ProjectFile) + "Lib.csproj")];

    [Fact]
    public async Task The_artifacts_layout_is_proven_from_Directory_Build_props_and_agrees_with_MSBuild()
    {
        var projects = Projects(samples.Artifacts).ToList();
        var msbuild = await AssetsFileLocator.FromMSBuildAsync(projects);
        foreach (var (project, answer) in projects.Zip(msbuild))
        {
            var proven = AssetsFileLocator.FromFiles(project);
            Assert.NotNull(proven);
            Assert.Equal(AssetsFileOrigin.DirectoryBuildProps, proven.Value.Origin);
            Assert.Null(answer.Error);
            Assert.Equal(answer.Path, proven.Value.Path);
            Assert.True(File.Exists(proven.Value.Path), proven.Value.Path);
        }

        // A property function is not provable from the files: MSBuild is asked instead.
        Assert.All(Projects(samples.Computed), p => Assert.Null(AssetsFileLocator.FromFiles(p)));
    }

    [Fact]
    public async Task An_artifacts_layout_solution_gives_its_SBOMs_and_says_which_files_were_read()
    {
        var directory = RepositoryPaths.NewTempDirectory("cli-artifacts");
        var (exit, _, error) = await CliRunner.RunAsync("sbom", Solution(samples.Artifacts), "-o", directory, "--no-msbuild");
        Assert.True(exit == 0, error);
        Assert.Contains($"reading {Path.Combine(samples.Artifacts.Directory, "artifacts", "obj", "SbomArtifacts", "project.assets.json")} (from Directory.Build.props)", error, StringComparison.Ordinal);
        Assert.Equal(["SbomArtifacts.cdx.json", "SbomArtifactsLib.cdx.json"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "SbomArtifacts.cdx.json")));
        Assert.Contains(json.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "Polly");
    }

    [Fact]
    public async Task A_layout_only_MSBuild_can_evaluate_is_asked_of_MSBuild()
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-computed"), "all.cdx.json");
        var (exit, _, error) = await CliRunner.RunAsync("sbom", Solution(samples.Computed), "--merge", "-o", file);
        Assert.True(exit == 0, error);
        Assert.Contains($"reading {Path.Combine(samples.Computed.Directory, "out", "sbomcomputed", "project.assets.json")} (from MSBuild's ProjectAssetsFile)", error, StringComparison.Ordinal);
        Assert.Contains($"reading {Path.Combine(samples.Computed.Directory, "out", "sbomcomputedlib", "project.assets.json")} (from MSBuild's ProjectAssetsFile)", error, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("pkg:nuget/Serilog@4.0.0", text, StringComparison.Ordinal);

        // Without MSBuild the unprovable layout falls back to obj/, where restore wrote nothing: the usual error.
        var (noExit, _, noError) = await CliRunner.RunAsync("sbom", Solution(samples.Computed), "--merge", "--no-msbuild");
        Assert.Equal(ExitCodes.Fail, noExit);
        Assert.Contains("PGSBOM001", noError, StringComparison.Ordinal);
        Assert.Contains("(assumed obj/ layout)", noError, StringComparison.Ordinal);
    }
}
