using System.Text.RegularExpressions;

namespace PipelineGuard.Provenance.Build;

/// <summary>
/// The commit, branch and remote of a git checkout, read from its <c>.git</c> files (no git process): <c>HEAD</c>, the
/// loose ref or <c>packed-refs</c>, and the <c>origin</c> remote of <c>config</c>. Worktrees and submodules (a
/// <c>.git</c> file naming the git folder, and its <c>commondir</c>) are followed.
/// </summary>
public sealed record GitCheckout(string Commit, string? Ref, string? RemoteUrl)
{
    private static readonly Regex Sha = new("^[0-9a-f]{40}([0-9a-f]{24})?$", RegexOptions.CultureInvariant);

    /// <summary>The checkout holding <paramref name="folder"/>, or null when there is none or it cannot be read.</summary>
    public static GitCheckout? Find(string folder)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            string? gitDir = null;
            if (Directory.Exists(dotGit))
            {
                gitDir = dotGit;
            }
            else if (File.Exists(dotGit) && Read(dotGit) is { } pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                gitDir = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), dir.FullName);
            }

            if (gitDir is not null)
            {
                return Open(gitDir);
            }
        }

        return null;
    }

    private static GitCheckout? Open(string gitDir)
    {
        var common = Read(Path.Combine(gitDir, "commondir")) is { } relative ? Path.GetFullPath(relative.Trim(), gitDir) : gitDir;
        var head = Read(Path.Combine(gitDir, "HEAD"))?.Trim();
        if (head is null)
        {
            return null;
        }

        string? reference = null;
        var commit = head;
        if (head.StartsWith("ref:", StringComparison.Ordinal))
        {
            reference = head["ref:".Length..].Trim();
            commit = Resolve(gitDir, common, reference);
        }

        if (commit is null || !Sha.IsMatch(commit))
        {
            return null;
        }

        return new GitCheckout(commit, reference, OriginUrl(common));
    }

    private static string? Resolve(string gitDir, string common, string reference)
    {
        foreach (var dir in new[] { gitDir, common })
        {
            if (Read(Path.Combine(dir, reference.Replace('/', Path.DirectorySeparatorChar))) is { } loose)
            {
                return loose.Trim();
            }
        }

        foreach (var line in (Read(Path.Combine(common, "packed-refs")) ?? string.Empty).Split('\n'))
        {
            var parts = line.Trim().Split(' ', 2);
            if (parts.Length == 2 && parts[1] == reference)
            {
                return parts[0];
            }
        }

        return null;
    }

    /// <summary>The <c>origin</c> remote's URL, without any user name or password it carries.</summary>
    private static string? OriginUrl(string common)
    {
        var inOrigin = false;
        foreach (var raw in (Read(Path.Combine(common, "config")) ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line.Replace(" ", string.Empty, StringComparison.Ordinal) == "[remote\"origin\"]";
                continue;
            }

            if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && line[..eq].Trim() == "url")
            {
                var url = line[(eq + 1)..].Trim();
                return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
                    ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString().TrimEnd('/')
                    : url;
            }
        }

        return null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
