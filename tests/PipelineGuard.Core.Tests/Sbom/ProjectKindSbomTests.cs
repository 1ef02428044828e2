using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>An ASP.NET Core app (Sdk="Microsoft.NET.Sdk.Web") with one package, restored for real.</summary>
public sealed class WebAppSample : RestoredSample
{
    protected override string Name => "SbomWeb";

    protected override string ProjectXml => """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Version>4.5.6</Version>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Serilog" Version="4.0.0" />
          </ItemGroup>
        </Project>
        """;
}

/// <summary>What kind of thing the root component is, and whether it has a purl, as the SDK decides for the project.</summary>
public sealed class ProjectKindSbomTests(WebAppSample web) : IClassFixture<WebAppSample>
{
    [Fact]
    public void A_web_app_is_an_application_without_a_purl_because_the_web_SDK_makes_it_not_packable()
    {
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = web.AssetsFile, ProjectFile = web.Project.ProjectFile, SourceDateEpoch = 0 });
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var root = result.Document!.Metadata.Component!;
        Assert.Equal(SbomComponentType.Application, root.Type);
        Assert.Null(root.Purl);
        Assert.Equal("project:SbomWeb@4.5.6", root.BomRef);
        Assert.Equal("4.5.6", root.Version);

        // Evaluated properties (what the MSBuild targets pass) win: IsPackable=true gives the purl of PackageId@Version.
        var packable = ProjectSbomGenerator.Generate(new ProjectSbomOptions
        {
            AssetsFile = web.AssetsFile,
            ProjectFile = web.Project.ProjectFile,
            Properties = new ProjectProperties { IsPackable = "true", PackageId = "Acme.Web" },
            SourceDateEpoch = 0,
        }).Document!.Metadata.Component!;
        Assert.Equal("pkg:nuget/Acme.Web@4.5.6", packable.Purl!.ToString());
    }

    [Theory]
    [InlineData("Microsoft.NET.Sdk.Web", "", "Exe", "false")]
    [InlineData("Microsoft.NET.Sdk.Worker", "", "Exe", "false")]
    [InlineData("Microsoft.NET.Sdk.Worker", "<OutputType>Library</OutputType><IsPackable>true</IsPackable>", "Library", "true")]
    [InlineData("Microsoft.NET.Sdk", "", null, null)]
    [InlineData("Microsoft.NET.Sdk", "<IsTestProject>true</IsTestProject>", null, "false")]
    public void Web_and_worker_SDK_defaults_are_applied_unless_the_project_says_otherwise(string sdk, string properties, string? outputType, string? isPackable)
    {
        var directory = RepositoryPaths.NewTempDirectory("sbom-sdk");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        var project = Path.Combine(directory, "App.csproj");
        File.WriteAllText(project, $"<Project Sdk=\"{sdk}\"><PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup></Project>");
        var read = ProjectProperties.ReadFromProjectFile(project);
        Assert.Equal(outputType, read.OutputType);
        Assert.Equal(isPackable, read.IsPackable);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "Outer Corp")]
    public void Only_the_nearest_Directory_Build_props_is_read_unless_it_imports_its_parent(bool importsParent, string? company)
    {
        var outer = RepositoryPaths.NewTempDirectory("sbom-props");
        File.WriteAllText(Path.Combine(outer, "Directory.Build.props"), "<Project><PropertyGroup><Company>Outer Corp</Company></PropertyGroup></Project>");
        var inner = Path.Combine(outer, "src");
        Directory.CreateDirectory(inner);
        var import = importsParent ? "<Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />" : string.Empty;
        File.WriteAllText(Path.Combine(inner, "Directory.Build.props"), $"<Project>{import}<PropertyGroup><Authors>Inner</Authors></PropertyGroup></Project>");
        var project = Path.Combine(inner, "App.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        var read = ProjectProperties.ReadFromProjectFile(project);
        Assert.Equal("Inner", read.Authors);
        Assert.Equal(company, read.Company);
    }
}
