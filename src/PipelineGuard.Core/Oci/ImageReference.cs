using System.Diagnostics.CodeAnalysis;

namespace PipelineGuard.Oci;

/// <summary>
/// An image reference <c>[registry[:port]/]repository[:tag][@digest]</c>, normalised exactly as Docker does:
/// no registry means <c>docker.io</c> (API endpoint <c>registry-1.docker.io</c>), single-component Docker Hub names get
/// the <c>library/</c> prefix, <c>index.docker.io</c> means <c>docker.io</c>, and the first path component is a
/// registry only when it contains <c>.</c> or <c>:</c>, is <c>localhost</c>, or has upper-case letters.
/// </summary>
public sealed record ImageReference
{
    /// <summary>The Docker Hub registry name.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The Docker Hub API endpoint.</summary>
    public const string DockerHubEndpoint = "registry-1.docker.io";

    /// <summary>The tag used when a reference names neither tag nor digest.</summary>
    public const string DefaultTag = "latest";

    private const int MaxNameLength = 255;

    private ImageReference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host (with port when given), <c>docker.io</c> for Docker Hub.</summary>
    public string Registry { get; init; }

    /// <summary>The repository path within the registry, for example <c>library/alpine</c>.</summary>
    public string Repository { get; init; }

    /// <summary>The tag, or null when none was written.</summary>
    public string? Tag { get; init; }

    /// <summary>The digest, or null when none was written.</summary>
    public Digest? Digest { get; init; }

    /// <summary>The host to send API calls to: <c>registry-1.docker.io</c> for Docker Hub, else <see cref="Registry"/>.</summary>
    public string RegistryEndpoint => Registry == DockerHub ? DockerHubEndpoint : Registry;

    /// <summary><c>registry/repository</c>, the fully qualified name without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>What to ask the registry for: the digest when given, else the tag, else <c>latest</c>.</summary>
    public string Identifier => Digest?.ToString() ?? Tag ?? DefaultTag;

    /// <summary>The short form Docker prints (<c>alpine:3.20</c> rather than <c>docker.io/library/alpine:3.20</c>).</summary>
    public string FamiliarName
    {
        get
        {
            var name = Registry == DockerHub
                ? (Repository.StartsWith("library/", StringComparison.Ordinal) && Repository.IndexOf('/', 8) < 0 ? Repository[8..] : Repository)
                : Name;
            return name + Suffix();
        }
    }

    /// <summary>This reference pinned to <paramref name="digest"/> (the tag is kept).</summary>
    public ImageReference WithDigest(Digest digest) => this with { Digest = digest };

    /// <summary>This repository with <paramref name="tag"/> and no digest.</summary>
    public ImageReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    /// <summary>The fully qualified form, <c>registry/repository[:tag][@digest]</c>.</summary>
    public override string ToString() => Name + Suffix();

    private string Suffix() => (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="OciException"/> (<see cref="OciErrorKind.InvalidInput"/>) when invalid.</summary>
    public static ImageReference Parse(string text)
        => TryParse(text, out var reference, out var error) ? reference : throw new OciException(OciErrorKind.InvalidInput, error);

    /// <summary>Parses <paramref name="text"/>; returns false with a message saying what is wrong.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "image reference is empty";
            return false;
        }

        if (text.Length == 64 && text.All(IsHex))
        {
            error = $"invalid image reference '{text}': a 64-digit hexadecimal string is an image ID, not a repository name";
            return false;
        }

        var parts = Split(text);
        Digest? digest = null;
        if (parts.Digest is not null && !Digest.TryParse(parts.Digest, out digest, out var digestError))
        {
            error = $"invalid image reference '{text}': {digestError}";
            return false;
        }

        var tag = parts.Tag;
        if (tag is not null && !IsValidTag(tag))
        {
            error = $"invalid image reference '{text}': tag '{tag}' must be 1-128 characters of letters, digits, '_', '.' and '-', not starting with '.' or '-'";
            return false;
        }

        var registry = parts.Registry ?? DockerHub;
        var repository = parts.Repository;
        if (parts.Registry is not null && !IsValidDomain(registry))
        {
            error = $"invalid image reference '{text}': registry '{registry}' is not a valid host[:port]";
            return false;
        }

        if (registry == "index.docker.io")
        {
            registry = DockerHub;
        }

        if (repository.Length == 0)
        {
            error = $"invalid image reference '{text}': the repository name is empty";
            return false;
        }

