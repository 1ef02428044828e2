using System.Net;
using PipelineGuard.Testing;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>What the proxy does to one matching request.</summary>
internal enum Fault
{
    /// <summary>Answer 500 without asking the registry.</summary>
    ServerError,

    /// <summary>Answer 429 with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,

    /// <summary>Send the registry's headers but only half the body, then cut the connection.</summary>
    Truncate,

    /// <summary>Send the registry's answer with one byte of the body changed.</summary>
    Corrupt,
}

/// <summary>
/// A loopback HTTP proxy in front of a real registry that injects faults into requests whose path contains a given
/// text, a given number of times, and logs every request it sees.
/// </summary>
internal sealed class FaultProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly Uri _target;
    private readonly List<(string PathContains, Fault Fault, int Remaining)> _faults = [];
    private readonly List<string> _log = [];
    private readonly Task _loop;

    public FaultProxy(RegistryFixture registry)
    {
        _target = registry.BaseAddress;
        var port = RegistryFixture.FreePort();
        Host = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://{Host}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Host { get; }

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToList();
            }
        }
    }

    public void Inject(string pathContains, Fault fault, int times)
    {
        lock (_faults)
        {
            _faults.Add((pathContains, fault, times));
        }
    }

    public int Count(string method, string pathContains) => Log.Count(l => l.StartsWith(method + " ", StringComparison.Ordinal) && l.Contains(pathContains, StringComparison.Ordinal));

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

        _upstream.Dispose();
    }

    private Fault? Take(string path)
    {
        lock (_faults)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                if (_faults[i].Remaining > 0 && path.Contains(_faults[i].PathContains, StringComparison.Ordinal))
                {
                    _faults[i] = _faults[i] with { Remaining = _faults[i].Remaining - 1 };
                    return _faults[i].Fault;
                }
            }
        }

        return null;
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.PathAndQuery;
        lock (_log)
        {
            _log.Add($"{request.HttpMethod} {path}");
        }

        try
        {
            var fault = Take(path);
            if (fault is Fault.ServerError or Fault.TooManyRequests)
            {
                response.StatusCode = fault == Fault.ServerError ? 500 : 429;
                if (fault == Fault.TooManyRequests)
                {
                    response.Headers["Retry-After"] = "1";
                }

                response.Close();
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, path));
            if (request.HasEntityBody)
            {
                using var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body);
                forward.Content = new ByteArrayContent(body.ToArray());
                if (request.ContentType is not null)
                {
                    forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
                }
            }

            foreach (var name in request.Headers.AllKeys.OfType<string>())
            {
                if (name is not ("Host" or "Content-Length" or "Content-Type" or "Connection" or "Expect"))
                {
                    forward.Headers.TryAddWithoutValidation(name, request.Headers.GetValues(name) ?? []);
                }
            }

            using var answer = await _upstream.SendAsync(forward);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (name is "Content-Length" or "Transfer-Encoding" or "Connection" or "Date" or "Server")
                {
                    continue;
                }

                var value = string.Join(", ", values);
                response.Headers[name] = name == "Location" ? value.Replace(_target.Authority, Host, StringComparison.Ordinal) : value;
            }

            if (fault == Fault.Corrupt && bytes.Length > 0)
            {
                bytes[bytes.Length / 2] ^= 0x20;
            }

            response.ContentLength64 = bytes.Length;
            if (request.HttpMethod == "HEAD")
            {
                response.Close();
                return;
            }

            if (fault == Fault.Truncate)
            {
                await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }

            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            response.Abort();
        }
    }
}
