using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>
/// Revocation as the Notary Project trust policy specification and Notation 1.3 do it. For each certificate of the chain
/// but the root: one naming neither an OCSP responder nor a CRL distribution point is not revocable; otherwise a fresh CRL
/// file from its issuer answers first (air-gapped runs), then OCSP (each responder in turn until one answers), falling back
/// to the CRL distribution points (each in turn until one gives a CRL) when OCSP cannot tell. CRLs are cached on disk until
/// their nextUpdate. As in Notation 1.3: an OCSP request goes by GET when its base64 form is shorter than 255 characters and
/// by POST otherwise; OCSP responses are not cached (each verification asks again); a base CRL that points to a delta CRL
/// (freshestCRL) and a delta CRL itself cannot decide (notation-core-go added delta CRLs only in its 1.3.0, after Notation 1.3). Whatever cannot be determined (offline, unreachable, timed out, oversized, expired, badly signed,
/// unauthorised responder) is <see cref="RevocationStatus.Unknown"/>, which the trust policy level then enforces or logs.
/// </summary>
public sealed class RevocationChecker : IRevocationChecker
{
    private const int Hold = CertificateRevocationList.CertificateHold;

    private readonly RevocationOptions options;
    private readonly RevocationHttp http;
    private readonly CrlCache? cache;
    private readonly CrlFileStore files;
    private readonly ConcurrentDictionary<string, CertificateRevocationList> fetched = new(StringComparer.Ordinal);

    /// <summary>A checker with <paramref name="options"/> (the defaults: network on, the per-user cache, no CRL files).</summary>
    public RevocationChecker(RevocationOptions? options = null)
    {
        this.options = options ?? new RevocationOptions();
        http = new RevocationHttp(this.options.MaximumRedirects);
        cache = this.options.CacheDirectory is { } directory ? new CrlCache(directory, this.options.MaximumCrlSize) : null;
        files = new CrlFileStore(this.options.CrlDirectories, this.options.MaximumCrlSize);
    }

    /// <inheritdoc />
    public Task<RevocationCheckResult> CheckAsync(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        CheckAsync(chain, at, null, cancellationToken);

    /// <inheritdoc />
    public async Task<RevocationCheckResult> CheckAsync(IReadOnlyList<X509Certificate2> chain, DateTimeOffset at, DateTimeOffset? authenticSigningTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            return new RevocationCheckResult(RevocationStatus.Unknown, "the chain is empty");
        }
        var checks = new Task<CertificateRevocationResult>[chain.Count];
        for (var i = 0; i < chain.Count - 1; i++)
        {
            checks[i] = CheckOneAsync(chain[i], chain[i + 1], at, authenticSigningTime, cancellationToken);
        }
        // The root is trusted as such; no CRL or OCSP can speak for it.
        checks[^1] = Task.FromResult(new CertificateRevocationResult(chain[^1].Subject, RevocationStatus.Good, RevocationMethod.None, "the root is not checked"));
        var results = await Task.WhenAll(checks).ConfigureAwait(false);

        var revoked = results.FirstOrDefault(r => r.Status == RevocationStatus.Revoked);
        if (revoked is not null)
        {
            return new RevocationCheckResult(RevocationStatus.Revoked, $"'{revoked.Subject}' is revoked: {revoked.Message}") { Certificates = results };
        }
        var unknown = results.FirstOrDefault(r => r.Status == RevocationStatus.Unknown);
        if (unknown is not null)
        {
            return new RevocationCheckResult(RevocationStatus.Unknown, $"the revocation status of '{unknown.Subject}' cannot be determined: {unknown.Message}") { Certificates = results };
        }
        var checkedOnes = results.Where(r => r.Method != RevocationMethod.None).ToList();
        return new RevocationCheckResult(RevocationStatus.Good, checkedOnes.Count == 0
            ? "no certificate of the chain names a CRL or OCSP responder"
            : "not revoked: " + string.Join("; ", checkedOnes.Select(r => $"'{r.Subject}' ({r.Message})"))) { Certificates = results };
    }

