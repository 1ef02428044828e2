using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PipelineGuard.Oci;

/// <summary>
/// A client for one registry host speaking the OCI distribution API: manifests and indexes, verified blob streams,
/// HEAD, tag lists, referrers (with the tag-schema fallback), monolithic and chunked uploads with optional cross-repository
/// mounts, and manifest PUT. Auth is anonymous, basic or bearer (token flow from the <c>WWW-Authenticate</c> challenge,
/// tokens cached per scope). HTTPS unless <see cref="RegistryClientOptions.AllowHttp"/>; 429 and 5xx are retried with
/// backoff honouring <c>Retry-After</c> where repeating is safe. Failures throw <see cref="OciException"/>.
/// </summary>
public sealed class RegistryClient : IImageStore
{
    private const int MaxTagPages = 1000;
    private static readonly TimeSpan TokenSafetyMargin = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly RegistryClientOptions _options;
    private readonly IRegistryCredentialProvider _credentials;
    private readonly ConcurrentDictionary<string, (string Header, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private volatile bool _basicAuth;

    /// <summary>A client for <paramref name="registry"/> (a host with optional port, or <c>docker.io</c>).</summary>
    public RegistryClient(string registry, RegistryClientOptions? options = null)
        : this(registry, options, null)
    {
    }

    /// <summary>A client for <paramref name="registry"/> sending through <paramref name="handler"/> (for proxies or custom TLS); the handler is not disposed.</summary>
    public RegistryClient(string registry, RegistryClientOptions? options, HttpMessageHandler? handler)
    {
        _options = options ?? new RegistryClientOptions();
        Registry = registry == "index.docker.io" ? ImageReference.DockerHub : registry;
        _credentials = _options.Credentials ?? CredentialChain.Default(_options.IsCommandTarget ? Registry : null);
        var endpoint = Registry == ImageReference.DockerHub ? ImageReference.DockerHubEndpoint : Registry;
        BaseAddress = Uri.TryCreate($"{(_options.AllowHttp ? "http" : "https")}://{endpoint}/", UriKind.Absolute, out var address) && address.AbsolutePath == "/"
            ? address
            : throw new OciException(OciErrorKind.InvalidInput, $"registry '{registry}' is not a valid host[:port] (a port is 1 to 65535).");
        if (handler is null)
        {
            handler = new SocketsHttpHandler
            {
                ConnectTimeout = _options.RequestTimeout,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
            _ownsHttp = true;
        }

        _http = new HttpClient(handler, disposeHandler: _ownsHttp) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
    }

    /// <summary>The registry host as given (<c>docker.io</c> for Docker Hub).</summary>
    public string Registry { get; }

    /// <summary>The API base address (<c>https://host/</c>, or <c>http://host/</c> when HTTP is allowed).</summary>
    public Uri BaseAddress { get; }

    /// <inheritdoc />
    public string Description => $"registry {Registry}";

    /// <summary>A client for the registry of <paramref name="reference"/>.</summary>
    public static RegistryClient For(ImageReference reference, RegistryClientOptions? options = null) => new(reference.Registry, options);

    /// <summary>Checks that the registry answers the API base (<c>GET /v2/</c>), authenticating if it asks.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url("v2/")), scope: null, retryable: true, cancellationToken);
        await EnsureSuccessAsync(response, "the API base /v2/", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OciDescriptor> ResolveAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var what = $"manifest {repository}:{reference}";
        using (var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, repository, reference), PullScope(repository), retryable: true, cancellationToken))
        {
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                await EnsureSuccessAsync(response, what, cancellationToken);
            }

            if (response.IsSuccessStatusCode
                && Digest.TryParse(HeaderValue(response, "Docker-Content-Digest"), out var digest, out _)
                && response.Content.Headers.ContentLength is { } length
                && response.Content.Headers.ContentType?.MediaType is { } mediaType)
            {
                if (Digest.TryParse(reference, out var wanted, out _) && wanted != digest)
                {
                    throw new OciException(OciErrorKind.DigestMismatch, $"{Description}: HEAD {what} answered digest {digest}: wrong content, rejected.");
                }

                return new OciDescriptor(mediaType, digest, length);
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw NotFound(what);
            }
        }

