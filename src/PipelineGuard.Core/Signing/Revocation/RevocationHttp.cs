using System.Net;
using System.Net.Http.Headers;

namespace PipelineGuard.Signing.Revocation;

/// <summary>
/// Fetches CRLs and OCSP responses: http and https URLs only (also after a redirect), no credentials or cookies, a bounded
/// number of redirects, a timeout over the whole exchange and a bounded body.
/// </summary>
internal sealed class RevocationHttp
{
    private static readonly HttpClient Shared = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        Credentials = null,
        PreAuthenticate = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly int maximumRedirects;

    public RevocationHttp(int maximumRedirects) => this.maximumRedirects = maximumRedirects;

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL without user information.</summary>
    public static bool IsAllowed(string url, out Uri? uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>GETs <paramref name="url"/>; the body, or why there is none.</summary>
    public Task<(byte[]? Body, string? Problem)> GetAsync(string url, TimeSpan timeout, long maximumSize, CancellationToken cancellationToken) =>
        SendAsync(url, null, null, timeout, maximumSize, cancellationToken);

    /// <summary>POSTs <paramref name="body"/> to <paramref name="url"/>; the response body, or why there is none.</summary>
    public Task<(byte[]? Body, string? Problem)> PostAsync(string url, byte[] body, string contentType, TimeSpan timeout, long maximumSize, CancellationToken cancellationToken) =>
        SendAsync(url, body, contentType, timeout, maximumSize, cancellationToken);

    private async Task<(byte[]?, string?)> SendAsync(string url, byte[]? body, string? contentType, TimeSpan timeout, long maximumSize, CancellationToken cancellationToken)
    {
        if (!IsAllowed(url, out var uri))
        {
            return (null, $"{url} is not an http or https URL without credentials");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, uri);
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
                }
                using var response = await Shared.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (redirects >= maximumRedirects)
                    {
                        return (null, $"{url}: more than {maximumRedirects} redirects");
                    }
                    if (body is not null && status is not (307 or 308))
                    {
                        return (null, $"{uri}: redirect {status} would turn the POST into a GET");
                    }
                    var location = response.Headers.Location;
                    if (location is null)
                    {
                        return (null, $"{uri}: redirect {status} without a Location");
                    }
                    var next = location.IsAbsoluteUri ? location : new Uri(uri!, location);
                    if (!IsAllowed(next.ToString(), out uri))
                    {
                        return (null, $"{url}: redirected to {next}, which is not an http or https URL without credentials");
                    }
                    continue;
                }
                if (status < 200 || status > 299)
                {
                    return (null, $"{uri} answered HTTP {status}");
                }
                if (response.Content.Headers.ContentLength is { } length && length > maximumSize)
                {
                    return (null, $"{uri}: the response of {length} bytes is larger than the limit of {maximumSize} bytes");
                }
                await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, deadline.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maximumSize)
                    {
                        return (null, $"{uri}: the response is larger than the limit of {maximumSize} bytes");
                    }
                    buffer.Write(chunk, 0, read);
                }
                return (buffer.ToArray(), null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{uri}: no answer within {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"{uri} is unreachable: {ex.Message}");
        }
        catch (IOException ex)
        {
            return (null, $"{uri}: the response could not be read: {ex.Message}");
        }
    }
}
