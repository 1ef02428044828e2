namespace PipelineGuard.Oci;

/// <summary>How a <see cref="RegistryClient"/> talks to a registry.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Speak plain HTTP to the registry (and to its token service). Off by default: HTTPS only (the CLI flag is <c>--allow-http-registry</c>).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>Where credentials come from; null means <see cref="CredentialChain.Default"/> (environment, then Docker's config).</summary>
    public IRegistryCredentialProvider? Credentials { get; init; }

    /// <summary>
    /// Whether this registry is the one the command names directly (the REF of <c>sign</c>, <c>verify</c>, <c>attest</c>,
    /// <c>sbom --image</c>). Only then, and only when <see cref="Credentials"/> is null and
    /// <c>PIPELINEGUARD_REGISTRY_HOST</c> is unset, are the environment credentials sent to it; registries found in
    /// Dockerfiles or policies never get them unless they are the host named in <c>PIPELINEGUARD_REGISTRY_HOST</c>.
    /// </summary>
    public bool IsCommandTarget { get; init; }

    /// <summary>
    /// Host patterns (as in <c>allowedRegistries</c>) a blob download may be redirected to; null allows any host. A
    /// redirect to another host is only ever followed for a blob GET (content checked against its digest), never with
    /// credentials; for every other request it is an error.
    /// </summary>
    public IReadOnlyList<string>? AllowedRedirectHosts { get; init; }

    /// <summary>The most redirects followed for one request.</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// Time allowed between two reads of a blob body that return data: a registry trickling a blob slower than that is
    /// dropped (and the read retried where safe). Default 60 s.
    /// </summary>
    public TimeSpan BlobIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest one blob download may take from its request to its last byte, however steadily the bytes come.
    /// Default 30 minutes; <see cref="Timeout.InfiniteTimeSpan"/> removes the bound.
    /// </summary>
    public TimeSpan BlobDeadline { get; init; } = TimeSpan.FromMinutes(30);

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