    private async Task<CertificateRevocationResult> CheckOneAsync(X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at, DateTimeOffset? signingTime, CancellationToken cancellationToken)
    {
        var subject = certificate.Subject;
        var ocspUrls = RevocationEndpoints.OcspUrls(certificate);
        var crlUrls = RevocationEndpoints.CrlUrls(certificate);
        if (ocspUrls.Count == 0 && crlUrls.Count == 0)
        {
            return new CertificateRevocationResult(subject, RevocationStatus.Good, RevocationMethod.None, "names no CRL distribution point or OCSP responder");
        }

        var problems = new List<string>();
        var file = FromFiles(certificate, issuer, at, signingTime, problems);
        if (file is not null)
        {
            return file;
        }
        if (!options.Network)
        {
            problems.Add("the network is off and no usable CRL file from its issuer was supplied");
            return Unknown(subject, problems);
        }

        foreach (var url in ocspUrls)
        {
            var (status, problem) = await OcspAsync(url, certificate, issuer, at, signingTime, cancellationToken).ConfigureAwait(false);
            if (status is not null)
            {
                if (status.Status != RevocationStatus.Unknown || crlUrls.Count == 0)
                {
                    return status;
                }
                problems.Add(status.Message);
                break;
            }
            problems.Add(problem!);
        }

        foreach (var url in crlUrls)
        {
            var (crl, problem) = await CrlAsync(url, issuer, at, cancellationToken).ConfigureAwait(false);
            if (crl is not null)
            {
                return Decide(subject, crl, certificate, signingTime, RevocationMethod.Crl, "CRL " + url);
            }
            problems.Add(problem!);
        }
        return Unknown(subject, problems);
    }

    private CertificateRevocationResult? FromFiles(X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at, DateTimeOffset? signingTime, List<string> problems)
    {
        CertificateRevocationList? best = null;
        string? bestFile = null;
        foreach (var (path, crl) in files.For(issuer.SubjectName.RawData))
        {
            var problem = crl.Problem(issuer, at);
            if (problem is not null)
            {
                problems.Add($"CRL file {path}: {problem}");
            }
            else if (best is null || crl.ThisUpdate > best.ThisUpdate)
            {
                (best, bestFile) = (crl, path);
            }
        }
        return best is null ? null : Decide(certificate.Subject, best, certificate, signingTime, RevocationMethod.CrlFile, "CRL file " + bestFile);
    }

    private async Task<(CertificateRevocationResult?, string?)> OcspAsync(string url, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at, DateTimeOffset? signingTime, CancellationToken cancellationToken)
    {
        // GET when the encoded request is short (so responders and caches in front of them can serve it), else POST, as Notation 1.3 does.
        var request = OcspRequestEncoder.Encode(certificate, issuer);
        var getUrl = OcspRequestEncoder.GetUrl(url, request);
        var (body, problem) = getUrl is not null
            ? await http.GetAsync(getUrl, options.OcspTimeout, options.MaximumOcspResponseSize, cancellationToken).ConfigureAwait(false)
            : await http.PostAsync(url, request, "application/ocsp-request", options.OcspTimeout, options.MaximumOcspResponseSize, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            // Name the responder, not the request it carried in its path.
            return (null, "OCSP " + (getUrl is null ? problem : problem!.Replace(getUrl, url + " (GET)", StringComparison.Ordinal)));
        }
        OcspStatus status;
        try
        {
            status = OcspResponse.Verify(body, certificate, issuer, at);
        }
        catch (RevocationDataException ex)
        {
            return (null, $"OCSP {url}: {ex.Message}");
        }
        var subject = certificate.Subject;
        var where = "OCSP " + url;
        if (status.DelegatedResponder is { } responder && !status.ResponderNoCheck && RevocationEndpoints.CrlUrls(responder).Count > 0)
        {
            // Without id-pkix-ocsp-nocheck the responder's own certificate must be checked, with CRLs (specification).
            var responderCheck = await CheckResponderAsync(responder, issuer, at, cancellationToken).ConfigureAwait(false);
            if (responderCheck is not null)
            {
                return (null, $"{where}: the responder '{responder.Subject}' {responderCheck}");
            }
        }
        return status.Status switch
        {
            OcspCertificateStatus.Good => (new CertificateRevocationResult(subject, RevocationStatus.Good, RevocationMethod.Ocsp, where + ": good"), null),
            OcspCertificateStatus.Revoked when signingTime is { } signed && status.InvalidityDate is { } invalid && signed < invalid =>
                (new CertificateRevocationResult(subject, RevocationStatus.Good, RevocationMethod.Ocsp, $"{where}: revoked, but its invalidity date {CertificateRevocationList.Format(invalid)} is after the authentic signing time"), null),
            OcspCertificateStatus.Revoked => (new CertificateRevocationResult(subject, RevocationStatus.Revoked, RevocationMethod.Ocsp, $"{where}: revoked on {CertificateRevocationList.Format(status.RevocationTime!.Value)}{ReasonText(status.Reason)}"), null),
            _ => (new CertificateRevocationResult(subject, RevocationStatus.Unknown, RevocationMethod.Ocsp, where + ": the responder does not know the certificate"), null),
        };
    }

