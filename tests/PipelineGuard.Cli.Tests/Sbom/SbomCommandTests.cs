using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests.Sbom;

/// <summary>An app and a library it references, in one solution, restored for real once for the class.</summary>
public sealed class RestoredSolution : IAsyncLifetime
{
    public SampleProject Project { get; private set; } = null!;

    public string Solution => Path.Combine(Project.Directory, "Both.slnx");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RepositoryPaths.Packages);
        Project = SampleProject.Create("SbomApp", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Version>3.1.4</Version>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Polly" Version="8.9.1" />
                <ProjectReference Include="Lib/SbomLib.csproj" />
              </ItemGroup>
            </Project>
            """,
            new Dictionary<string, string>
            {
                ["Lib/SbomLib.csproj"] = """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup>
                        <TargetFramework>net10.0</TargetFramework>
                        <Version>0.9.0</Version>
                      </PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Serilog" Version="4.0.0" />
                      </ItemGroup>
                    </Project>
                    """,
                ["Both.slnx"] = """
                    <Solution>
                      <Project Path="SbomApp.csproj" />
                      <Project Path="Lib/SbomLib.csproj" />
                    </Solution>
                    """,
            });
        var restore = await Project.DotNetAsync("restore", "Both.slnx");
        Assert.True(restore.ExitCode == 0, restore.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class SbomCommandTests(RestoredSolution solution) : IClassFixture<RestoredSolution>
{
    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    private static List<string> Purls(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        return json.RootElement.GetProperty("components").EnumerateArray().Where(c => c.TryGetProperty("purl", out _)).Select(c => c.GetProperty("purl").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Project_to_a_file_is_valid_CycloneDX_with_the_project_reference()
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-sbom"), "app.cdx.json");
        var (exit, _, error) = await RunAsync("sbom", solution.Project.ProjectFile, "-o", file);
        Assert.True(exit == 0, error);
        var validation = await SbomValidators.CycloneDxJsonAsync(file, "1.6");
        Assert.True(validation.ExitCode == 0, validation.ToString());
        // The project reference is not the package SbomLib on a feed: its own bom-ref, no purl, its project file as a property.
        Assert.Equal(["pkg:nuget/Polly.Core@8.9.1", "pkg:nuget/Polly@8.9.1", "pkg:nuget/Serilog@4.0.0"], Purls(file));
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var reference = json.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "SbomLib");
        Assert.Equal("project:SbomLib@0.9.0", reference.GetProperty("bom-ref").GetString());
        Assert.False(reference.TryGetProperty("purl", out _));
        Assert.Contains(reference.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "pipelineguard:projectReference" && p.GetProperty("value").GetString() == "Lib/SbomLib.csproj");
        var root = json.RootElement.GetProperty("metadata").GetProperty("component");
        Assert.Equal("SbomApp", root.GetProperty("name").GetString());
        Assert.Equal("3.1.4", root.GetProperty("version").GetString());
        Assert.Equal("application", root.GetProperty("type").GetString());
        // A packable project (the SDK's default for a console app) is published as PackageId@Version.
        Assert.Equal("pkg:nuget/SbomApp@3.1.4", root.GetProperty("purl").GetString());
        var lib = json.RootElement.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == "project:SbomLib@0.9.0");
        Assert.Equal("pkg:nuget/Serilog@4.0.0", lib.GetProperty("dependsOn")[0].GetString());
    }

    [Fact]
    public async Task Signatures_are_recorded_when_asked_for()
    {
        var (exit, output, error) = await RunAsync("sbom", solution.Project.ProjectFile, "--signatures");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var polly = json.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Polly");
        var properties = polly.GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString()!);
        Assert.Contains(properties["pipelineguard:nuget:signature"], new[] { "author", "repository" });
        Assert.EndsWith("/v3/index.json", properties["pipelineguard:nuget:repositorySignature"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_output_the_SBOM_goes_to_standard_output()
    {
        var (exit, output, error) = await RunAsync("sbom", solution.Project.Directory, "--format", "spdx-json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("SPDX-2.3", json.RootElement.GetProperty("spdxVersion").GetString());
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-spdx"), "app.spdx.json");
        await File.WriteAllTextAsync(file, output);
        var validation = await SbomValidators.SpdxJsonAsync(file);
        Assert.True(validation.ExitCode == 0, validation.ToString());

        // -f is --format, as on lint, check-base and gate.
        var (shortExit, shortOutput, shortError) = await RunAsync("sbom", solution.Project.Directory, "-f", "spdx-json");
        Assert.True(shortExit == 0, shortError);
        Assert.Equal(output.Split('\n').Where(l => !l.Contains("\"created\"", StringComparison.Ordinal) && !l.Contains("documentNamespace", StringComparison.Ordinal)),
            shortOutput.Split('\n').Where(l => !l.Contains("\"created\"", StringComparison.Ordinal) && !l.Contains("documentNamespace", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_assets_file_path_works_too()
    {
        var (exit, output, error) = await RunAsync("sbom", Path.Combine(solution.Project.Directory, "obj", "project.assets.json"));
        Assert.True(exit == 0, error);
        Assert.Contains("pkg:nuget/Polly@8.9.1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_solution_gives_one_SBOM_per_project()
    {
        var directory = RepositoryPaths.NewTempDirectory("cli-sln");
        var (exit, _, error) = await RunAsync("sbom", solution.Solution, "-o", directory, "--format", "cyclonedx-xml", "--spec-version", "1.7");
        Assert.True(exit == 0, error);
        Assert.Equal(["SbomApp.cdx.xml", "SbomLib.cdx.xml"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in Directory.GetFiles(directory))
        {
            var validation = await SbomValidators.CycloneDxXmlAsync(file, "1.7");
            Assert.True(validation.ExitCode == 0, validation.ToString());
        }
    }

    [Fact]
    public async Task A_merged_solution_SBOM_holds_every_project()
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("cli-merge"), "both.cdx.json");
        var (exit, _, error) = await RunAsync("sbom", solution.Solution, "--merge", "-o", file, "--spec-version", "1.7");
        Assert.True(exit == 0, error);
        var validation = await SbomValidators.CycloneDxJsonAsync(file, "1.7");
        Assert.True(validation.ExitCode == 0, validation.ToString());
        // Both projects are packable (no IsPackable=false), so each keeps its purl; the bom-refs are the projects'.
        Assert.Equal(["pkg:nuget/Polly.Core@8.9.1", "pkg:nuget/Polly@8.9.1", "pkg:nuget/SbomApp@3.1.4", "pkg:nuget/SbomLib@0.9.0", "pkg:nuget/Serilog@4.0.0"], Purls(file));
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var root = json.RootElement.GetProperty("dependencies").EnumerateArray().Single(d => d.GetProperty("ref").GetString() == "Both");
        Assert.Equal(["project:SbomApp@3.1.4", "project:SbomLib@0.9.0"], root.GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unrestored_project_fails_saying_to_restore_and_writes_nothing()
    {
        var directory = RepositoryPaths.NewTempDirectory("cli-norestore");
        var project = Path.Combine(directory, "Fresh.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        var file = Path.Combine(directory, "out.cdx.json");
        var (exit, output, error) = await RunAsync("sbom", project, "-o", file);
        Assert.Equal(ExitCodes.Fail, exit);
        Assert.Contains("PGSBOM001", error, StringComparison.Ordinal);
        Assert.Contains("dotnet restore", error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Equal(string.Empty, output);
    }

    [Theory]
    [InlineData("--format", "cyclonedx-yaml")]
    [InlineData("--spec-version", "1.5")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var (exit, _, error) = await RunAsync("sbom", solution.Project.ProjectFile, option, value);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("sbom", Path.Combine(solution.Project.Directory, "nope.csproj"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("nope.csproj", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_with_SOURCE_DATE_EPOCH_write_byte_identical_files()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "pipelineguard.dll");
        var directory = RepositoryPaths.NewTempDirectory("cli-repro");
        var files = new List<byte[]>();
        foreach (var name in new[] { "a.cdx.json", "b.cdx.json" })
        {
            var run = await ProcessRunner.RunAsync("dotnet", [tool, "sbom", solution.Project.ProjectFile, "-o", Path.Combine(directory, name)], directory, new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1767225600" });
            Assert.True(run.ExitCode == 0, run.ToString());
            files.Add(File.ReadAllBytes(Path.Combine(directory, name)));
        }

        Assert.Equal(files[0], files[1]);
        using var json = JsonDocument.Parse(files[0]);
        Assert.Equal("2026-01-01T00:00:00Z", json.RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Vulnerabilities_come_from_a_loopback_feed()
    {
        var root = RepositoryPaths.NewTempDirectory("cli-vuln");
        using var feed = new LoopbackFeed(root);
        Directory.CreateDirectory(Path.Combine(root, "v3"));
        File.WriteAllText(Path.Combine(root, "v3", "index.json"), $$"""
            {"version": "3.0.0", "resources": [{"@id": "{{feed.Url}}v3/vulnerabilities.json", "@type": "VulnerabilityInfo/6.7.0"}]}
            """);
        File.WriteAllText(Path.Combine(root, "v3", "vulnerabilities.json"), $$"""
            [{"@name": "base", "@id": "{{feed.Url}}v3/base.json", "@updated": "2026-11-01T00:00:00Z"}]
            """);
        File.WriteAllText(Path.Combine(root, "v3", "base.json"), """
            {"polly": [{"severity": 3, "url": "https://example.com/advisories/GHSA-1111-2222-3333", "versions": "[8.0.0, 9.0.0)"}],
             "sbomlib": [{"severity": 2, "url": "https://example.com/advisories/GHSA-4444-5555-6666", "versions": "[0.1.0, 1.0.0)"}]}
            """);
        var file = Path.Combine(root, "app.cdx.json");
        var (exit, _, error) = await RunAsync("sbom", solution.Project.ProjectFile, "-o", file, "--vulnerabilities", "--vulnerability-source", feed.ServiceIndex, "--vulnerability-cache", Path.Combine(root, "cache"));
        Assert.True(exit == 0, error);
        var validation = await SbomValidators.CycloneDxJsonAsync(file, "1.6");
        Assert.True(validation.ExitCode == 0, validation.ToString());
        using var json = JsonDocument.Parse(File.ReadAllBytes(file));
        var vulnerability = Assert.Single(json.RootElement.GetProperty("vulnerabilities").EnumerateArray());
        Assert.Equal("GHSA-1111-2222-3333", vulnerability.GetProperty("id").GetString());
        Assert.Equal("critical", vulnerability.GetProperty("ratings")[0].GetProperty("severity").GetString());
        Assert.Equal("pkg:nuget/Polly@8.9.1", Assert.Single(vulnerability.GetProperty("affects").EnumerateArray()).GetProperty("ref").GetString());
        // The advisory for a package named SbomLib 0.9.0 is not about the project reference SbomLib 0.9.0, built from source.
        Assert.DoesNotContain("GHSA-4444-5555-6666", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }
}
