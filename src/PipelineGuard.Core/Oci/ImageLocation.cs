using System.Diagnostics.CodeAnalysis;

namespace PipelineGuard.Oci;

/// <summary>Where an image comes from.</summary>
public enum ImageLocationKind
{
    /// <summary>A registry reference.</summary>
    Registry,

    /// <summary>An OCI image layout directory, <c>oci:DIR[:TAG]</c>.</summary>
    OciLayout,

    /// <summary>A docker-archive tar, <c>docker-archive:FILE[:NAME:TAG|:@N]</c>.</summary>
    DockerArchive,
}

/// <summary>
/// An image named on a command line or in a policy: a registry reference, <c>oci:DIR[:TAG]</c> or
/// <c>docker-archive:FILE[:REF]</c> (the path ends at the first <c>:</c>, as skopeo reads these).
/// </summary>
public sealed record ImageLocation(ImageLocationKind Kind, string Path, string Reference, ImageReference? RegistryReference)
{
    /// <summary>The repository within the store: the registry repository, or empty for layouts and archives.</summary>
    public string Repository => RegistryReference?.Repository ?? string.Empty;

    /// <summary>Parses <paramref name="text"/>; false with a message when it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ImageLocation? location, [NotNullWhen(false)] out string? error)
    {
        location = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "image is empty";
            return false;
        }

        foreach (var (prefix, kind) in new[] { ("oci:", ImageLocationKind.OciLayout), ("docker-archive:", ImageLocationKind.DockerArchive) })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = text[prefix.Length..];
                // A Windows drive letter (oci:C:\images\app) is part of the path, as ORAS reads it.
                var colon = rest.IndexOf(':', HasDriveLetter(rest) ? 2 : 0);
                var path = colon < 0 ? rest : rest[..colon];
                var reference = colon < 0 ? string.Empty : rest[(colon + 1)..];
                if (path.Length == 0)
                {
                    error = $"'{text}' names no {(kind == ImageLocationKind.OciLayout ? "directory" : "file")}";
                    return false;
                }

                location = new ImageLocation(kind, path, reference, null);
                error = null;
                return true;
            }
        }

        if (!ImageReference.TryParse(text, out var parsed, out error))
        {
            return false;
        }

        location = new ImageLocation(ImageLocationKind.Registry, string.Empty, parsed.Identifier, parsed);
        return true;
    }

    /// <summary>
    /// <paramref name="text"/> with the path of an <c>oci:</c> or <c>docker-archive:</c> location passed through
    /// <paramref name="resolve"/> (to make it absolute against a script's or policy's folder); a registry reference, or
    /// text that does not parse, is returned as it is (the caller's parse reports the error).
    /// </summary>
    public static string ResolveLocalPath(string text, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        if (!TryParse(text, out var location, out _) || location.Kind == ImageLocationKind.Registry)
        {
            return text;
        }

        return (location with { Path = resolve(location.Path) }).ToString();
    }

    /// <summary>Opens the store holding the image (a <see cref="RegistryClient"/>, <see cref="OciLayoutStore"/> or <see cref="DockerArchiveStore"/>).</summary>
    public async Task<IImageStore> OpenStoreAsync(RegistryClientOptions? registryOptions = null, TarLimits? limits = null, CancellationToken cancellationToken = default)
        => Kind switch
        {
            ImageLocationKind.OciLayout => OciLayoutStore.Open(Path),
            ImageLocationKind.DockerArchive => await DockerArchiveStore.OpenAsync(Path, limits, cancellationToken),
            _ => new RegistryClient(RegistryReference!.Registry, registryOptions),
        };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ImageLocationKind.OciLayout => Reference.Length == 0 ? $"oci:{Path}" : $"oci:{Path}:{Reference}",
        ImageLocationKind.DockerArchive => Reference.Length == 0 ? $"docker-archive:{Path}" : $"docker-archive:{Path}:{Reference}",
        _ => RegistryReference!.ToString(),
    };

    private static bool HasDriveLetter(string path) =>
        path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/';
}