    private async Task<string?> CheckResponderAsync(X509Certificate2 responder, X509Certificate2 issuer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var url in RevocationEndpoints.CrlUrls(responder))
        {
            var (crl, problem) = await CrlAsync(url, issuer, at, cancellationToken).ConfigureAwait(false);
            if (crl is not null)
            {
                var decided = Decide(responder.Subject, crl, responder, null, RevocationMethod.Crl, "CRL " + url);
                return decided.Status == RevocationStatus.Good ? null : "is revoked: " + decided.Message;
            }
            problems.Add(problem!);
        }
        return "has no determinable revocation status: " + string.Join("; ", problems);
    }

    private async Task<(CertificateRevocationList?, string?)> CrlAsync(string url, X509Certificate2 issuer, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (fetched.TryGetValue(url, out var known) && known.Problem(issuer, at) is null)
        {
            return (known, null);
        }
        if (cache?.Read(url) is { } cached)
        {
            try
            {
                var crl = CertificateRevocationList.Parse(cached);
                if (crl.Problem(issuer, at) is null)
                {
                    fetched[url] = crl;
                    return (crl, null);
                }
            }
            catch (RevocationDataException)
            {
                // A damaged cache entry is fetched again.
            }
        }
        var (body, problem) = await http.GetAsync(url, options.CrlTimeout, options.MaximumCrlSize, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, "CRL " + problem);
        }
        CertificateRevocationList downloaded;
        try
        {
            downloaded = CertificateRevocationList.Parse(body);
        }
        catch (RevocationDataException ex)
        {
            return (null, $"CRL {url}: {ex.Message}");
        }
        var invalid = downloaded.Problem(issuer, at);
        if (invalid is not null)
        {
            return (null, $"CRL {url}: {invalid}");
        }
        fetched[url] = downloaded;
        cache?.Write(url, downloaded.Encoded);
        return (downloaded, null);
    }

    private static CertificateRevocationResult Decide(string subject, CertificateRevocationList crl, X509Certificate2 certificate, DateTimeOffset? signingTime, RevocationMethod method, string where)
    {
        var entry = crl.Find(certificate);
        if (entry is null || entry.Reason == CertificateRevocationList.RemoveFromCrl)
        {
            return new CertificateRevocationResult(subject, RevocationStatus.Good, method, $"{where}: not listed");
        }
        if (signingTime is { } signed && entry.InvalidityDate is { } invalid && signed < invalid && entry.Reason != Hold)
        {
            return new CertificateRevocationResult(subject, RevocationStatus.Good, method, $"{where}: listed, but its invalidity date {CertificateRevocationList.Format(invalid)} is after the authentic signing time");
        }
        return new CertificateRevocationResult(subject, RevocationStatus.Revoked, method, $"{where}: revoked on {CertificateRevocationList.Format(entry.RevocationTime)}{ReasonText(entry.Reason)}");
    }

    private static CertificateRevocationResult Unknown(string subject, List<string> problems) =>
        new(subject, RevocationStatus.Unknown, RevocationMethod.None, string.Join("; ", problems));

    private static string ReasonText(int? reason) => reason switch
    {
        null => string.Empty,
        0 => " (unspecified)",
        1 => " (keyCompromise)",
        2 => " (cACompromise)",
        3 => " (affiliationChanged)",
        4 => " (superseded)",
        5 => " (cessationOfOperation)",
        6 => " (certificateHold)",
        9 => " (privilegeWithdrawn)",
        10 => " (aACompromise)",
        _ => $" (reason {reason})",
    };
}
