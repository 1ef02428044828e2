using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>
/// Two projects of one solution that resolve a package's dependency differently: Serilog.Sinks.Console 6.0.0 needs
/// Serilog &gt;= 4.0.0; SbomDivA takes 4.0.0, SbomDivB asks for Serilog 4.2.0 as well.
/// </summary>
public sealed class DivergentSolutionSample : IAsyncLifetime
{
    public SampleProject Project { get; private set; } = null!;

    public string LibProject => Path.Combine(Project.Directory, "B", "SbomDivB.csproj");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(RepositoryPaths.Packages);
        Project = SampleProject.Create("SbomDivA", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Serilog.Sinks.Console" Version="6.0.0" /></ItemGroup>
            </Project>
            """,
            new Dictionary<string, string>
            {
                ["B/SbomDivB.csproj"] = """
                    <Project Sdk="Microsoft.NET.Sdk">
                      <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                      <ItemGroup>
                        <PackageReference Include="Serilog.Sinks.Console" Version="6.0.0" />
                        <PackageReference Include="Serilog" Version="4.2.0" />
                      </ItemGroup>
                    </Project>
                    """,
                ["All.slnx"] = """
                    <Solution>
                      <Project Path="SbomDivA.csproj" />
                      <Project Path="B/SbomDivB.csproj" />
                    </Solution>
                    """,
            });
        var restore = await Project.DotNetAsync("restore", "All.slnx");
        Assert.True(restore.ExitCode == 0, restore.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>--merge keeps each project's graph: components are shared, edges are not.</summary>
public sealed class MergedSolutionSbomTests(DivergentSolutionSample sample) : IClassFixture<DivergentSolutionSample>
{
    private ProjectSbomOptions Options(string project) => new()
    {
        AssetsFile = SbomInputResolver.AssetsFileOf(project),
        ProjectFile = project,
        SourceDateEpoch = 0,
    };

    [Fact]
    public async Task A_package_resolved_differently_per_project_keeps_each_project_edges()
    {
        var merged = ProjectSbomGenerator.GenerateMerged([Options(sample.Project.ProjectFile), Options(sample.LibProject)], "All");
        Assert.True(merged.Succeeded, string.Join('\n', merged.Diagnostics));
        var document = merged.Document!;
        var edges = document.Dependencies.ToDictionary(d => d.Ref, d => d.DependsOn.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        // Before: one Serilog.Sinks.Console depending on both Serilog versions, an edge no project has.
        Assert.DoesNotContain(edges.Values, d => d.Contains("pkg:nuget/Serilog@4.0.0") && d.Contains("pkg:nuget/Serilog@4.2.0"));
        var sinks = document.Components.Where(c => c.Name == "Serilog.Sinks.Console").ToDictionary(c => c.BomRef);
        Assert.Equal(2, sinks.Count);
        Assert.Equal(["pkg:nuget/Serilog@4.0.0"], edges["pkg:nuget/Serilog.Sinks.Console@6.0.0|net10.0|SbomDivA"]);
        Assert.Equal(["pkg:nuget/Serilog@4.2.0"], edges["pkg:nuget/Serilog.Sinks.Console@6.0.0|net10.0|SbomDivB"]);
        Assert.All(sinks.Values, c => Assert.Equal(["net10.0"], c.Properties.Where(p => p.Name == ProjectSbomGenerator.FrameworkProperty).Select(p => p.Value)));

        // Each project's edges in the merged document are exactly those of its own SBOM, suffixes aside.
        foreach (var project in new[] { sample.Project.ProjectFile, sample.LibProject })
        {
            var own = ProjectSbomGenerator.Generate(Options(project)).Document!;
            var name = Path.GetFileNameWithoutExtension(project);
            var rootRef = Assert.Single(document.Dependencies.Single(d => d.Ref == "All").DependsOn, r => r.StartsWith($"project:{name}@", StringComparison.Ordinal));
            var reached = new SortedSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([rootRef]);
            while (stack.Count > 0)
            {
                var from = stack.Pop();
                foreach (var to in edges[from])
                {
                    if (reached.Add($"{Strip(from)} -> {Strip(to)}"))
                    {
                        stack.Push(to);
                    }
                }
            }

            var expected = own.Dependencies.SelectMany(d => d.DependsOn.Select(t => $"{Strip(d.Ref)} -> {Strip(t)}")).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(expected.Order(StringComparer.Ordinal), reached);
        }

        await SbomAssertions.AllFormatsValidateAsync(document, "sbom-merged-divergent");
    }

    private static string Strip(string bomRef) => bomRef.Split('|', 2)[0];
}
