namespace PipelineGuard.Testing.Secrets;

/// <summary>The planted-secrets corpus written to a temporary folder (deleted on dispose).</summary>
public sealed class SecretCorpusFolder : IDisposable
{
    /// <summary>Writes the corpus (or <paramref name="files"/>) under a new temporary folder.</summary>
    public SecretCorpusFolder(IEnumerable<CorpusFile>? files = null)
    {
        Path = Directory.CreateTempSubdirectory("pg-secrets-").FullName;
        Files = [.. files ?? PlantedSecrets.Corpus()];
        foreach (var file in Files)
        {
            var full = System.IO.Path.Combine(Path, file.Name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, file.Content);
        }
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The files written.</summary>
    public IReadOnlyList<CorpusFile> Files { get; }

    /// <summary>Every planted secret's text (for the tests that grep reports for them).</summary>
    public IEnumerable<string> Secrets => Files.Select(f => f.Secret).OfType<string>();

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not a test failure.
        }
    }
}
