using System.Net;
using System.Net.Sockets;

namespace PipelineGuard.Testing;

/// <summary>A NuGet v3 feed served from the files under a folder on 127.0.0.1 (a free port), at most 100 requests.</summary>
public sealed class LoopbackFeed : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _serving;
    private int _requests;

    /// <summary>Starts serving <paramref name="root"/>.</summary>
    public LoopbackFeed(string root)
    {
        _root = root;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, ending in a slash.</summary>
    public string Url { get; }

    /// <summary>The service index URL: <c>v3/index.json</c> under the root.</summary>
    public string ServiceIndex => Url + "v3/index.json";

    /// <summary>Requests served so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <inheritdoc />
    public void Dispose()
    {
        // Close alone: Stop then Close makes the managed listener look its endpoint up again, and binding that port
        // anew fails ("Address already in use") when another test process has taken it meanwhile.
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was stopped under a pending request.
        }
    }

    private async Task ServeAsync()
    {
        // Bounded: a test makes a handful of requests; stop after 100 whatever happens.
        for (var i = 0; i < 100 && _listener.IsListening; i++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var path = Path.Combine(_root, context.Request.Url!.AbsolutePath.TrimStart('/'));
            if (File.Exists(path))
            {
                var bytes = await File.ReadAllBytesAsync(path);
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
