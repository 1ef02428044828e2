using System.Text;

namespace PipelineGuard.Testing;

/// <summary>
/// A throwaway .NET project in its own folder, restored the way a user would: a <c>nuget.config</c> that adds the
/// freshly packed <c>artifacts/packages</c> to the machine's usual sources, and a private package folder so that
/// the packages under test never come from a cache.
/// </summary>
public sealed class SampleProject
{
    private SampleProject(string directory, string projectFile)
    {
        Directory = directory;
        ProjectFile = projectFile;
    }

    /// <summary>The private package folder shared by the samples of one test run (artifacts/tmp, removed by Clean).</summary>
    public static string PackagesFolder => Path.Combine(RepositoryPaths.Scratch, "nuget-packages");

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>The project file's full path.</summary>
    public string ProjectFile { get; }

    /// <summary>Creates a project named <paramref name="name"/> with the given project XML and extra files (relative path to text).</summary>
    public static SampleProject Create(string name, string projectXml, IReadOnlyDictionary<string, string>? files = null)
    {
        var directory = RepositoryPaths.NewTempDirectory(name);
        var projectFile = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(projectFile, projectXml);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), NuGetConfig());
        // Keep the repository's Directory.Build.props and central versions out of the sample's build.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        File.WriteAllText(Path.Combine(directory, "global.json"), "{\"sdk\":{\"version\":\"10.0.100\",\"rollForward\":\"latestFeature\"}}\n");
        if (files is not null)
        {
            foreach (var (relative, text) in files)
            {
                var path = Path.Combine(directory, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }
        }

        return new SampleProject(directory, projectFile);
    }

    /// <summary>A console app project file that references the packed <c>PipelineGuard.MSBuild</c>.</summary>
    public static string ConsoleAppWithPipelineGuard(string targetFrameworks = "net10.0", string extraProperties = "", string extraItems = "")
    {
        var tfmProperty = targetFrameworks.Contains(';', StringComparison.Ordinal) ? "TargetFrameworks" : "TargetFramework";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <{tfmProperty}>{targetFrameworks}</{tfmProperty}>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PipelineGuard.MSBuild" Version="{RepositoryPaths.PackageVersion}" PrivateAssets="all" />
                {extraItems}
              </ItemGroup>
            </Project>
            """;
    }

    /// <summary>Runs <c>dotnet ARGS</c> in the project's folder with the private package folder.</summary>
    public Task<ProcessResult> DotNetAsync(params string[] arguments) => DotNetAsync(arguments, environment: null);

    /// <summary>Runs <c>dotnet ARGS</c> with extra environment variables.</summary>
    public Task<ProcessResult> DotNetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackagesFolder,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        };
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                env[key] = value;
            }
        }

        return ProcessRunner.RunAsync("dotnet", arguments, Directory, env, timeout: timeout ?? TimeSpan.FromMinutes(8));
    }

    /// <summary>Writes (or replaces) a file of the project.</summary>
    public void WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string NuGetConfig()
    {
        var builder = new StringBuilder();
        builder.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        builder.AppendLine("<configuration>");
        builder.AppendLine("  <packageSources>");
        builder.AppendLine($"    <add key=\"pipelineguard-local\" value=\"{RepositoryPaths.Packages}\" />");
        builder.AppendLine("  </packageSources>");
        builder.AppendLine("</configuration>");
        return builder.ToString();
    }
}
