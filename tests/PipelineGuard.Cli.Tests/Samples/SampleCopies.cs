using PipelineGuard.Testing;

namespace PipelineGuard.Cli.Tests.Samples;

/// <summary>Copies what git tracks under a repository folder, which is what a fresh clone has.</summary>
internal static class SampleCopies
{
    public static string CopyTracked(string relativeFolder, string destination)
    {
        var listing = ProcessRunner.RunAsync("git", ["ls-files", "-z", "--", relativeFolder], RepositoryPaths.Root).GetAwaiter().GetResult();
        if (listing.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files failed: {listing}");
        }

        var files = listing.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim('\n', '\r')).Where(f => f.Length > 0).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"git tracks no files under {relativeFolder}; commit the samples first.");
        }

        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(relativeFolder, file);
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepositoryPaths.Root, file), target, overwrite: true);
        }

        return destination;
    }
}
