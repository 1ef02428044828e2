using System.IO.Compression;

namespace PipelineGuard.Testing.Secrets;

/// <summary>Packages (zip archives: .nupkg, .zip) built in test code, with planted files in them.</summary>
public static class PlantedPackages
{
    /// <summary>The planted connection-string password in an <c>appsettings.Development.json</c> (rule PG4040).</summary>
    public static CorpusFile ConnectionString => PlantedSecrets.Corpus().Single(f => f.Name == "web/appsettings.Development.json");

    /// <summary>The bytes of a zip archive holding <paramref name="entries"/>.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a package at <paramref name="path"/> holding <paramref name="entries"/>; returns the path.</summary>
    public static string Write(string path, params (string Name, byte[] Content)[] entries)
    {
        File.WriteAllBytes(path, Zip(entries));
        return path;
    }

    /// <summary>Writes a package at <paramref name="path"/> with <see cref="ConnectionString"/> at <c>content/appsettings.Development.json</c>.</summary>
    public static string WriteWithConnectionString(string path) => Write(path, ("content/appsettings.Development.json", ConnectionString.Content));
}
