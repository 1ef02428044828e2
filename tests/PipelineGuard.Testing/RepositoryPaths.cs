namespace PipelineGuard.Testing;

/// <summary>Where things are, found from the test assembly's folder upwards, so tests run from any working directory.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding PipelineGuard.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where the build puts the freshly packed packages.</summary>
    public static string Packages => Path.Combine(Root, "artifacts", "packages");

    /// <summary>The node interop scripts and their pinned npm packages.</summary>
    public static string Interop => Path.Combine(Root, "tests", "interop");

    /// <summary>Scratch space for tests under artifacts/, removed by the Clean target.</summary>
    public static string Scratch
    {
        get
        {
            var path = Path.Combine(Root, "artifacts", "tmp");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The shared test vectors beside the checkout, or null in a clone that lacks them.</summary>
    public static string? Vectors
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The packed PipelineGuard version (from artifacts/packages), which end-to-end tests install.</summary>
    public static string PackageVersion
    {
        get
        {
            var core = Directory.Exists(Packages)
                ? Directory.GetFiles(Packages, "PipelineGuard.Core.*.nupkg").Where(f => !f.EndsWith(".snupkg", StringComparison.Ordinal)).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            if (core is null)
            {
                throw new InvalidOperationException($"No packed PipelineGuard.Core in {Packages}: run './build.sh --target=Pack' (the Test target packs first).");
            }

            return Path.GetFileNameWithoutExtension(core)["PipelineGuard.Core.".Length..];
        }
    }

    /// <summary>A new empty folder under the scratch space.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Scratch, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PipelineGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PipelineGuard.sln not found above {AppContext.BaseDirectory}.");
    }
}
