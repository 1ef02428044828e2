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

    /// <summary>Answer 302 with the Location given to <see cref="FaultProxy.InjectRedirect"/>, without asking the registry.</summary>
    Redirect,

    /// <summary>Answer the status given to <see cref="FaultProxy.InjectStatus"/> without asking the registry.</summary>
    Status,

    /// <summary>Send the registry's headers and half the body, then send nothing more until the proxy is disposed.</summary>
    StallBody,
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
    private readonly List<(string PathContains, Fault Fault, int Remaining, string? Location)> _faults = [];
    private readonly List<string> _log = [];
    private readonly List<(string PathContains, byte[] Body, string ContentType)> _served = [];
    private readonly List<string> _authorized = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public FaultProxy(RegistryFixture registry)
        : this(registry.BaseAddress)
    {
    }

    public FaultProxy(Uri target)
    {
        _target = target;
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

    /// <summary>Requests (method and path) that carried an Authorization header.</summary>
    public IReadOnlyList<string> Authorized
    {
        get
        {
            lock (_log)
            {
                return _authorized.ToList();
            }
        }
    }

    /// <summary>How long every write (PUT, POST, PATCH, DELETE) waits before it reaches the registry.</summary>
    public TimeSpan WriteLatency { get; set; }

    public void Inject(string pathContains, Fault fault, int times)
    {
        lock (_faults)
        {
            _faults.Add((pathContains, fault, times, null));
        }
    }

    /// <summary>Answers matching requests with <paramref name="status"/> and an empty body.</summary>
    public void InjectStatus(string pathContains, int status, int times)
    {
        lock (_faults)
        {
            _faults.Add((pathContains, Fault.Status, times, status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Answers matching requests with a 302 to <paramref name="location"/> (<c>{path}</c> in it becomes the request's path and query).</summary>
    public void InjectRedirect(string pathContains, string location, int times)
    {
        lock (_faults)
        {
            _faults.Add((pathContains, Fault.Redirect, times, location));
        }
    }

    /// <summary>Answers every request whose path contains <paramref name="pathContains"/> with 200, <paramref name="contentType"/> and <paramref name="body"/> (a registry feature the real one lacks, such as the referrers API).</summary>
    public void Serve(string pathContains, byte[] body, string contentType)
    {
        lock (_faults)
        {
            _served.Add((pathContains, body, contentType));
        }
    }

    public int Count(string method, string pathContains) => Log.Count(l => l.StartsWith(method + " ", StringComparison.Ordinal) && l.Contains(pathContains, StringComparison.Ordinal));

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _upstream.Dispose();
        _stopping.Dispose();
    }

    private (Fault Fault, string? Location)? Take(string path)
    {
        lock (_faults)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                if (_faults[i].Remaining > 0 && path.Contains(_faults[i].PathContains, StringComparison.Ordinal))
                {
                    _faults[i] = _faults[i] with { Remaining = _faults[i].Remaining - 1 };
                    return (_faults[i].Fault, _faults[i].Location);
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
            if (request.Headers["Authorization"] is not null)
            {
                _authorized.Add($"{request.HttpMethod} {path}");
            }
        }

        try
        {
            (string PathContains, byte[] Body, string ContentType)? served;
            lock (_faults)
            {
                served = _served.Where(s => path.Contains(s.PathContains, StringComparison.Ordinal)).Select(s => ((string, byte[], string)?)s).FirstOrDefault();
            }

            if (served is { } canned)
            {
                response.StatusCode = 200;
                response.ContentType = canned.ContentType;
                response.ContentLength64 = canned.Body.Length;
                await response.OutputStream.WriteAsync(canned.Body);
                response.Close();
                return;
            }

            var taken = Take(path);
            var fault = taken?.Fault;
            if (fault == Fault.Redirect)
            {
                response.StatusCode = 302;
                response.Headers["Location"] = taken!.Value.Location!.Replace("{path}", path, StringComparison.Ordinal);
                response.Close();
                return;
            }

            if (fault == Fault.Status)
            {
                response.StatusCode = int.Parse(taken!.Value.Location!, System.Globalization.CultureInfo.InvariantCulture);
                response.Close();
                return;
            }

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

            if (WriteLatency > TimeSpan.Zero && request.HttpMethod is "PUT" or "POST" or "PATCH" or "DELETE")
            {
                await Task.Delay(WriteLatency);
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

            if (fault == Fault.StallBody)
            {
                await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await response.OutputStream.FlushAsync();
                try
                {
                    await Task.Delay(Timeout.Infinite, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                }

                response.Abort();
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
