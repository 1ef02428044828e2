namespace PipelineGuard.MSBuild;

/// <summary>Writes files only when their content changes, so that later targets and tools see unchanged timestamps.</summary>
public static class FileContent
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless the file already holds exactly those bytes; returns whether it wrote.</summary>
    public static bool WriteIfChanged(string path, ReadOnlySpan<byte> content)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length == content.Length && content.SequenceEqual(File.ReadAllBytes(path)))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Write beside and move, so that a reader never sees half a file.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, content.ToArray());
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
