using System.Text;
using System.Text.Json;

namespace PipelineGuard.Oci;

/// <summary>
/// Credentials from the <c>auths</c> entries of Docker's <c>config.json</c> (<c>$DOCKER_CONFIG/config.json</c>, else
/// <c>~/.docker/config.json</c>): <c>auth</c> (base64 <c>user:password</c>) or <c>username</c>/<c>password</c>.
/// Keys may be a host, a URL with scheme and path, and Docker Hub's legacy <c>https://index.docker.io/v1/</c>.
/// Credential helpers (<c>credsStore</c>, <c>credHelpers</c>) are not run.
/// </summary>
public sealed class DockerConfigCredentialProvider : IRegistryCredentialProvider
{
    private readonly Dictionary<string, RegistryCredentials> _byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads <paramref name="configPath"/>; a missing file means no credentials, a malformed one throws <see cref="OciException"/>.</summary>
    public DockerConfigCredentialProvider(string configPath)
    {
        ConfigPath = configPath;
        if (!File.Exists(configPath))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(IO.InputFile.ReadAllBytes(configPath));
            if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var entry in auths.EnumerateObject())
            {
                var credentials = Read(entry.Value);
                if (credentials is not null)
                {
                    _byHost[NormaliseKey(entry.Name)] = credentials;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new OciException(OciErrorKind.InvalidInput, $"{configPath}: not valid JSON ({ex.Message}); fix or remove the file.", ex);
        }
        catch (FormatException ex)
        {
            throw new OciException(OciErrorKind.InvalidInput, $"{configPath}: an 'auth' entry is not valid base64 ({ex.Message}).", ex);
        }
    }

    /// <summary>The file read.</summary>
    public string ConfigPath { get; }

    /// <summary>The default file: <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public static string DefaultPath(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var dir = getVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            var home = getVariable("HOME");
            dir = Path.Combine(string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home, ".docker");
        }

        return Path.Combine(dir, "config.json");
    }

    /// <inheritdoc />
    public RegistryCredentials? GetCredentials(string registry)
    {
        if (_byHost.TryGetValue(registry, out var credentials))
        {
            return credentials;
        }

        if (registry is ImageReference.DockerHub or ImageReference.DockerHubEndpoint or "index.docker.io")
        {
            foreach (var alias in new[] { ImageReference.DockerHub, "index.docker.io", ImageReference.DockerHubEndpoint })
            {
                if (_byHost.TryGetValue(alias, out credentials))
                {
                    return credentials;
                }
            }
        }

        return null;
    }

    private static string NormaliseKey(string key)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? host[..slash] : host;
    }

    private static RegistryCredentials? Read(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (entry.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(auth.GetString()))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.GetString()!));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return new RegistryCredentials(decoded[..colon], decoded[(colon + 1)..]);
            }
        }

        if (entry.TryGetProperty("username", out var user) && user.ValueKind == JsonValueKind.String
            && entry.TryGetProperty("password", out var password) && password.ValueKind == JsonValueKind.String)
        {
            return new RegistryCredentials(user.GetString()!, password.GetString()!);
        }

        return null;
    }
}
