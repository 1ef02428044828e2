using System.Text;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom;

/// <summary>Bad input gives a clear error or a documented fallback: never an exception, never an invalid SBOM.</summary>
public sealed class BadInputTests
{
    private const string NuspecTemplate = """
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
            <id>{0}</id>
            <version>1.0.0</version>
            <authors>Someone</authors>
            <license type="expression">{1}</license>
            <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>
            <description>A test package.</description>
          </metadata>
        </package>
        """;

    /// <summary>A hand-written assets file with two packages (Good.Package depends on Bad.License) and a package folder.</summary>
    private static (string Directory, string Assets, string Packages) Restored(string badLicense = "MIT OR OR Apache-2.0")
    {
        var directory = RepositoryPaths.NewTempDirectory("sbom-bad");
        var packages = Path.Combine(directory, "packages");
        foreach (var (id, license) in new[] { ("Good.Package", "MIT"), ("Bad.License", badLicense) })
        {
            var folder = Path.Combine(packages, id.ToLowerInvariant(), "1.0.0");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"), NuspecTemplate.Replace("{0}", id, StringComparison.Ordinal).Replace("{1}", license, StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder, $"{id.ToLowerInvariant()}.1.0.0.nupkg.sha512"), Convert.ToBase64String(new byte[64]));
        }

        var assets = Path.Combine(directory, "obj", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(assets)!);
        var hash = Convert.ToBase64String(Enumerable.Repeat((byte)1, 64).ToArray());
        File.WriteAllText(assets, $$"""
            {
              "version": 3,
              "targets": {
                "net10.0": {
                  "Good.Package/1.0.0": { "type": "package", "dependencies": { "Bad.License": "1.0.0" }, "compile": { "lib/net10.0/Good.dll": {} } },
                  "Bad.License/1.0.0": { "type": "package" }
                }
              },
              "libraries": {
                "Good.Package/1.0.0": { "sha512": "{{hash}}", "type": "package", "path": "good.package/1.0.0", "files": [ "good.package.nuspec" ] },
                "Bad.License/1.0.0": { "sha512": "{{hash}}", "type": "package", "path": "bad.license/1.0.0" }
              },
              "projectFileDependencyGroups": { "net10.0": [ "Good.Package >= 1.0.0" ] },
              "packageFolders": { "{{packages.Replace("\\", "\\\\", StringComparison.Ordinal)}}": {} },
              "project": {
                "version": "1.0.0",
                "restore": { "projectName": "Bad.Input", "projectPath": "/nowhere/Bad.Input.csproj" },
                "frameworks": { "net10.0": { "targetAlias": "net10.0", "dependencies": { "Good.Package": { "target": "Package", "version": "[1.0.0, )" } } } }
              }
            }
            """);
        return (directory, assets, packages);
    }

    [Fact]
    public void A_missing_assets_file_says_to_restore_first()
    {
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = Path.Combine(RepositoryPaths.NewTempDirectory("sbom-none"), "obj", "project.assets.json") });
        var error = Assert.Single(result.Diagnostics);
        Assert.Null(result.Document);
        Assert.Equal("PGSBOM001", error.Code);
        Assert.Contains("dotnet restore", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_assets_file_is_an_error_with_its_position()
    {
        var (_, assets, _) = Restored();
        var text = File.ReadAllText(assets);
        File.WriteAllText(assets, text[..(text.Length / 2)]);
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = assets });
        Assert.Null(result.Document);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(SbomDiagnosticSeverity.Error, error.Severity);
        Assert.Equal(assets, error.File);
        Assert.NotNull(error.Line);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0001\u0002garbage")]
    [InlineData("{\"version\": 3, \"targets\": []}")]
    [InlineData("{\"version\": 3, \"targets\": {\"net10.0\": {\"NoSlash\": {}}}, \"libraries\": {}, \"project\": {}}")]
    [InlineData("{\"version\": 3, \"targets\": {}, \"libraries\": {}, \"project\": {}}  trailing")]
    [InlineData("{\"version\": 99, \"targets\": {}, \"libraries\": {}, \"project\": {}}")]
    [InlineData("{}")]
    [InlineData("")]
    public void Corrupt_assets_files_are_errors_never_exceptions(string content)
    {
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("sbom-corrupt"), "project.assets.json");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = path });
        Assert.Null(result.Document);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(SbomDiagnosticSeverity.Error, error.Severity);
        Assert.StartsWith($"{path}(", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_licence_expression_is_kept_as_a_name_with_a_warning_and_the_SBOM_stays_valid()
    {
        var (_, assets, _) = Restored();
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = assets, SourceDateEpoch = 0 });
        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("PGSBOM012", warning.Code);
        Assert.Contains("Bad.License", warning.Message, StringComparison.Ordinal);
        var bad = Assert.Single(result.Document!.Components, c => c.Name == "Bad.License");
        Assert.Equal(SbomLicense.Named("MIT OR OR Apache-2.0"), Assert.Single(bad.Licenses));
        Assert.Equal(SbomLicense.SpdxId("MIT"), Assert.Single(Assert.Single(result.Document.Components, c => c.Name == "Good.Package").Licenses));
        await SbomAssertions.AllFormatsValidateAsync(result.Document, "sbom-badlicense");
    }

    [Fact]
    public async Task A_missing_package_folder_falls_back_to_the_assets_hashes_with_one_warning()
    {
        var (_, assets, packages) = Restored();
        Directory.Delete(packages, recursive: true);
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = assets, SourceDateEpoch = 0 });
        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("PGSBOM010", warning.Code);
        Assert.Contains("2 package(s)", warning.Message, StringComparison.Ordinal);
        Assert.All(result.Document!.Components, c =>
        {
            Assert.Equal(string.Concat(Enumerable.Repeat("01", 64)), Assert.Single(c.Hashes).Value);
            Assert.Empty(c.Licenses);
        });
        await SbomAssertions.AllFormatsValidateAsync(result.Document, "sbom-nofolder");
    }

    [Fact]
    public void A_corrupt_nuspec_is_a_warning_and_the_package_is_still_listed()
    {
        var (_, assets, packages) = Restored();
        File.WriteAllText(Path.Combine(packages, "bad.license", "1.0.0", "bad.license.nuspec"), "<package><metadata><id>Bad");
        var result = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = assets });
        Assert.True(result.Succeeded);
        Assert.Equal("PGSBOM011", Assert.Single(result.Diagnostics).Code);
        Assert.Contains(result.Document!.Components, c => c.Name == "Bad.License" && c.Hashes.Count == 1);
    }

    [Fact]
    public void A_dependency_never_points_outside_the_document()
    {
        var (_, assets, _) = Restored("MIT");
        var document = ProjectSbomGenerator.Generate(new ProjectSbomOptions { AssetsFile = assets }).Document!;
        var refs = document.Components.Select(c => c.BomRef).Append(document.Metadata.Component!.BomRef).ToHashSet();
        Assert.Equal(refs.Order(), document.Dependencies.Select(d => d.Ref).Order());
        Assert.All(document.Dependencies.SelectMany(d => d.DependsOn), r => Assert.Contains(r, refs));
        Assert.Equal(["pkg:nuget/Bad.License@1.0.0"], document.Dependencies.Single(d => d.Ref == "pkg:nuget/Good.Package@1.0.0").DependsOn);
    }
}
