using System.IO.Compression;
using System.Xml.Linq;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.MSBuild.Tests;

/// <summary>The packed PipelineGuard.MSBuild.nupkg, opened as NuGet would: what it carries and what it must never carry.</summary>
public sealed class PackageLayoutTests
{
    private static readonly string[] AssembliesMSBuildLoadsItself = ["Microsoft.Build", "System.Text.Json", "NuGet.", "System.Collections.Immutable"];

    [Fact]
    public void The_tasks_folder_holds_the_task_assembly_Core_and_Cores_dependencies_only()
    {
        using var package = OpenPackage();
        var tasks = package.Entries.Where(e => e.FullName.StartsWith("tasks/", StringComparison.Ordinal)).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();

        Assert.All(tasks, name => Assert.StartsWith("tasks/net8.0/", name, StringComparison.Ordinal));
        Assert.Contains("tasks/net8.0/PipelineGuard.MSBuild.dll", tasks);
        Assert.Contains("tasks/net8.0/PipelineGuard.MSBuild.deps.json", tasks);
        Assert.Contains("tasks/net8.0/PipelineGuard.Core.dll", tasks);
        Assert.Contains("tasks/net8.0/BouncyCastle.Cryptography.dll", tasks);
        Assert.Contains("tasks/net8.0/YamlDotNet.dll", tasks);
        // Notary Project verification and RFC 3161 timestamps: out-of-band packages on net8.0, loaded from the tasks folder.
        Assert.Contains("tasks/net8.0/System.Security.Cryptography.Pkcs.dll", tasks);
        Assert.Contains("tasks/net8.0/System.Security.Cryptography.Cose.dll", tasks);
        Assert.Contains("tasks/net8.0/System.Formats.Cbor.dll", tasks);
        Assert.Contains("tasks/net8.0/System.Formats.Asn1.dll", tasks);
        Assert.Contains("tasks/net8.0/Microsoft.Bcl.Cryptography.dll", tasks);
    }

    [Fact]
    public void The_tasks_carry_no_copy_of_an_assembly_that_MSBuild_loads_itself()
    {
        using var package = OpenPackage();
        // tasks/ is what MSBuild loads into its own process; tools/ is the bundled tool, which runs in a process of its own.
        var offending = package.Entries
            .Where(e => e.FullName.StartsWith("tasks/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(e => AssembliesMSBuildLoadsItself.Any(prefix => e.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(e => e.FullName)
            .ToList();

        Assert.True(offending.Count == 0, "Assemblies MSBuild loads itself must not be shipped: " + string.Join(", ", offending));
    }

    [Fact]
    public void The_nuspec_is_a_development_dependency_with_no_dependencies_and_full_metadata()
    {
        using var package = OpenPackage();
        var nuspec = ReadNuspec(package);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Empty(nuspec.Descendants(ns + "dependency"));
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("icon.png", metadata.Element(ns + "icon")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Contains("sbom", metadata.Element(ns + "tags")?.Value ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("msbuild", metadata.Element(ns + "tags")?.Value ?? string.Empty, StringComparison.Ordinal);
        var repository = metadata.Element(ns + "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value ?? string.Empty, StringComparison.Ordinal);

        var icon = package.GetEntry("icon.png");
        Assert.NotNull(icon);
        using var iconStream = icon.Open();
        var signature = new byte[8];
        iconStream.ReadExactly(signature);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        Assert.NotNull(package.GetEntry("README.md"));
    }

    [Fact]
    public void The_build_and_buildMultiTargeting_folders_hold_the_props_and_targets()
    {
        using var package = OpenPackage();
        var names = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("build/PipelineGuard.MSBuild.props", names);
        Assert.Contains("build/PipelineGuard.MSBuild.targets", names);
        Assert.Contains("buildMultiTargeting/PipelineGuard.MSBuild.props", names);
        Assert.Contains("buildMultiTargeting/PipelineGuard.MSBuild.targets", names);
        Assert.DoesNotContain(names, n => n.StartsWith("buildTransitive/", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bundled_pipelineguard_tool_runs_with_dotnet_from_the_extracted_package()
    {
        var folder = RepositoryPaths.NewTempDirectory("bundled-tool");
        ZipFile.ExtractToDirectory(PackagePath(), folder);
        var tool = Path.Combine(folder, "tools", "pipelineguard", "pipelineguard.dll");
        Assert.True(File.Exists(tool), $"{tool} is missing");
        var runtimeConfig = Path.Combine(folder, "tools", "pipelineguard", "pipelineguard.runtimeconfig.json");
        Assert.True(File.Exists(runtimeConfig));
        // It starts on the .NET 10 runtime or any later major one (Visual Studio's MSBuild runs it with whatever dotnet has).
        using (var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(runtimeConfig)))
        {
            var options = config.RootElement.GetProperty("runtimeOptions");
            Assert.Equal("Major", options.GetProperty("rollForward").GetString());
            Assert.Equal("10.0.0", options.GetProperty("framework").GetProperty("version").GetString());
        }

        var result = await ProcessRunner.RunAsync("dotnet", [tool, "version"], folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"PipelineGuard {RepositoryPaths.PackageVersion}", result.StandardOutput.Trim().Split('+')[0]);
    }

    [Fact]
    public async Task The_package_carries_its_own_SBOM_listing_what_the_tasks_load()
    {
        var json = EndToEnd.ReadEntry(PackagePath(), "sbom/PipelineGuard.MSBuild.cdx.json");
        Assert.NotNull(json);
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("own-sbom"), "PipelineGuard.MSBuild.cdx.json");
        await File.WriteAllTextAsync(file, json);
        await EndToEnd.AssertValidCycloneDxAsync(file);

        Assert.Equal("PipelineGuard.MSBuild", EndToEnd.RootComponentName(json));
        var purls = EndToEnd.Purls(json);
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/BouncyCastle.Cryptography@", StringComparison.Ordinal));
        Assert.Contains(purls, p => p.StartsWith("pkg:nuget/YamlDotNet@", StringComparison.Ordinal));
        // Core is a project reference, built from source: listed with its own bom-ref and no pkg:nuget purl.
        Assert.DoesNotContain(purls, p => p.StartsWith("pkg:nuget/PipelineGuard.Core@", StringComparison.Ordinal));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Contains(document.RootElement.GetProperty("components").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "PipelineGuard.Core" && c.GetProperty("bom-ref").GetString()!.StartsWith("project:PipelineGuard.Core@", StringComparison.Ordinal));
        // Compile-time references the package does not ship are left out.
        Assert.DoesNotContain(purls, p => p.StartsWith("pkg:nuget/Microsoft.Build", StringComparison.Ordinal));
    }

    internal static string PackagePath()
    {
        var path = Path.Combine(RepositoryPaths.Packages, $"PipelineGuard.MSBuild.{RepositoryPaths.PackageVersion}.nupkg");
        Assert.True(File.Exists(path), $"{path} is missing: run './build.sh --target=Pack'.");
        return path;
    }

    internal static ZipArchive OpenPackage() => ZipFile.OpenRead(PackagePath());

    private static XDocument ReadNuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
