namespace PipelineGuard.Oci;

/// <summary>How a <see cref="RegistryClient"/> talks to a registry.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Speak plain HTTP to the registry (and to its token service). Off by default: HTTPS only (the CLI flag is <c>--allow-http-registry</c>).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Where credentials come from; null means <see cref="CredentialChain.Default"/> (environment, then Docker's config).</summary>
    public IRegistryCredentialProvider? Credentials { get; init; }

    /// <summary>Time allowed for one request until its headers arrive, and for reading a manifest or token body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a 429, a 5xx or a transport failure, for requests that are safe to repeat.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first backoff delay; doubled on each retry (with jitter), unless the registry sends Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between retries, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest manifest or index accepted (4 MiB, as the distribution spec suggests).</summary>
    public long MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest blob accepted when streaming.</summary>
    public long MaxBlobBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Upload chunk size in bytes; 0 uploads each blob in one request (monolithic).</summary>
    public int UploadChunkSize { get; init; }

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = $"{PipelineGuardInfo.ProductName}/{PipelineGuardInfo.ShortVersion}";
}
