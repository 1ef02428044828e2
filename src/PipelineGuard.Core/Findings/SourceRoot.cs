namespace PipelineGuard.Findings;

/// <summary>
/// The folder that report locations are relative to, so that code scanning, annotations and merge-request widgets find
/// the file: the git top level above the checked folder, else the CI system's checkout folder
/// (<c>GITHUB_WORKSPACE</c>, <c>CI_PROJECT_DIR</c>, <c>BUILD_SOURCESDIRECTORY</c>) when the folder is inside it, else the
/// current directory.
/// </summary>
public sealed record SourceRoot
{
    /// <summary>The CI variables naming the checkout folder, in the order they are consulted.</summary>
    public static IReadOnlyList<string> CheckoutVariables { get; } = ["GITHUB_WORKSPACE", "CI_PROJECT_DIR", "BUILD_SOURCESDIRECTORY"];

    private SourceRoot(string fullPath) => FullPath = fullPath;

    /// <summary>The root's full path, without a trailing separator (except for a file-system root).</summary>
    public string FullPath { get; }

    /// <summary>The root as a <c>file:</c> URI ending in <c>/</c>, as SARIF's <c>originalUriBaseIds</c> wants it.</summary>
    public Uri Uri => new(Path.EndsInDirectorySeparator(FullPath) ? FullPath : FullPath + Path.DirectorySeparatorChar);

    /// <summary>A root at <paramref name="path"/> as it is (made absolute).</summary>
    public static SourceRoot At(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new SourceRoot(Trim(Path.GetFullPath(path)));
    }

    /// <summary>
    /// The root for findings about files under <paramref name="checkedFolder"/>: the nearest folder at or above it holding
    /// <c>.git</c> (a folder, or the file a worktree or submodule has), else the first CI checkout variable whose folder
    /// contains it, else <paramref name="currentDirectory"/>.
    /// </summary>
    public static SourceRoot Find(string checkedFolder, Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(checkedFolder);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(currentDirectory);
        var start = Trim(Path.GetFullPath(checkedFolder, currentDirectory));
        for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var git = Path.Combine(folder, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return new SourceRoot(folder);
            }
        }

        foreach (var variable in CheckoutVariables)
        {
            if (environment(variable) is { Length: > 0 } value && Path.IsPathFullyQualified(value))
            {
                var candidate = At(value);
                if (candidate.Contains(start))
                {
                    return candidate;
                }
            }
        }

        return At(currentDirectory);
    }

    /// <summary>
    /// <paramref name="path"/> (relative to <paramref name="baseFolder"/>, or absolute) as a path relative to this root with
    /// <c>/</c> separators, or the full path with <c>/</c> separators when it is outside the root.
    /// </summary>
    public string Relative(string path, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(baseFolder);
        var full = Path.GetFullPath(path, Path.GetFullPath(baseFolder));
        return Contains(full) ? Path.GetRelativePath(FullPath, full).Replace('\\', '/') : full.Replace('\\', '/');
    }

    /// <summary>Whether <paramref name="fullPath"/> is this root or inside it.</summary>
    public bool Contains(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (string.Equals(fullPath, FullPath, comparison))
        {
            return true;
        }

        var prefix = Path.EndsInDirectorySeparator(FullPath) ? FullPath : FullPath + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(prefix, comparison) || (Path.AltDirectorySeparatorChar != Path.DirectorySeparatorChar
            && fullPath.StartsWith(FullPath + Path.AltDirectorySeparatorChar, comparison));
    }

    private static string Trim(string fullPath) =>
        fullPath.Length > Path.GetPathRoot(fullPath)!.Length ? Path.TrimEndingDirectorySeparator(fullPath) : fullPath;
}
