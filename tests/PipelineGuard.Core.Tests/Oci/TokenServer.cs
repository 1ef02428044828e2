using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>
/// A small bearer-token service on 127.0.0.1 (the distribution token protocol): it checks basic credentials and
/// issues ES256 JWTs, signed by a self-signed certificate that the registry trusts, granting the requested scopes.
/// </summary>
internal sealed class TokenServer : IDisposable
{
    public const string Service = "pg-registry";
    public const string Issuer = "pg-token-issuer";
    public const string User = "token-user";
    public const string Secret = "token-secret";

    private readonly HttpListener _listener = new();
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly List<string> _requests = [];
    private readonly Task _loop;

    public TokenServer()
    {
        var request = new CertificateRequest("CN=pg-token-issuer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var port = RegistryFixture.FreePort();
        Realm = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Realm { get; }

    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>The query strings of the token requests, with the user each authenticated as.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _certificate.Dispose();
        _key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            var user = Authenticate(context.Request.Headers["Authorization"]);
            lock (_requests)
            {
                _requests.Add($"{user ?? "anonymous"} {context.Request.Url?.Query}");
            }

            if (user == string.Empty)
            {
                response.StatusCode = 401;
                continue;
            }

            var scopes = context.Request.QueryString.GetValues("scope") ?? [];
            var access = new JsonArray();
            foreach (var scope in scopes.SelectMany(s => s.Split(' ')))
            {
                var parts = scope.Split(':');
                if (parts.Length == 3 && parts[0] == "repository")
                {
                    // Anonymous callers may pull; only the known user may push.
                    var actions = parts[2].Split(',').Where(a => user is not null || a == "pull").Select(a => (JsonNode?)a).ToArray();
                    access.Add(new JsonObject { ["type"] = "repository", ["name"] = parts[1], ["actions"] = new JsonArray(actions) });
                }
            }

            var token = Sign(user ?? string.Empty, access);
            var body = Encoding.UTF8.GetBytes(new JsonObject { ["token"] = token, ["expires_in"] = 300 }.ToJsonString());
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }

    /// <summary>null for anonymous, the user for good credentials, empty for bad ones.</summary>
    private static string? Authenticate(string? header)
    {
        if (header is null)
        {
            return null;
        }

        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        return decoded == $"{User}:{Secret}" ? User : string.Empty;
    }

    private string Sign(string subject, JsonArray access)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "ES256", ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 30,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A real registry that wants bearer tokens from <see cref="TokenServer"/>.</summary>
public sealed class TokenAuthRegistryFixture : RegistryFixture, IAsyncLifetime
{
    internal TokenServer Tokens { get; } = new();

    protected override void AddConfiguration(StringBuilder config, string root)
    {
        var bundle = Path.Combine(root, "token-root.pem");
        File.WriteAllText(bundle, Tokens.CertificatePem);
        config.AppendLine("auth:")
            .AppendLine("  token:")
            .AppendLine($"    realm: {Tokens.Realm}")
            .AppendLine($"    service: {TokenServer.Service}")
            .AppendLine($"    issuer: {TokenServer.Issuer}")
            .AppendLine($"    rootcertbundle: {bundle}");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Tokens.Dispose();
    }
}
