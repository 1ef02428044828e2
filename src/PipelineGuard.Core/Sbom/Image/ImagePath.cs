namespace PipelineGuard.Sbom.Image;

/// <summary>Paths inside an image: tar member names made relative to the image root, never leaving it.</summary>
internal static class ImagePath
{
    /// <summary>
    /// The member name as a root-relative path (<c>./etc/x</c> and <c>/etc/x</c> become <c>etc/x</c>), or null when it
    /// has a <c>..</c> component or is empty: such entries are refused, never followed.
    /// </summary>
    public static string? Normalize(string name)
    {
        if (IsClean(name))
        {
            return name.EndsWith('/') ? name[..^1] : name;
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                return null;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>Resolves a symbolic link target against the link's directory inside the image root; <c>..</c> stops at the root, as in a chroot.</summary>
    public static string ResolveLink(string linkPath, string target)
    {
        var parts = new List<string>();
        if (!target.StartsWith('/'))
        {
            var slash = linkPath.LastIndexOf('/');
            if (slash > 0)
            {
                parts.AddRange(linkPath[..slash].Split('/'));
            }
        }

        foreach (var part in target.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static bool IsClean(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.StartsWith("./", StringComparison.Ordinal) || name == "." || name == "/")
        {
            return false;
        }

        var trimmed = name.AsSpan().TrimEnd('/');
        return trimmed.Length > 0
            && !trimmed.Contains("//", StringComparison.Ordinal)
            && !trimmed.Contains("/./", StringComparison.Ordinal)
            && !trimmed.EndsWith("/.", StringComparison.Ordinal)
            && !trimmed.Contains("..", StringComparison.Ordinal);
    }
}
