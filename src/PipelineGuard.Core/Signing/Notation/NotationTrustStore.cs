using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>
/// Notation's trust store: <c>x509/{ca,signingAuthority,tsa}/&lt;name&gt;/*.{crt,cer,pem}</c> under a root folder (trust
/// store and trust policy specification, Trust Store), or certificates held in memory (a built-in preset). A named
/// store confers trust only when a trust policy statement names it.
/// </summary>
public sealed class NotationTrustStore
{
    /// <summary>A certificate file bigger than this is refused.</summary>
    public const int MaximumFileSize = 1024 * 1024;

    private static readonly string[] Extensions = [".crt", ".cer", ".pem"];

    private readonly IReadOnlyList<string> roots;
    private readonly IReadOnlyDictionary<TrustStoreName, IReadOnlyList<X509Certificate2>> inMemory;
    private readonly Dictionary<TrustStoreName, IReadOnlyList<X509Certificate2>> loaded = [];

    private NotationTrustStore(IReadOnlyList<string> roots, IReadOnlyDictionary<TrustStoreName, IReadOnlyList<X509Certificate2>> inMemory, string description)
    {
        this.roots = roots;
        this.inMemory = inMemory;
        Description = description;
    }

    /// <summary>
    /// The folders of CRL files supplied for air-gapped runs: <c>crl/</c> beside each <c>x509/</c> folder (that is,
    /// <c>&lt;store&gt;/crl/*.crl</c>, DER or PEM); none for a store held in memory.
    /// </summary>
    public IReadOnlyList<string> CrlDirectories => roots.Select(r => Path.Combine(Path.GetDirectoryName(r) ?? r, "crl")).ToList();

    /// <summary>Where the store is, for messages.</summary>
    public string Description { get; }

    /// <summary>
    /// The store under <paramref name="directory"/>: the folder that holds <c>x509/</c>, or the <c>x509</c> folder itself.
    /// </summary>
    public static NotationTrustStore FromDirectory(string directory) => FromDirectories([directory]);

    /// <summary>
    /// The stores under several folders (as Notation's user and system trust stores): a named store is taken from the
    /// first folder that has it.
    /// </summary>
    public static NotationTrustStore FromDirectories(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var x509 = directories.Select(d =>
        {
            var full = Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar);
            return Path.GetFileName(full) == "x509" ? full : Path.Combine(full, "x509");
        }).ToList();
        return new NotationTrustStore(x509, new Dictionary<TrustStoreName, IReadOnlyList<X509Certificate2>>(), string.Join(Path.PathSeparator, directories.Select(Path.GetFullPath)));
    }

    /// <summary>A store held in memory (a built-in preset's certificates).</summary>
    public static NotationTrustStore FromCertificates(IReadOnlyDictionary<TrustStoreName, IReadOnlyList<X509Certificate2>> stores, string description) =>
        new([], stores, description);

    /// <summary>
    /// Checks every store the policy names exists and loads; returns the errors (file, field, what to do), empty when fine.
    /// </summary>
    public IReadOnlyList<TrustPolicyError> Validate(TrustPolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<TrustPolicyError>();
        foreach (var statement in policy.Statements)
        {
            for (var i = 0; i < statement.TrustStores.Count; i++)
            {
                var name = statement.TrustStores[i];
                var (_, problem) = Load(name);
                if (problem is not null)
                {
                    errors.Add(new TrustPolicyError(policy.Source, $"trustPolicies[{statement.Index}].trustStores[{i}]", $"'{name}': {problem}", roots.Count == 0
                        ? "name a store the preset defines"
                        : $"create {Path.Combine(roots[0], name.Type, name.Name)} holding the certificates, or fix the store name"));
                }
            }
        }
        return errors;
    }

    /// <summary>The certificates of one named store, or why it cannot be used.</summary>
    public (IReadOnlyList<X509Certificate2> Certificates, string? Problem) Load(TrustStoreName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (roots.Count == 0)
        {
            return inMemory.TryGetValue(name, out var certificates) ? (certificates, null) : ([], $"no such store in {Description}");
        }
        lock (loaded)
        {
            if (loaded.TryGetValue(name, out var cached))
            {
                return (cached, null);
            }
            var (certificates, problem) = LoadFromDisk(name);
            if (problem is null)
            {
                loaded[name] = certificates;
            }
            return (certificates, problem);
        }
    }

    private (IReadOnlyList<X509Certificate2>, string?) LoadFromDisk(TrustStoreName name)
    {
        var directory = roots.Select(r => new DirectoryInfo(Path.Combine(r, name.Type, name.Name))).FirstOrDefault(d => d.Exists);
        if (directory is null)
        {
            return ([], $"the store does not exist at {string.Join(" or ", roots.Select(r => Path.Combine(r, name.Type, name.Name)))}");
        }
        if (directory.LinkTarget is not null)
        {
            return ([], $"{directory.FullName} is a symbolic link; trust stores must be regular directories");
        }
        var certificates = new List<X509Certificate2>();
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry is DirectoryInfo)
            {
                // The specification ignores sub-directories of a named store.
                continue;
            }
            if (!Extensions.Contains(Path.GetExtension(entry.Name), StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (entry.LinkTarget is not null)
            {
                return ([], $"{entry.FullName} is a symbolic link; trust store certificates must be regular files");
            }
            var file = (FileInfo)entry;
            if (file.Length > MaximumFileSize)
            {
                return ([], $"{file.FullName} is larger than {MaximumFileSize} bytes");
            }
            try
            {
                certificates.AddRange(CertificateDecoder.FromDerOrPem(IO.InputFile.ReadAllBytes(file.FullName, MaximumFileSize)));
            }
            catch (CryptographicException ex)
            {
                return ([], $"{file.FullName} holds no valid certificate ({ex.Message})");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ([], $"{file.FullName} cannot be read ({ex.Message})");
            }
        }
        if (certificates.Count == 0)
        {
            return ([], $"{directory.FullName} holds no .crt, .cer or .pem certificate");
        }
        if (name.Type == "tsa")
        {
            var notRoot = certificates.FirstOrDefault(c => !IsRootCertificateAuthority(c));
            if (notRoot is not null)
            {
                return ([], $"'{notRoot.Subject}' is not a self-signed root CA certificate; tsa stores hold TSA roots");
            }
        }
        return (certificates, null);
    }

    internal static bool IsRootCertificateAuthority(X509Certificate2 certificate)
    {
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        return constraints is { CertificateAuthority: true }
            && certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData)
            && NotationChain.IsSignedBy(certificate, certificate);
    }
}
