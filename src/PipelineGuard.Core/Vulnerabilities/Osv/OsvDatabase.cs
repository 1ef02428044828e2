using System.IO.Compression;

namespace PipelineGuard.Vulnerabilities.Osv;

/// <summary>
/// OSV records from folders of <c>.json</c> files and OSV's <c>all.zip</c> exports, indexed once by (ecosystem, package
/// name). The index holds where each record is, not the record: a lookup reads and parses only the records of the
/// package asked for. A source that cannot be read, or a record that is not OSV, is an error: the matcher reports it
/// as "could not check" rather than pass the packages it might have covered.
/// </summary>
internal sealed class OsvDatabase : IDisposable
{
    private readonly List<string> _sources = [];
    private readonly List<ZipArchive?> _archives = [];
    private readonly List<(int Source, string Path)> _records = [];
    private readonly Dictionary<(string Key, string Name), List<int>> _index = [];
    private readonly List<string> _errors = [];

    private OsvDatabase()
    {
    }

    /// <summary>The sources, as given.</summary>
    public IReadOnlyList<string> Sources => _sources;

    /// <summary>What could not be read, each naming the file or zip entry and the field.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>How many records the index holds.</summary>
    public int RecordCount => _records.Count;

    /// <summary>Opens and indexes every source (a folder, searched recursively, or a zip). Never throws for bad input.</summary>
    public static OsvDatabase Open(IEnumerable<string> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var database = new OsvDatabase();
        foreach (var source in sources)
        {
            database.Add(source, cancellationToken);
        }

        return database;
    }

    private void Add(string source, CancellationToken cancellationToken)
    {
        var index = _sources.Count;
        _sources.Add(source);
        try
        {
            if (Directory.Exists(source))
            {
                _archives.Add(null);
                foreach (var file in Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var info = new FileInfo(file);
                    if (info.Length > OsvReader.MaxRecordBytes)
                    {
                        _errors.Add($"{file}: {info.Length} bytes is more than an OSV record may hold ({OsvReader.MaxRecordBytes})");
                        continue;
                    }

                    IndexRecord(index, file, File.ReadAllBytes(file), file);
                }
            }
            else if (File.Exists(source))
            {
                var archive = ZipFile.OpenRead(source);
                _archives.Add(archive);
                foreach (var entry in archive.Entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (entry.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    {
                        var origin = $"{source}!{entry.FullName}";
                        var bytes = ReadEntry(entry, origin, out var error);
                        if (error is not null)
                        {
                            _errors.Add(error);
                            continue;
                        }

                        IndexRecord(index, entry.FullName, bytes!, origin);
                    }
                }
            }
            else
            {
                _archives.Add(null);
                _errors.Add($"{source}: no such folder or zip file of OSV records");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            if (_archives.Count == index)
            {
                _archives.Add(null);
            }

            _errors.Add($"{source}: cannot be read as OSV records: {e.Message}");
        }
    }

    private void IndexRecord(int source, string path, byte[] bytes, string origin)
    {
        var (_, packages, error) = OsvReader.ReadPackages(bytes, origin);
        if (error is not null)
        {
            _errors.Add(error);
            return;
        }

        var record = _records.Count;
        _records.Add((source, path));
        foreach (var (ecosystem, name) in packages)
        {
            var key = (OsvEcosystems.Key(ecosystem), name.ToLowerInvariant());
            if (!_index.TryGetValue(key, out var list))
            {
                _index[key] = list = [];
            }

            if (list.Count == 0 || list[^1] != record)
            {
                list.Add(record);
            }
        }
    }

    /// <summary>Whether any record names this package in this ecosystem.</summary>
    public bool Contains(string key, string name) => _index.ContainsKey((key, name));

    /// <summary>The records for a package (each with only that package's affected entries), and what could not be read.</summary>
    public (List<OsvAdvisory> Advisories, List<string> Errors) Lookup(string key, string name)
    {
        var advisories = new List<OsvAdvisory>();
        var errors = new List<string>();
        if (!_index.TryGetValue((key, name), out var records))
        {
            return (advisories, errors);
        }

        foreach (var record in records)
        {
            var (source, path) = _records[record];
            var archive = _archives[source];
            var origin = archive is null ? path : $"{_sources[source]}!{path}";
            byte[]? bytes;
            string? error = null;
            try
            {
                bytes = archive is null ? File.ReadAllBytes(path) : ReadEntry(archive.GetEntry(path)!, origin, out error);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                bytes = null;
                error = $"{origin}: {e.Message}";
            }

            if (bytes is null)
            {
                errors.Add(error ?? $"{origin}: cannot be read");
                continue;
            }

            var (advisory, readError) = OsvReader.Read(bytes, origin, (e, n) => OsvEcosystems.Key(e) == key && string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (readError is not null)
            {
                errors.Add(readError);
            }
            else if (!advisories.Any(a => a.Id == advisory!.Id))
            {
                advisories.Add(advisory!);
            }
        }

        return (advisories, errors);
    }

    private static byte[]? ReadEntry(ZipArchiveEntry entry, string origin, out string? error)
    {
        error = null;
        if (entry.Length > OsvReader.MaxRecordBytes)
        {
            error = $"{origin}: {entry.Length} bytes is more than an OSV record may hold ({OsvReader.MaxRecordBytes})";
            return null;
        }

        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var archive in _archives)
        {
            archive?.Dispose();
        }
    }
}
