namespace PipelineGuard.Signing.Revocation;

/// <summary>
/// CRL files supplied for air-gapped runs: every <c>*.crl</c> file (DER or PEM) directly in the given folders, indexed by
/// issuer. A file that does not decode is reported by the check that would have used it; it is never silently a pass.
/// </summary>
internal sealed class CrlFileStore
{
    private readonly Lazy<(IReadOnlyList<(string File, CertificateRevocationList Crl)> Crls, IReadOnlyList<string> Problems)> loaded;

    public CrlFileStore(IReadOnlyList<string> directories, long maximumSize)
    {
        loaded = new Lazy<(IReadOnlyList<(string, CertificateRevocationList)>, IReadOnlyList<string>)>(() => Load(directories, maximumSize));
    }

    /// <summary>Files that could not be read as CRLs, with why.</summary>
    public IReadOnlyList<string> Problems => loaded.Value.Problems;

    /// <summary>The supplied CRLs whose issuer is <paramref name="issuerName"/> (DER of the name).</summary>
    public IEnumerable<(string File, CertificateRevocationList Crl)> For(ReadOnlyMemory<byte> issuerName)
    {
        foreach (var entry in loaded.Value.Crls)
        {
            if (entry.Crl.Issuer.RawData.AsSpan().SequenceEqual(issuerName.Span))
            {
                yield return entry;
            }
        }
    }

    private static (IReadOnlyList<(string, CertificateRevocationList)>, IReadOnlyList<string>) Load(IReadOnlyList<string> directories, long maximumSize)
    {
        var crls = new List<(string, CertificateRevocationList)>();
        var problems = new List<string>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(directory, "*.crl").Order(StringComparer.Ordinal))
            {
                try
                {
                    var info = new FileInfo(file);
                    if (info.Length > maximumSize)
                    {
                        problems.Add($"{file} is larger than {maximumSize} bytes");
                        continue;
                    }
                    crls.Add((file, CertificateRevocationList.Parse(File.ReadAllBytes(file))));
                }
                catch (RevocationDataException ex)
                {
                    problems.Add($"{file}: {ex.Message}");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{file} cannot be read: {ex.Message}");
                }
            }
        }
        return (crls, problems);
    }
}
