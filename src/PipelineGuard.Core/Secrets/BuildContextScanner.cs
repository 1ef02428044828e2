using System.Globalization;
using System.Text.RegularExpressions;
using PipelineGuard.Dockerfiles;
using PipelineGuard.IO;

namespace PipelineGuard.Secrets;

/// <summary>
/// The build context a <c>docker build</c> (BuildKit) of one Dockerfile sends: the context folder filtered by the
/// Dockerfile's own <c>&lt;Dockerfile&gt;.dockerignore</c> next to it when there is one, else the context's
/// <c>.dockerignore</c>. Each file found with a secret names the COPY or ADD (of any stage, without <c>--from</c>)
/// that takes it into an image, or says that none does (it still reaches the builder).
/// </summary>
public static class BuildContextScanner
{
    /// <summary>Scans the context <paramref name="contextDirectory"/> for the Dockerfile <paramref name="dockerfile"/>; a read or pattern error is <see cref="SecretScanException"/>.</summary>
    public static SecretScanResult Scan(string contextDirectory, string dockerfile, SecretScanLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contextDirectory);
        ArgumentNullException.ThrowIfNull(dockerfile);
        limits ??= new SecretScanLimits();
        if (!Directory.Exists(contextDirectory))
        {
            throw new SecretScanException($"{contextDirectory}: no such folder (the build context).");
        }