        // Registries may leave out the digest header on HEAD; the GET computes and checks it.
        var content = await GetManifestAsync(repository, reference, cancellationToken);
        return content.Descriptor;
    }

    /// <inheritdoc />
    public async Task<ManifestContent> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var what = $"manifest {repository}:{reference}";
        var wanted = Digest.TryParse(reference, out var parsed, out _) ? parsed : null;
        for (var attempt = 0; ; attempt++)
        {
            using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, repository, reference), PullScope(repository), retryable: true, cancellationToken);
            await EnsureSuccessAsync(response, what, cancellationToken);
            byte[] bytes;
            try
            {
                bytes = await ReadLimitedAsync(response, _options.MaxManifestBytes, what, cancellationToken);
            }
            catch (OciException ex) when (ex.Kind == OciErrorKind.Unreachable && attempt < _options.MaxRetries)
            {
                // A body cut short is safe to fetch again: a manifest GET has no side effects.
                await Task.Delay(Backoff(attempt, null), cancellationToken);
                continue;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            var header = HeaderValue(response, "Docker-Content-Digest");
            Digest? claimed = null;
            if (header is not null && !Digest.TryParse(header, out claimed, out var headerError))
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {what} has an invalid Docker-Content-Digest header ({headerError}).");
            }

            var algorithm = wanted?.Algorithm ?? claimed?.Algorithm ?? Digest.Sha256;
            var actual = Digest.Compute(bytes, algorithm);
            if ((wanted is not null && actual != wanted) || (claimed is not null && claimed.Algorithm == algorithm && actual != claimed))
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"{Description}: {what} has digest {actual}, not {wanted ?? claimed}: wrong content, rejected.");
            }

            var parsedType = OciManifest.Parse(bytes, mediaType, $"{Description}: {what}").MediaType;
            return new ManifestContent(bytes, parsedType, algorithm == Digest.Sha256 ? actual : Digest.Compute(bytes));
        }
    }

    /// <inheritdoc />
    public async Task<Digest> PutManifestAsync(string repository, string reference, ReadOnlyMemory<byte> bytes, string mediaType, CancellationToken cancellationToken = default)
    {
        var digest = Digest.Compute(bytes.Span);
        if (Digest.TryParse(reference, out var wanted, out _) && Digest.Compute(bytes.Span, wanted.Algorithm) != wanted)
        {
            throw new OciException(OciErrorKind.InvalidInput, $"manifest bytes do not have the digest {wanted} they are to be stored under.");
        }

        var what = $"manifest {repository}:{reference}";
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, Url($"v2/{repository}/manifests/{reference}"))
            {
                Content = new ByteArrayContent(bytes.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
            },
            PushScope(repository),
            retryable: true,
            cancellationToken);
        await EnsureSuccessAsync(response, $"PUT {what}", cancellationToken);
        var header = HeaderValue(response, "Docker-Content-Digest");
        if (header is not null && Digest.TryParse(header, out var stored, out _) && stored.Algorithm == digest.Algorithm && stored != digest)
        {
            throw new OciException(OciErrorKind.DigestMismatch, $"{Description}: PUT {what} stored digest {stored}, not {digest}.");
        }

        return digest;
    }

    /// <inheritdoc />
    public async Task<DigestVerifyingStream> OpenBlobAsync(string repository, Digest digest, long expectedSize = -1, CancellationToken cancellationToken = default)
    {
        var what = $"blob {repository}@{digest}";
        var deadline = new CancellationTokenSource();
        if (_options.BlobDeadline != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(_options.BlobDeadline);
        }

        HttpResponseMessage? response = null;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, BlobUrl(repository, digest)), PullScope(repository), retryable: true, linked.Token, crossHostRedirect: true);
            await EnsureSuccessAsync(response, what, cancellationToken);
            var length = response.Content.Headers.ContentLength;
            if (expectedSize >= 0 && length is { } declared && declared != expectedSize)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"{Description}: {what} is {declared} bytes, the descriptor says {expectedSize}: rejected.");
            }

            var size = expectedSize >= 0 ? expectedSize : length ?? -1;
            var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var body = new BlobBodyStream(this, repository, digest, what, response, stream, deadline);
            response = null;
            return new DigestVerifyingStream(body, digest, size, _options.MaxBlobBytes);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            deadline.Dispose();
            throw DeadlineExceeded(what, ex);
        }
        catch
        {
            response?.Dispose();
            deadline.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> GetBlobAsync(string repository, Digest digest, long maxBytes, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Failures to get an answer were already retried by SendAsync; here only a body cut off mid-way is fetched again.
            using var stream = await OpenBlobAsync(repository, digest, -1, cancellationToken);
            try
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: blob {repository}@{digest} is larger than the limit of {maxBytes} bytes.");
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
            catch (OciException ex) when (ex.Kind == OciErrorKind.Unreachable && attempt < _options.MaxRetries)
            {
                // A blob GET is safe to repeat. Wrong content (DigestMismatch) is never retried.
                await Task.Delay(Backoff(attempt, null), cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url($"v2/{repository}/blobs/{digest}")), PullScope(repository), retryable: true, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"blob {repository}@{digest}", cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public Task PutBlobAsync(string repository, Digest digest, Stream content, long size, CancellationToken cancellationToken = default)
        => PutBlobAsync(repository, digest, content, size, mountFrom: null, cancellationToken);

    /// <summary>
    /// Uploads a blob unless the registry has it: first a cross-repository mount from <paramref name="mountFrom"/> when
    /// given, else monolithic, or chunked when <see cref="RegistryClientOptions.UploadChunkSize"/> is set. A seekable
    /// <paramref name="content"/> is uploaded again from the start after a retryable failure.
    /// </summary>
    public async Task PutBlobAsync(string repository, Digest digest, Stream content, long size, string? mountFrom, CancellationToken cancellationToken = default)
    {
        if (await BlobExistsAsync(repository, digest, cancellationToken))
        {
            return;
        }

        var start = content.CanSeek ? content.Position : -1;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await UploadAsync(repository, digest, content, size, mountFrom, cancellationToken);
                return;
            }
            catch (OciException ex) when (ex.Kind == OciErrorKind.Unreachable && start >= 0 && attempt < _options.MaxRetries)
            {
                content.Position = start;
                await Task.Delay(Backoff(attempt, null), cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default)
    {
        var tags = new List<string>();
        var next = Url($"v2/{repository}/tags/list");
        for (var page = 0; next is not null; page++)
        {
            if (page >= MaxTagPages)
            {
                throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: tag list of {repository} has more than {MaxTagPages} pages.");
            }

            var url = next;
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), PullScope(repository), retryable: true, cancellationToken);
            await EnsureSuccessAsync(response, $"tag list of {repository}", cancellationToken);
            var bytes = await ReadLimitedAsync(response, _options.MaxManifestBytes, $"tag list of {repository}", cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(bytes);
                if (document.RootElement.TryGetProperty("tags", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(array.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
                }
            }
            catch (JsonException ex)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: tag list of {repository} is not valid JSON ({ex.Message}).", ex);
            }

            next = NextLink(response, url);
        }

        return tags;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OciDescriptor>> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default)
    {
        var path = $"v2/{repository}/referrers/{subject}" + (artifactType is null ? string.Empty : "?artifactType=" + Uri.EscapeDataString(artifactType));
        using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url(path)), PullScope(repository), retryable: true, cancellationToken))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (response.IsSuccessStatusCode && mediaType == OciMediaTypes.ImageIndex)
            {
                var bytes = await ReadLimitedAsync(response, _options.MaxManifestBytes, $"referrers of {subject}", cancellationToken);
                var index = OciManifest.Parse(bytes, mediaType, $"{Description}: referrers of {repository}@{subject}");
                return Filter(index.Manifests, artifactType);
            }

            // Only a refusal of the credentials is final; any other failure of the referrers API (404, 400, 405, 5xx
            // after the retries) falls back to the tag schema, as cosign does.
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                await EnsureSuccessAsync(response, $"referrers of {repository}@{subject}", cancellationToken);
            }
        }

        // No (working) referrers API: the tag schema keeps an index under sha256-HEX.
        try
        {
            var fallback = await GetManifestAsync(repository, subject.ToTagSchema(), cancellationToken);
            var index = fallback.Parse($"{Description}: referrers tag {subject.ToTagSchema()}");
            return index.IsIndex ? Filter(index.Manifests, artifactType) : [];
        }
        catch (OciException ex) when (ex.Kind == OciErrorKind.NotFound)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    internal static IReadOnlyList<OciDescriptor> Filter(IReadOnlyList<OciDescriptor> descriptors, string? artifactType)
        => artifactType is null ? descriptors : descriptors.Where(d => d.ArtifactType == artifactType).ToList();

    private async Task UploadAsync(string repository, Digest digest, Stream content, long size, string? mountFrom, CancellationToken cancellationToken)
    {
        var what = $"upload of blob {repository}@{digest}";
        var startPath = $"v2/{repository}/blobs/uploads/" + (mountFrom is null ? string.Empty : $"?mount={digest}&from={Uri.EscapeDataString(mountFrom)}");
        Uri location;
        using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url(startPath)), PushScope(repository, mountFrom), retryable: true, cancellationToken))
        {
            if (response.StatusCode == HttpStatusCode.Created && mountFrom is not null)
            {
                return;
            }

            await EnsureSuccessAsync(response, what, cancellationToken);
            location = Location(response, what);
        }

        using var hash = digest.CreateHash();
        if (_options.UploadChunkSize > 0)
        {
            var buffer = new byte[_options.UploadChunkSize];
            long offset = 0;
            while (offset < size)
            {
                var want = (int)Math.Min(buffer.Length, size - offset);
                await content.ReadExactlyAsync(buffer.AsMemory(0, want), cancellationToken);
                hash.AppendData(buffer, 0, want);
                var chunkStart = offset;
                var chunkUrl = location;
                using var response = await SendAsync(
                    () =>
                    {
                        var body = new ByteArrayContent(buffer, 0, want);
                        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                        var request = new HttpRequestMessage(HttpMethod.Patch, chunkUrl) { Content = body };
                        request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{chunkStart}-{chunkStart + want - 1}");
                        return request;
                    },
                    PushScope(repository),
                    retryable: false,
                    cancellationToken);
                await EnsureSuccessAsync(response, $"{what} (chunk at {chunkStart})", cancellationToken);
                location = Location(response, what);
                offset += want;
            }

            if (Digest.FromHash(digest.Algorithm, hash.GetHashAndReset()) != digest)
            {
                throw new OciException(OciErrorKind.DigestMismatch, $"{what}: the content does not have digest {digest}; upload abandoned.");
            }

            var finalUrl = WithQuery(location, "digest=" + Uri.EscapeDataString(digest.ToString()));
            using var done = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, finalUrl) { Content = new ByteArrayContent([]) }, PushScope(repository), retryable: false, cancellationToken);
            await EnsureSuccessAsync(done, what, cancellationToken);
        }
        else
        {
            var putUrl = WithQuery(location, "digest=" + Uri.EscapeDataString(digest.ToString()));
            using var response = await SendAsync(
                () =>
                {
                    var body = new StreamContent(new NonDisposingStream(content));
                    body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    body.Headers.ContentLength = size;
                    return new HttpRequestMessage(HttpMethod.Put, putUrl) { Content = body };
                },
                PushScope(repository),
                retryable: false,
                cancellationToken);
            await EnsureSuccessAsync(response, what, cancellationToken);
        }
    }

    private HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, Url($"v2/{repository}/manifests/{reference}"));
        foreach (var type in OciMediaTypes.ManifestAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private Uri Url(string path) => new(BaseAddress, path);

    private Uri BlobUrl(string repository, Digest digest) => Url($"v2/{repository}/blobs/{digest}");

    private OciException DeadlineExceeded(string what, Exception inner)
        => new(OciErrorKind.Unreachable, $"{Description}: {what} was not complete within the blob deadline of {_options.BlobDeadline.TotalSeconds:0} s.", inner);

    private static string PullScope(string repository) => $"repository:{repository}:pull";

    private static string PushScope(string repository, string? mountFrom = null)
        => $"repository:{repository}:pull,push" + (mountFrom is null ? string.Empty : $" repository:{mountFrom}:pull");

    /// <summary>Sends with auth, retries and timeouts. The caller disposes the response.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string? scope, bool retryable, CancellationToken cancellationToken, bool crossHostRedirect = false)
    {
        var authenticated = false;
        for (var attempt = 0; ; attempt++)
        {
            using var request = createRequest();
            var authorization = CachedAuthorization(scope);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    response = await FollowRedirectsAsync(request, response, authorization, crossHostRedirect, timeout.Token);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    if (retryable && attempt < _options.MaxRetries)
                    {
                        await Task.Delay(Backoff(attempt, null), cancellationToken);
                        continue;
                    }

                    throw new OciException(OciErrorKind.Unreachable, $"{Description}: {request.Method} {request.RequestUri} timed out after {_options.RequestTimeout.TotalSeconds:0} s.", ex);
                }
                catch (HttpRequestException ex)
                {
                    if (retryable && attempt < _options.MaxRetries && ex.InnerException is not System.Security.Authentication.AuthenticationException)
                    {
                        await Task.Delay(Backoff(attempt, null), cancellationToken);
                        continue;
                    }

                    throw Unreachable(request, ex);
                }
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !authenticated)
            {
                authenticated = true;
                var challenged = await AuthenticateAsync(response, scope, cancellationToken);
                response.Dispose();
                if (!challenged)
                {
                    throw new OciException(OciErrorKind.Unauthorized, $"{Description}: {request.Method} {request.RequestUri} needs credentials the registry did not accept; log in (Docker config.json) or set {EnvironmentCredentialProvider.UsernameVariable}/{EnvironmentCredentialProvider.PasswordVariable}.") { StatusCode = 401 };
                }

                attempt--;
                continue;
            }

            if (retryable && attempt < _options.MaxRetries && IsRetryable(response.StatusCode))
            {
                var delay = Backoff(attempt, response.Headers.RetryAfter);
                response.Dispose();
                await Task.Delay(delay, cancellationToken);
                continue;
            }

            return response;
        }
    }

    /// <summary>
    /// Follows 301/302/303/307/308 answers by hand: on the registry's own host with the same credentials; to another
    /// host only when <paramref name="crossHost"/> (a digest-checked blob GET), over HTTPS unless HTTP is allowed, to a
    /// host <see cref="RegistryClientOptions.AllowedRedirectHosts"/> allows, and never with credentials. Anything else
    /// (another scheme such as <c>file:</c>, another host for a manifest, too many hops) is an error.
    /// </summary>
    private async Task<HttpResponseMessage> FollowRedirectsAsync(HttpRequestMessage original, HttpResponseMessage response, string? authorization, bool crossHost, CancellationToken cancellationToken)
    {
        var current = original.RequestUri!;
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {original.Method} {current} answered {status} without a Location.") { StatusCode = status };
            }

            var target = location.IsAbsoluteUri ? location : new Uri(current, location);
            var shown = target.GetLeftPart(UriPartial.Path);
            if (hops >= _options.MaxRedirects)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {original.Method} {original.RequestUri} was redirected more than {_options.MaxRedirects} times; not followed.") { StatusCode = status };
            }

            if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {original.Method} {current} was redirected to a {target.Scheme}: address ({shown}); only HTTP(S) redirects are followed.") { StatusCode = status };
            }

            if (target.Scheme == Uri.UriSchemeHttp && !_options.AllowHttp)
            {
                throw new OciException(OciErrorKind.InsecureTransport, $"{Description}: {original.Method} {current} was redirected to plain HTTP ({shown}); allow it explicitly (--allow-http-registry) if that is intended.") { StatusCode = status };
            }

            var sameHost = string.Equals(target.Authority, BaseAddress.Authority, StringComparison.OrdinalIgnoreCase);
            var method = original.Method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get;
            if (original.Method != HttpMethod.Get && original.Method != HttpMethod.Head)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {original.Method} {current} was redirected to {shown}; redirects of writes are not followed.") { StatusCode = status };
            }

            if (!sameHost && !crossHost)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {original.Method} {current} was redirected to another host ({target.Authority}); only blob downloads may be, so it was not followed.") { StatusCode = status };
            }

            if (!sameHost && _options.AllowedRedirectHosts is { } allowed && !Provenance.WildcardPattern.IsMatchAny(allowed, target.Host) && !Provenance.WildcardPattern.IsMatchAny(allowed, target.Authority))
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: {original.Method} {current} was redirected to {target.Authority}, which is not an allowed registry ({string.Join(", ", allowed)}); not followed.") { StatusCode = status };
            }

            using var next = new HttpRequestMessage(method, target);
            foreach (var accept in original.Headers.Accept)
            {
                next.Headers.Accept.Add(accept);
            }

            if (sameHost && authorization is not null)
            {
                next.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            foreach (var range in original.Headers.TryGetValues("Range", out var ranges) ? ranges : [])
            {
                next.Headers.TryAddWithoutValidation("Range", range);
            }

            current = target;
            response = await _http.SendAsync(next, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }

        return response;
    }

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private OciException Unreachable(HttpRequestMessage request, HttpRequestException ex)
    {
        var hint = ex.InnerException is System.Security.Authentication.AuthenticationException || ex.Message.Contains("SSL", StringComparison.OrdinalIgnoreCase)
            ? " The TLS handshake failed: if this registry speaks plain HTTP, allow it explicitly (--allow-http-registry)."
            : string.Empty;
        return new OciException(OciErrorKind.Unreachable, $"{Description}: {request.Method} {request.RequestUri} failed: {ex.Message}.{hint}", ex);
    }

    private static bool IsRetryable(HttpStatusCode status)
        => status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is { } date)
        {
            delay = date - DateTimeOffset.UtcNow;
        }
        else
        {
            var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
            delay = TimeSpan.FromMilliseconds(exponential * (0.75 + (Random.Shared.NextDouble() * 0.5)));
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private string? CachedAuthorization(string? scope)
    {
        if (_tokens.TryGetValue(scope ?? string.Empty, out var token) && token.Expires > DateTimeOffset.UtcNow)
        {
            return token.Header;
        }

        if (_basicAuth && _credentials.GetCredentials(Registry) is { } credentials)
        {
            return BasicHeader(credentials);
        }

        return null;
    }

    private static string BasicHeader(RegistryCredentials credentials)
        => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));

    /// <summary>Answers a 401 challenge; false when nothing more can be tried.</summary>
    private async Task<bool> AuthenticateAsync(HttpResponseMessage response, string? scope, CancellationToken cancellationToken)
    {
        var challenges = response.Headers.WwwAuthenticate.Select(h => AuthChallenge.Parse(h.Scheme, h.Parameter)).OfType<AuthChallenge>().ToList();
        var credentials = _credentials.GetCredentials(Registry);
        var bearer = challenges.FirstOrDefault(c => c.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (bearer is not null)
        {
            var header = await FetchTokenAsync(bearer, scope, credentials, cancellationToken);
            _tokens[scope ?? string.Empty] = header;
            return true;
        }

        if (challenges.Any(c => c.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) && credentials is not null && !_basicAuth)
        {
            _basicAuth = true;
            return true;
        }

        return false;
    }

    private async Task<(string Header, DateTimeOffset Expires)> FetchTokenAsync(AuthChallenge challenge, string? scope, RegistryCredentials? credentials, CancellationToken cancellationToken)
    {
        var realm = challenge["realm"];
        if (realm is null || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || (realmUri.Scheme != Uri.UriSchemeHttps && realmUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new OciException(OciErrorKind.Protocol, $"{Description}: the bearer challenge has no usable realm ('{realm}').");
        }

        if (realmUri.Scheme == Uri.UriSchemeHttp && !_options.AllowHttp)
        {
            throw new OciException(OciErrorKind.InsecureTransport, $"{Description}: the token service {realmUri} is plain HTTP; allow it explicitly (--allow-http-registry) if that is intended.");
        }

        var query = new List<string>();
        if (challenge["service"] is { } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        var scopes = (scope ?? challenge["scope"] ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        query.AddRange(scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        var tokenUri = query.Count == 0 ? realmUri : WithQuery(realmUri, string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        if (credentials is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", BasicHeader(credentials));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new OciException(OciErrorKind.Unreachable, $"{Description}: the token service {realmUri.GetLeftPart(UriPartial.Path)} could not be reached: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OciException(OciErrorKind.Unreachable, $"{Description}: the token service {realmUri.GetLeftPart(UriPartial.Path)} timed out.", ex);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new OciException(OciErrorKind.Unauthorized, $"{Description}: the token service refused {(credentials is null ? "anonymous access" : $"the credentials of '{credentials.Username}'")} for scope '{string.Join(' ', scopes)}'.") { StatusCode = (int)response.StatusCode };
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OciException(OciErrorKind.Unreachable, $"{Description}: the token service answered {(int)response.StatusCode} {response.ReasonPhrase}.") { StatusCode = (int)response.StatusCode };
            }

            var bytes = await ReadLimitedAsync(response, 1024 * 1024, "token", cancellationToken);
            try
            {
                using var document = JsonDocument.Parse(bytes);
                var root = document.RootElement;
                var token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                    : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                if (string.IsNullOrEmpty(token))
                {
                    throw new OciException(OciErrorKind.Protocol, $"{Description}: the token service answered without a token.");
                }

                var lifetime = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 60;
                var expires = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(lifetime) - TokenSafetyMargin;
                return ("Bearer " + token, expires);
            }
            catch (JsonException ex)
            {
                throw new OciException(OciErrorKind.Protocol, $"{Description}: the token service answered invalid JSON ({ex.Message}).", ex);
            }
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var detail = string.Empty;
        try
        {
            var body = await ReadLimitedAsync(response, 64 * 1024, what, cancellationToken);
            detail = RegistryErrorText(body);
        }
        catch (OciException)
        {
        }

        var kind = response.StatusCode switch
        {
            HttpStatusCode.NotFound => OciErrorKind.NotFound,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => OciErrorKind.Unauthorized,
            HttpStatusCode.TooManyRequests => OciErrorKind.Unreachable,
            _ when status >= 500 => OciErrorKind.Unreachable,
            _ => OciErrorKind.Protocol,
        };
        var advice = kind switch
        {
            OciErrorKind.Unauthorized => " Check the credentials (Docker config.json or PIPELINEGUARD_REGISTRY_USERNAME/PASSWORD).",
            OciErrorKind.Unreachable => $" (after {_options.MaxRetries} retries where safe)",
            _ => string.Empty,
        };
        throw new OciException(kind, $"{Description}: {what}: {status} {response.ReasonPhrase}{detail}.{advice}") { StatusCode = status };
    }

    private static string RegistryErrorText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Select(e => $"{(e.TryGetProperty("code", out var c) ? c.GetString() : null)} {(e.TryGetProperty("message", out var m) ? m.GetString() : null)}".Trim())
                    .Where(s => s.Length > 0);
                var text = string.Join("; ", parts);
                return text.Length == 0 ? string.Empty : $" ({text})";
            }
        }
        catch (JsonException)
        {
        }

        return string.Empty;
    }

    private OciException NotFound(string what) => new(OciErrorKind.NotFound, $"{Description}: {what} not found.") { StatusCode = 404 };

    private async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, long limit, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: {what} is {response.Content.Headers.ContentLength} bytes, more than the limit of {limit}.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new OciException(OciErrorKind.LimitExceeded, $"{Description}: {what} is larger than the limit of {limit} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            if (response.Content.Headers.ContentLength is { } length && buffer.Length != length)
            {
                throw new OciException(OciErrorKind.Unreachable, $"{Description}: {what} ended after {buffer.Length} of {length} bytes.");
            }

            return buffer.ToArray();
        }
        catch (IOException ex)
        {
            throw new OciException(OciErrorKind.Unreachable, $"{Description}: reading {what} failed: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OciException(OciErrorKind.Unreachable, $"{Description}: reading {what} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OciException(OciErrorKind.Unreachable, $"{Description}: reading {what} timed out.", ex);
        }
    }

    private static string? HeaderValue(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private Uri Location(HttpResponseMessage response, string what)
    {
        var location = response.Headers.Location
            ?? throw new OciException(OciErrorKind.Protocol, $"{Description}: {what}: the registry sent no upload Location.");
        return location.IsAbsoluteUri ? location : new Uri(BaseAddress, location);
    }

    private static Uri WithQuery(Uri uri, string query)
    {
        var builder = new UriBuilder(uri);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? query : builder.Query.TrimStart('?') + "&" + query;
        return builder.Uri;
    }

    private Uri? NextLink(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links)
        {
            var open = link.IndexOf('<', StringComparison.Ordinal);
            var close = link.IndexOf('>', StringComparison.Ordinal);
            if (open >= 0 && close > open && link.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                var target = link[(open + 1)..close];
                var uri = new Uri(current, target);
                return uri.Host == BaseAddress.Host && uri.Port == BaseAddress.Port ? uri : null;
            }
        }

        return null;
    }

    /// <summary>
    /// A blob body under the idle timeout and the blob deadline. A read that fails mid-way (connection reset, no data
    /// within <see cref="RegistryClientOptions.BlobIdleTimeout"/>) is resumed from the bytes already read with a Range
    /// request (or by skipping them when the registry ignores Range), up to <see cref="RegistryClientOptions.MaxRetries"/>
    /// times; the digest check above this stream still covers every byte.
    /// </summary>
    private sealed class BlobBodyStream(RegistryClient client, string repository, Digest digest, string what, HttpResponseMessage response, Stream body, CancellationTokenSource deadline)
        : ForwardOnlyReadStream(Stream.Null)
    {
        private HttpResponseMessage _response = response;
        private Stream _body = body;
        private long _offset;
        private int _resumes;

        public override int Read(Span<byte> buffer)
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                var read = ReadAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                rented.AsSpan(0, read).CopyTo(buffer);
                return read;
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                string failure;
                Exception cause;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
                {
                    idle.CancelAfter(client._options.BlobIdleTimeout);
                    try
                    {
                        var read = await _body.ReadAsync(buffer, idle.Token);
                        _offset += read;
                        return read;
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        if (deadline.IsCancellationRequested)
                        {
                            throw client.DeadlineExceeded(what, ex);
                        }

                        (failure, cause) = ($"no data for {client._options.BlobIdleTimeout.TotalSeconds:0.#} s", ex);
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException)
                    {
                        (failure, cause) = (ex.Message, ex);
                    }
                }

                if (_resumes >= client._options.MaxRetries)
                {
                    throw new OciException(OciErrorKind.Unreachable, $"{client.Description}: reading {what} failed after {_offset} bytes ({failure}), {_resumes} resumptions tried.", cause);
                }

                _resumes++;
                await ResumeAsync(cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _body.Dispose();
                _response.Dispose();
                deadline.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task ResumeAsync(CancellationToken cancellationToken)
        {
            _body.Dispose();
            _response.Dispose();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await Task.Delay(client.Backoff(_resumes - 1, null), linked.Token);
                var from = _offset;
                _response = await client.SendAsync(
                    () =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, client.BlobUrl(repository, digest));
                        request.Headers.Range = new RangeHeaderValue(from, null);
                        return request;
                    },
                    PullScope(repository),
                    retryable: true,
                    linked.Token,
                    crossHostRedirect: true);
                await client.EnsureSuccessAsync(_response, what, linked.Token);
                _body = await _response.Content.ReadAsStreamAsync(linked.Token);
                if (_response.StatusCode == HttpStatusCode.PartialContent)
                {
                    if (_response.Content.Headers.ContentRange?.From != from)
                    {
                        throw new OciException(OciErrorKind.Protocol, $"{client.Description}: {what}: the resumed download does not start at byte {from}.");
                    }

                    return;
                }

                // The registry ignored Range: read past what was already passed on.
                var skip = new byte[81920];
                for (var left = from; left > 0;)
                {
                    var read = await _body.ReadAsync(skip.AsMemory(0, (int)Math.Min(skip.Length, left)), linked.Token);
                    if (read == 0)
                    {
                        throw new OciException(OciErrorKind.Unreachable, $"{client.Description}: {what}: the resumed download ended before byte {from}.");
                    }

                    left -= read;
                }
            }
            catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw client.DeadlineExceeded(what, ex);
            }
        }
    }

    /// <summary>Lets HttpClient read the caller's stream without closing it (the caller may upload it again).</summary>
    private sealed class NonDisposingStream(Stream inner) : ForwardOnlyReadStream(inner, ownsInner: false)
    {
        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Inner.ReadAsync(buffer, cancellationToken);
    }
}
