using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Xunit;

namespace PipelineGuard.Testing;

/// <summary>
/// A real OCI registry (Debian's <c>docker-registry</c>, the CNCF distribution server) on a free 127.0.0.1 port,
/// with its own temporary storage and configuration. Started before the tests of a class, stopped after them.
/// </summary>
public class RegistryFixture : IAsyncLifetime
{
    private readonly bool _basicAuth;
    private readonly bool _deleteEnabled;
    private System.Diagnostics.Process? _process;
    private readonly StringBuilder _log = new();

    /// <summary>A registry with anonymous access and deletes switched off.</summary>
    public RegistryFixture()
        : this(basicAuth: false, deleteEnabled: false)
    {
    }

    /// <summary>A registry with the given variations.</summary>
    protected RegistryFixture(bool basicAuth, bool deleteEnabled)
    {
        _basicAuth = basicAuth;
        _deleteEnabled = deleteEnabled;
    }

    /// <summary>The user name accepted by the basic-auth variant.</summary>
    public const string UserName = "pguser";

    /// <summary>The password accepted by the basic-auth variant.</summary>
    public const string Password = "pg-secret-password";

    /// <summary><c>127.0.0.1:PORT</c>, the registry part of image references.</summary>
    public string Host { get; private set; } = string.Empty;

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress => new($"http://{Host}");

    /// <summary>Whether this registry wants basic-auth credentials.</summary>
    public bool RequiresAuth => _basicAuth;

    /// <summary>The folder the registry stores blobs in.</summary>
    public string StorageDirectory { get; private set; } = string.Empty;

    /// <summary>What the registry printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var binary = ProcessRunner.Require("docker-registry", "install the Debian package docker-registry");
        var root = RepositoryPaths.NewTempDirectory("registry");
        StorageDirectory = Path.Combine(root, "storage");
        Directory.CreateDirectory(StorageDirectory);
        var port = FreePort();
        Host = $"127.0.0.1:{port}";

        var config = new StringBuilder()
            .AppendLine("version: 0.1")
            .AppendLine("log:")
            .AppendLine("  level: warn")
            .AppendLine("  accesslog:")
            .AppendLine("    disabled: true")
            .AppendLine("storage:")
            .AppendLine("  filesystem:")
            .AppendLine($"    rootdirectory: {StorageDirectory}")
            .AppendLine("  delete:")
            .AppendLine($"    enabled: {(_deleteEnabled ? "true" : "false")}")
            .AppendLine("http:")
            .AppendLine($"  addr: {Host}")
            .AppendLine("  secret: pipelineguard-tests")
            .AppendLine("health:")
            .AppendLine("  storagedriver:")
            .AppendLine("    enabled: false");
        if (_basicAuth)
        {
            var htpasswd = Path.Combine(root, "htpasswd");
            var hash = OpenBsdBCrypt.Generate("2y", Password.ToCharArray(), RandomSalt(), 6);
            await File.WriteAllTextAsync(htpasswd, $"{UserName}:{hash}\n");
            config.AppendLine("auth:")
                .AppendLine("  htpasswd:")
                .AppendLine("    realm: pipelineguard-tests")
                .AppendLine($"    path: {htpasswd}");
        }

        AddConfiguration(config, root);
        var configPath = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());

        var info = new System.Diagnostics.ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(configPath);
        // The Debian package reads a default config path from the environment when set; ours must win.
        info.Environment.Remove("REGISTRY_CONFIGURATION_PATH");
        _process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("docker-registry did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode} before serving:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"docker-registry did not answer /v2/ on {Host} within 30 s:\n{Log}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Lets a variant add top-level configuration (for example token auth); <paramref name="root"/> is its scratch folder.</summary>
    protected virtual void AddConfiguration(StringBuilder config, string root)
    {
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>An HttpClient that talks to this registry, with credentials when the variant wants them.</summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (_basicAuth)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}")));
        }

        return client;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static byte[] RandomSalt()
    {
        var salt = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(salt);
        return salt;
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A registry that wants htpasswd basic auth (<see cref="RegistryFixture.UserName"/> / <see cref="RegistryFixture.Password"/>).</summary>
public sealed class BasicAuthRegistryFixture : RegistryFixture
{
    /// <summary>Creates the variant.</summary>
    public BasicAuthRegistryFixture()
        : base(basicAuth: true, deleteEnabled: false)
    {
    }
}

/// <summary>A registry with manifest and blob deletes enabled.</summary>
public sealed class DeletableRegistryFixture : RegistryFixture
{
    /// <summary>Creates the variant.</summary>
    public DeletableRegistryFixture()
        : base(basicAuth: false, deleteEnabled: true)
    {
    }
}
