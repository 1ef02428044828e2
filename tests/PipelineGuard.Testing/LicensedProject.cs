namespace PipelineGuard.Testing;

/// <summary>
/// Projects whose packages carry the licences a test chooses: a hand-written assets file and package folder (no feed,
/// no restore), so each case states exactly what the SBOM says; and single packages for a folder feed.
/// </summary>
public static class LicensedProject
{
    /// <summary>A project referencing each package directly, except <paramref name="transitive"/>, which the first package depends on.</summary>
    public static string Create(string name, IReadOnlyList<(string Id, string? License)> packages, string? transitive = null)
    {
        var directory = RepositoryPaths.NewTempDirectory(name);
        var packageFolder = Path.Combine(directory, "packages");
        foreach (var (id, license) in packages)
        {
            var folder = Path.Combine(packageFolder, id.ToLowerInvariant(), "1.0.0");
            Directory.CreateDirectory(folder);
            var licenseElement = license is null ? string.Empty : $"<license type=\"expression\">{license}</license>";
            File.WriteAllText(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{id}</id><version>1.0.0</version><authors>Someone</authors>{licenseElement}<description>A test package.</description></metadata>
                </package>
                """);
            File.WriteAllText(Path.Combine(folder, $"{id.ToLowerInvariant()}.1.0.0.nupkg.sha512"), Convert.ToBase64String(new byte[64]));
        }

        var direct = packages.Where(p => p.Id != transitive).ToList();
        var projectFile = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(projectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                {string.Join("\n    ", direct.Select(p => $"<PackageReference Include=\"{p.Id}\" Version=\"1.0.0\" />"))}
              </ItemGroup>
            </Project>
            """);
        var hash = Convert.ToBase64String(Enumerable.Repeat((byte)1, 64).ToArray());
        string Target((string Id, string? License) p) =>
            p.Id == direct[0].Id && transitive is not null
                ? $"\"{p.Id}/1.0.0\": {{ \"type\": \"package\", \"dependencies\": {{ \"{transitive}\": \"1.0.0\" }} }}"
                : $"\"{p.Id}/1.0.0\": {{ \"type\": \"package\" }}";
        var assets = Path.Combine(directory, "obj", "project.assets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(assets)!);
        File.WriteAllText(assets, $$"""
            {
              "version": 3,
              "targets": { "net10.0": { {{string.Join(", ", packages.Select(Target))}} } },
              "libraries": { {{string.Join(", ", packages.Select(p => $"\"{p.Id}/1.0.0\": {{ \"sha512\": \"{hash}\", \"type\": \"package\", \"path\": \"{p.Id.ToLowerInvariant()}/1.0.0\" }}"))}} },
              "projectFileDependencyGroups": { "net10.0": [ {{string.Join(", ", direct.Select(p => $"\"{p.Id} >= 1.0.0\""))}} ] },
              "packageFolders": { "{{packageFolder.Replace("\\", "\\\\", StringComparison.Ordinal)}}": {} },
              "project": {
                "version": "1.0.0",
                "restore": { "projectName": "{{name}}", "projectPath": "{{projectFile.Replace("\\", "\\\\", StringComparison.Ordinal)}}" },
                "frameworks": { "net10.0": { "targetAlias": "net10.0", "dependencies": { {{string.Join(", ", direct.Select(p => $"\"{p.Id}\": {{ \"target\": \"Package\", \"version\": \"[1.0.0, )\" }}"))}} } } }
              }
            }
            """);
        return directory;
    }

    /// <summary>A minimal package (its nuspec and one empty lib folder) under <paramref name="license"/>, written to the folder feed <paramref name="feed"/>.</summary>
    public static void WritePackage(string feed, string id, string license)
    {
        Directory.CreateDirectory(feed);
        using var zip = System.IO.Compression.ZipFile.Open(Path.Combine(feed, $"{id.ToLowerInvariant()}.1.0.0.nupkg"), System.IO.Compression.ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
        {
            writer.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>1.0.0</version>
                    <authors>PipelineGuard tests</authors>
                    <license type="expression">{license}</license>
                    <description>A package whose only purpose is its licence.</description>
                  </metadata>
                </package>
                """);
        }

        zip.CreateEntry("lib/netstandard2.0/_._").Open().Dispose();
    }
}