        string text;
        try
        {
            text = InputFile.ReadAllText(dockerfile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretScanException($"{dockerfile}: cannot be read ({e.Message})");
        }

        var syntax = DockerfileParser.Parse(text, dockerfile);
        var ignore = ReadIgnore(contextDirectory, dockerfile);
        var copies = Copies(syntax, Path.GetFileName(dockerfile));
        var notes = new List<SecretScanNote>();
        var files = SecretFolderScanner.Walk(contextDirectory, notes, limits, skipGit: false, cancellationToken)
            .Where(f => !ignore.Excludes(f.RelativePath)).ToList();
        notes.RemoveAll(n => ignore.Excludes(n.Path));
        var target = $"build context {contextDirectory} of {dockerfile}" + (ignore.Source is { } source ? $" (filtered by {source})" : string.Empty);
        var result = SecretFolderScanner.ScanFiles(target, files, notes, limits, f => Evidence(f.RelativePath, copies), cancellationToken);
        return result with { BaseFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(contextDirectory)) };
    }

    /// <summary>The ignore file BuildKit uses for <paramref name="dockerfile"/>: <c>&lt;Dockerfile&gt;.dockerignore</c> beside it, else <c>.dockerignore</c> in the context, else none.</summary>
    public static DockerIgnore ReadIgnore(string contextDirectory, string dockerfile)
    {
        ArgumentNullException.ThrowIfNull(contextDirectory);
        ArgumentNullException.ThrowIfNull(dockerfile);
        foreach (var candidate in new[] { dockerfile + ".dockerignore", Path.Combine(contextDirectory, ".dockerignore") })
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            string text;
            try
            {
                text = InputFile.ReadAllText(candidate, InputFile.MaxKeyBytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SecretScanException($"{candidate}: cannot be read ({e.Message})");
            }

            var (ignore, error) = DockerIgnore.Parse(text, candidate);
            return ignore ?? throw new SecretScanException(error!);
        }

        return DockerIgnore.Empty;
    }

    /// <summary>A COPY or ADD from the context: its sources (cleaned, relative), its <c>--exclude</c> patterns, and how evidence names it.</summary>
    internal sealed record ContextCopy(IReadOnlyList<string> Sources, DockerIgnore Excludes, string Description);

    /// <summary>Every COPY and ADD of every stage (and ONBUILD triggers) that reads the context, in file order.</summary>
    internal static List<ContextCopy> Copies(DockerfileSyntax syntax, string dockerfileName)
    {
        var copies = new List<ContextCopy>();
        var stage = -1;
        string? alias = null;
        foreach (var instruction in syntax.Instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stage++;
                var args = instruction.Arguments;
                alias = args.Count >= 3 && string.Equals(args[^2].Value, "AS", StringComparison.OrdinalIgnoreCase) ? args[^1].Value : null;
                continue;
            }

            if (instruction.Keyword is not ("COPY" or "ADD") || instruction.GetFlag("from") is not null || instruction.Arguments.Count < 2)
            {
                continue;
            }

            var sources = instruction.Arguments.Take(instruction.Arguments.Count - 1).Select(a => a.Value)
                .Where(v => !v.StartsWith("<<", StringComparison.Ordinal) && !v.Contains("://", StringComparison.Ordinal) && !v.StartsWith("git@", StringComparison.Ordinal))
                .Select(v => DockerIgnore.Clean(v.TrimStart('/')))
                .ToList();
            if (sources.Count == 0)
            {
                continue;
            }

            var excludeText = string.Join('\n', instruction.Flags.Where(f => string.Equals(f.Name, "exclude", StringComparison.OrdinalIgnoreCase) && f.Value is not null).Select(f => f.Value));
            var excludes = DockerIgnore.Parse(excludeText, $"{dockerfileName}:{instruction.Line} --exclude").Ignore ?? DockerIgnore.Empty;
            var where = string.Create(CultureInfo.InvariantCulture, $"{dockerfileName}:{instruction.Line}, stage {stage}{(alias is null ? string.Empty : $" '{alias}'")}");
            copies.Add(new ContextCopy(sources, excludes, $"{instruction.Keyword} {SecretRedaction.RedactText(Flatten(instruction.ArgumentText))} ({where})"));
        }

        return copies;
    }

    /// <summary>What ships <paramref name="path"/>: the first COPY/ADD whose source takes it (and how many more do), or the context alone.</summary>
    internal static string Evidence(string path, List<ContextCopy> copies)
    {
        var taking = copies.Where(c => Takes(c, path)).ToList();
        return taking.Count switch
        {
            0 => "in the build context (sent to the builder); no COPY or ADD takes it",
            1 => $"shipped by {taking[0].Description}",
            _ => $"shipped by {taking[0].Description} and {taking.Count - 1} more COPY/ADD",
        };
    }

    /// <summary>Whether a COPY/ADD source takes <paramref name="path"/>: the whole context (<c>.</c>), the path itself, a folder above it, or a wildcard matching one of those.</summary>
    private static bool Takes(ContextCopy copy, string path)
    {
        var parts = path.Split('/');
        foreach (var source in copy.Sources)
        {
            string? relative = null;
            if (source == ".")
            {
                relative = path;
            }
            else
            {
                var sourceParts = source.Split('/');
                if (sourceParts.Length <= parts.Length && sourceParts.Select((s, i) => GlobComponent(s, parts[i])).All(m => m))
                {
                    relative = sourceParts.Length == parts.Length ? parts[^1] : string.Join('/', parts, sourceParts.Length, parts.Length - sourceParts.Length);
                }
            }

            if (relative is not null && !copy.Excludes.Excludes(relative) && !copy.Excludes.Excludes(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One path component against one component of a COPY source, as Go's <c>filepath.Match</c> does (<c>*</c>, <c>?</c>, <c>[...]</c>, <c>\</c>).</summary>
    private static bool GlobComponent(string pattern, string name)
    {
        if (pattern.AsSpan().IndexOfAny("*?[\\") < 0)
        {
            return pattern == name;
        }

        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal).Replace(@"\[", "[", StringComparison.Ordinal).Replace(@"\]", "]", StringComparison.Ordinal) + "$";
        try
        {
            return Regex.IsMatch(name, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Flatten(string text)
    {
        var flat = string.Join(' ', text.Split(['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 200 ? flat[..200] + "..." : flat;
    }
}

/// <summary>A scan that cannot start or cannot be completed: a context, Dockerfile, ignore file or image that cannot be read; the message names it.</summary>
public sealed class SecretScanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretScanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SecretScanException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretScanException()
    {
    }
}
