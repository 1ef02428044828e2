namespace PipelineGuard.Sbom.Image;

/// <summary>The fields of <c>etc/os-release</c> that identify a distribution.</summary>
public sealed record OsRelease(string Id, string? VersionId, string? VersionCodename, string? Name, string? PrettyName, string? IdLike, string? HomeUrl)
{
    /// <summary>The purl <c>distro</c> qualifier: <c>debian-12</c>, <c>alpine-3.20.1</c>, or the codename when there is no version.</summary>
    public string Distro => VersionId is { Length: > 0 } version ? $"{Id}-{version}" : VersionCodename is { Length: > 0 } codename ? $"{Id}-{codename}" : Id;

    /// <summary>Parses os-release text (<c>KEY=value</c> lines, values optionally quoted); null when it has no <c>ID</c>.</summary>
    public static OsRelease? Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            values[line[..eq]] = value;
        }

        var id = values.GetValueOrDefault("ID");
        return string.IsNullOrEmpty(id)
            ? null
            : new OsRelease(id.ToLowerInvariant(), values.GetValueOrDefault("VERSION_ID"), values.GetValueOrDefault("VERSION_CODENAME"), values.GetValueOrDefault("NAME"), values.GetValueOrDefault("PRETTY_NAME"), values.GetValueOrDefault("ID_LIKE"), values.GetValueOrDefault("HOME_URL"));
    }
}
