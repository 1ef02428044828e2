using System.IO.Compression;
using System.Text.Json;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>End-to-end builds share two cores with everything else: they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndGroup
{
    public const string Name = "MSBuild end to end";
}

/// <summary>Projects and checks the end-to-end tests share.</summary>
internal static class EndToEnd
{
    /// <summary>A package every sample references, so that its SBOM has a component to list.</summary>
    public const string SamplePackage = """<PackageReference Include="Newtonsoft.Json" Version="13.0.4" />""";

    public const string LintedDockerfile = "FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n";

    public static SampleProject ConsoleApp(string name, string extraProperties = "", IReadOnlyDictionary<string, string>? files = null)
    {
        var all = new Dictionary<string, string> { ["Program.cs"] = "Console.WriteLine(\"hello\");\n" };
        foreach (var (path, text) in files ?? new Dictionary<string, string>())
        {
            all[path] = text;
        }

        return SampleProject.Create(name, SampleProject.ConsoleAppWithPipelineGuard(extraProperties: extraProperties, extraItems: SamplePackage), all);
    }

    public static async Task<ProcessResult> SucceedsAsync(this SampleProject project, params string[] arguments)
    {
        var result = await project.DotNetAsync(arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Validates a CycloneDX JSON file with CycloneDX's own validator (strict JSON schema).</summary>
    public static async Task AssertValidCycloneDxAsync(string file)
    {
        var validation = await NodeInterop.RunAsync("validate-cyclonedx.mjs", file, "1.6");
        Assert.True(validation.ExitCode == 0, validation.ToString());
    }

    /// <summary>The purls of the SBOM's components.</summary>
    public static IReadOnlyList<string> Purls(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("components").EnumerateArray()
            .Where(c => c.TryGetProperty("purl", out _))
            .Select(c => c.GetProperty("purl").GetString()!)
            .ToList();
    }

    public static string RootComponentName(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString()!;
    }

    public static string? ReadEntry(string nupkg, string entryName)
    {
        using var archive = ZipFile.OpenRead(nupkg);
        var entry = archive.GetEntry(entryName);
        if (entry is null)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The pipelineguard tool bundled in the packed package, extracted once.</summary>
    public static string BundledTool { get; } = ExtractBundledTool();

    private static string ExtractBundledTool()
    {
        var folder = RepositoryPaths.NewTempDirectory("bundled");
        ZipFile.ExtractToDirectory(PackageLayoutTests.PackagePath(), folder);
        return Path.Combine(folder, "tools", "pipelineguard", "pipelineguard.dll");
    }
}