        if (repository.Any(char.IsUpper))
        {
            error = $"invalid image reference '{text}': repository name must be lowercase";
            return false;
        }

        if (!repository.Split('/').All(IsValidPathComponent))
        {
            error = $"invalid image reference '{text}': repository '{repository}' must be path components of lower-case letters and digits separated by '.', '_', '__' or '-'";
            return false;
        }

        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        if (registry.Length + 1 + repository.Length > MaxNameLength)
        {
            error = $"invalid image reference '{text}': the name is longer than {MaxNameLength} characters";
            return false;
        }

        reference = new ImageReference(registry, repository, tag, digest);
        error = null;
        return true;
    }

    /// <summary>
    /// Splits <paramref name="text"/> into the parts as written, by Docker's rules and without validating them: the
    /// digest after <c>@</c>, the tag after the last <c>:</c> of the last path component, and a registry only when the
    /// first component contains <c>.</c> or <c>:</c>, is <c>localhost</c>, or has upper-case letters. This is the one
    /// place that decides where an image comes from: <see cref="TryParse"/> validates these parts, and the Dockerfile
    /// lint, which must also read names with unexpanded variables, judges them as written.
    /// </summary>
    public static ImageReferenceParts Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || (rest[..slash].IndexOfAny(['.', ':']) < 0 && rest[..slash] != "localhost" && !rest[..slash].Any(char.IsUpper)))
        {
            return new ImageReferenceParts(null, rest, tag, digest);
        }

        return new ImageReferenceParts(rest[..slash], rest[(slash + 1)..], tag, digest);
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsValidTag(string tag)
        => tag.Length is >= 1 and <= 128 && IsWordChar(tag[0]) && tag.All(c => IsWordChar(c) || c is '.' or '-');

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary><c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*</c>.</summary>
    private static bool IsValidPathComponent(string component)
    {
        var i = 0;
        if (component.Length == 0 || !IsLowerAlnum(component[0]))
        {
            return false;
        }

        while (i < component.Length)
        {
            while (i < component.Length && IsLowerAlnum(component[i]))
            {
                i++;
            }

            if (i == component.Length)
            {
                return true;
            }

            var start = i;
            if (component[i] == '-')
            {
                while (i < component.Length && component[i] == '-')
                {
                    i++;
                }
            }
            else if (component[i] == '_' && i + 1 < component.Length && component[i + 1] == '_')
            {
                i += 2;
            }
            else if (component[i] is '.' or '_')
            {
                i++;
            }

            if (i == start || i == component.Length || !IsLowerAlnum(component[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidDomain(string domain)
    {
        var host = domain;
        var portColon = -1;
        if (domain.StartsWith('['))
        {
            var close = domain.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close == 1 || !domain[1..close].All(c => char.IsAsciiHexDigit(c) || c == ':'))
            {
                return false;
            }

            host = domain[..(close + 1)];
            if (close + 1 < domain.Length)
            {
                if (domain[close + 1] != ':')
                {
                    return false;
                }

                portColon = close + 1;
            }
        }
        else
        {
            portColon = domain.IndexOf(':', StringComparison.Ordinal);
            if (portColon >= 0)
            {
                host = domain[..portColon];
            }

            foreach (var label in host.Split('.'))
            {
                if (label.Length == 0 || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1])
                    || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        if (portColon >= 0)
        {
            // A port is 1 to 65535: more digits than that would only fail later, when the URL is built.
            var port = domain[(portColon + 1)..];
            return port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 65535;
        }

        return true;
    }
}

/// <summary>
/// An image reference split as written (<see cref="ImageReference.Split"/>): the registry (null when none is written),
/// the repository as written (no <c>library/</c> added), the tag and the digest text, none of them validated.
/// </summary>
public readonly record struct ImageReferenceParts(string? Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>
    /// The repository Docker means, <c>registry/repository</c>: <c>docker.io/library/</c> for a one-component Docker
    /// Hub name, and <c>docker.io</c> for <c>index.docker.io</c>.
    /// </summary>
    public string NormalisedName
    {
        get
        {
            var registry = Registry is null or "index.docker.io" ? ImageReference.DockerHub : Registry;
            var repository = registry == ImageReference.DockerHub && !Repository.Contains('/', StringComparison.Ordinal) ? "library/" + Repository : Repository;
            return $"{registry}/{repository}";
        }
    }
}
