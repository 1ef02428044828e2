using System.Collections.Concurrent;

namespace PipelineGuard.Oci;

/// <summary>
/// One <see cref="RegistryClient"/> per registry for the length of a run, so that every image read from the same
/// registry shares its connections and its cached tokens instead of opening a new TLS connection and asking for a new
/// token per <c>FROM</c>. Thread-safe; disposing the pool disposes its clients.
/// </summary>
public sealed class RegistryClientPool : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RegistryClient>> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, RegistryClientOptions> _options;
    private bool _disposed;

    /// <summary>A pool whose clients for a registry are made with <paramref name="options"/> for that registry.</summary>
    public RegistryClientPool(Func<string, RegistryClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>How many clients the pool has made: one per registry asked for.</summary>
    public int Count => _clients.Count;

    /// <summary>The pool's client for <paramref name="registry"/>; the pool owns it, so the caller must not dispose it.</summary>
    public RegistryClient For(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = registry == "index.docker.io" ? ImageReference.DockerHub : registry;
        var lazy = _clients.GetOrAdd(key, name => new Lazy<RegistryClient>(() => new RegistryClient(name, _options(name)), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // An invalid registry name throws on every ask rather than caching the failure.
            _clients.TryRemove(new KeyValuePair<string, Lazy<RegistryClient>>(key, lazy));
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
