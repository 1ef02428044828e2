using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PipelineGuard.Testing.Pki;

/// <summary>What the loopback revocation server does with a request to one path.</summary>
public abstract record ServedResponse
{
    /// <summary>200 with a body (and its Content-Length).</summary>
    public sealed record Body(byte[] Bytes, string ContentType = "application/pkix-crl") : ServedResponse;

    /// <summary>A bare status code.</summary>
    public sealed record Status(int Code) : ServedResponse;

    /// <summary>A 302 to <paramref name="Location"/>.</summary>
    public sealed record Redirect(string Location, int Code = 302) : ServedResponse;

    /// <summary>Never answers (until the server is disposed): the client must time out.</summary>
    public sealed record Hang : ServedResponse;

    /// <summary>200 with <paramref name="Length"/> bytes, chunked (no Content-Length) or with the length declared.</summary>
    public sealed record Flood(long Length, bool DeclareLength) : ServedResponse;
}

/// <summary>
/// A CRL distribution point and OCSP responder on 127.0.0.1 (a free port) for a test CA: each path answers as its
/// handler says, and every request is counted, so tests can tell a cache hit from a download without timing anything.
/// An OCSP GET (RFC 6960 appendix A.1, <c>&lt;path&gt;/&lt;url-encoded base64 request&gt;</c>) reaches the handler of
/// <c>&lt;path&gt;</c> with the decoded request as its body, and is counted there.
/// </summary>
public sealed class RevocationServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, Func<byte[], ServedResponse>> handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, string Method)> methods = new();
    private readonly Task serving;

    /// <summary>Starts listening.</summary>
    public RevocationServer()
    {
        Url = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, ending in a slash.</summary>
    public string Url { get; }

    /// <summary>A URL on a port where nothing listens.</summary>
    public static string UnreachableUrl(string path) => $"http://127.0.0.1:{FreePort()}/{path}";

    /// <summary>Answers requests to <paramref name="path"/> (no leading slash) with <paramref name="handler"/> (given the request body).</summary>
    public void Serve(string path, Func<byte[], ServedResponse> handler) => handlers[path] = handler;

    /// <summary>Answers requests to <paramref name="path"/> with <paramref name="response"/>.</summary>
    public void Serve(string path, ServedResponse response) => Serve(path, _ => response);

    /// <summary>The HTTP methods of the requests that reached <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<string> MethodsTo(string path) => methods.Where(m => m.Path == path).Select(m => m.Method).ToList();

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int RequestsTo(string path) => counts.TryGetValue(path, out var n) ? n : 0;

    /// <inheritdoc />
    public void Dispose()
    {
        stopping.Cancel();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped under a pending request.
        }
        stopping.Dispose();
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        // Bounded: no test makes more than a few hundred requests.
        for (var i = 0; i < 1000 && listener.IsListening; i++)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, stopping.Token);
            var request = body.ToArray();
            var raw = (context.Request.RawUrl ?? string.Empty).TrimStart('/');
            var slash = raw.LastIndexOf('/');
            if (!handlers.ContainsKey(path) && context.Request.HttpMethod == "GET" && slash > 0 && handlers.ContainsKey(raw[..slash])
                && TryBase64(Uri.UnescapeDataString(raw[(slash + 1)..]), out var encoded))
            {
                (path, request) = (raw[..slash], encoded);
            }
            counts.AddOrUpdate(path, 1, (_, n) => n + 1);
            methods.Enqueue((path, context.Request.HttpMethod));
            var response = handlers.TryGetValue(path, out var handler) ? handler(request) : new ServedResponse.Status(404);
            switch (response)
            {
                case ServedResponse.Body b:
                    context.Response.ContentType = b.ContentType;
                    context.Response.ContentLength64 = b.Bytes.Length;
                    await context.Response.OutputStream.WriteAsync(b.Bytes, stopping.Token);
                    break;
                case ServedResponse.Status s:
                    context.Response.StatusCode = s.Code;
                    break;
                case ServedResponse.Redirect r:
                    context.Response.StatusCode = r.Code;
                    context.Response.RedirectLocation = r.Location;
                    break;
                case ServedResponse.Hang:
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                    break;
                case ServedResponse.Flood f:
                    if (f.DeclareLength)
                    {
                        context.Response.ContentLength64 = f.Length;
                    }
                    else
                    {
                        context.Response.SendChunked = true;
                    }
                    var chunk = new byte[64 * 1024];
                    for (long sent = 0; sent < f.Length; sent += chunk.Length)
                    {
                        await context.Response.OutputStream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, f.Length - sent)), stopping.Token);
                    }
                    break;
            }
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // The client went away (a timeout or a refused body) or the server is stopping.
            context.Response.Abort();
        }
    }
}
