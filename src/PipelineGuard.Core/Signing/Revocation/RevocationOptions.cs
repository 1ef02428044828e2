namespace PipelineGuard.Signing.Revocation;

/// <summary>How <see cref="RevocationChecker"/> finds revocation information.</summary>
public sealed record RevocationOptions
{
    /// <summary>Whether CRLs and OCSP responses may be fetched over HTTP; false for an air-gapped run (CRL files only).</summary>
    public bool Network { get; init; } = true;

    /// <summary>Where fetched CRLs are kept until their nextUpdate; null for no disk cache.</summary>
    public string? CacheDirectory { get; init; } = DefaultCacheDirectory;

    /// <summary>
    /// Folders of CRL files (<c>*.crl</c>, DER or PEM) supplied for air-gapped runs; a fresh CRL there from a
    /// certificate's issuer answers without the network. Notation trust stores keep them in <c>crl/</c> beside <c>x509/</c>.
    /// </summary>
    public IReadOnlyList<string> CrlDirectories { get; init; } = [];

    /// <summary>How long one CRL download may take (the specification's default threshold is 5 seconds).</summary>
    public TimeSpan CrlTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one OCSP request may take (the specification's default threshold is 2 seconds).</summary>
    public TimeSpan OcspTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest CRL accepted (Notation's limit: 32 MiB).</summary>
    public long MaximumCrlSize { get; init; } = 32L * 1024 * 1024;

    /// <summary>The largest OCSP response accepted (Notation's limit: 20 KiB).</summary>
    public long MaximumOcspResponseSize { get; init; } = 20 * 1024;

    /// <summary>How many HTTP redirects one request may follow.</summary>
    public int MaximumRedirects { get; init; } = 5;

    /// <summary>
    /// The per-user cache folder: <c>PipelineGuard/crl</c> under the local application data folder; null (no disk cache)
    /// when the user has none (no home folder), rather than a folder relative to wherever the tool runs.
    /// </summary>
    public static string? DefaultCacheDirectory
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.IsPathFullyQualified(data) ? Path.Combine(data, "PipelineGuard", "crl") : null;
        }
    }
}
