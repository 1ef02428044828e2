using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Keyless;

/// <summary>A period in which a key or certificate authority may be used; an open end means "still valid".</summary>
/// <param name="Start">The first instant.</param>
/// <param name="End">The last instant, or null.</param>
public sealed record ValidityPeriod(DateTimeOffset Start, DateTimeOffset? End)
{
    /// <summary>Whether <paramref name="time"/> falls in the period.</summary>
    public bool Contains(DateTimeOffset time) => time >= Start && (End is null || time <= End);

    /// <inheritdoc />
    public override string ToString() => $"{Start:yyyy-MM-ddTHH:mm:ssZ}..{(End is { } end ? end.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : "")}";
}

/// <summary>A log's key: a Rekor transparency log or a certificate-transparency log.</summary>
/// <param name="BaseUrl">The log's URL, as the trusted root names it.</param>
/// <param name="LogId">The log id: SHA-256 of the key's DER SubjectPublicKeyInfo.</param>
/// <param name="Key">The key that signs the log's promises, checkpoints or SCTs.</param>
/// <param name="ValidFor">When the key may have signed.</param>
public sealed record LogKey(string BaseUrl, byte[] LogId, IVerifier Key, ValidityPeriod ValidFor)
{
    /// <summary>The log id in base64, as bundles write it.</summary>
    public string LogIdBase64 => Convert.ToBase64String(LogId);
}

/// <summary>A certificate authority (Fulcio or a timestamp authority) with its chain, leafmost first, root last.</summary>
/// <param name="Uri">The authority's URI.</param>
/// <param name="Chain">The chain, leafmost certificate first and the self-signed root last.</param>
/// <param name="ValidFor">When the authority may have issued.</param>
public sealed record CertificateAuthority(string Uri, IReadOnlyList<X509Certificate2> Chain, ValidityPeriod ValidFor);

/// <summary>Sigstore trust material as in <c>trusted_root.json</c> (media type <c>application/vnd.dev.sigstore.trustedroot+json;version=0.1</c>).</summary>
/// <param name="Source">Where it came from (a file path or the embedded root's name), for messages.</param>
/// <param name="TransparencyLogs">Rekor logs.</param>
/// <param name="CertificateAuthorities">Fulcio authorities.</param>
/// <param name="CtLogs">Certificate-transparency logs whose SCTs Fulcio embeds.</param>
/// <param name="TimestampAuthorities">RFC 3161 timestamp authorities.</param>
public sealed record TrustedRoot(
    string Source,
    IReadOnlyList<LogKey> TransparencyLogs,
    IReadOnlyList<CertificateAuthority> CertificateAuthorities,
    IReadOnlyList<LogKey> CtLogs,
    IReadOnlyList<CertificateAuthority> TimestampAuthorities)
{
    /// <summary>The name of the embedded public-good root in messages.</summary>
    public const string PublicGoodName = "Sigstore public-good trusted root (@sigstore/tuf 5.0.1, embedded)";

    private static readonly Lazy<TrustedRoot> EmbeddedPublicGood = new(LoadPublicGood);

    /// <summary>Sigstore's public-good root (Fulcio, Rekor, CT log, TSA), embedded from <c>@sigstore/tuf</c> 5.0.1.</summary>
    public static TrustedRoot PublicGood => EmbeddedPublicGood.Value;

    /// <summary>The Rekor log with this id, or null.</summary>
    public LogKey? FindTransparencyLog(ReadOnlySpan<byte> logId) => Find(TransparencyLogs, logId);

    /// <summary>The CT log with this id, or null.</summary>
    public LogKey? FindCtLog(ReadOnlySpan<byte> logId) => Find(CtLogs, logId);

    private static LogKey? Find(IReadOnlyList<LogKey> logs, ReadOnlySpan<byte> logId)
    {
        foreach (var log in logs)
        {
            if (logId.SequenceEqual(log.LogId))
            {
                return log;
            }
        }

        return null;
    }

    private static TrustedRoot LoadPublicGood()
    {
        using var stream = typeof(TrustedRoot).Assembly.GetManifestResourceStream("PipelineGuard.Signing.Keyless.public-good.trusted_root.json")
            ?? throw new InvalidOperationException("the embedded public-good trusted root is missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return TrustedRootReader.Read(buffer.ToArray(), PublicGoodName).GetValueOrThrow();
    }
}
