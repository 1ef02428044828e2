using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Testing.Pki;

/// <summary>How one test timestamp token is made; the defaults make a well-formed RFC 3161 token.</summary>
public sealed record TimestampTokenOptions
{
    /// <summary>The message imprint's hash algorithm.</summary>
    public HashAlgorithmName HashAlgorithm { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>The accuracy, or <see langword="null"/> for none.</summary>
    public TimeSpan? Accuracy { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the token carries the TSA certificate (and the intermediates).</summary>
    public bool IncludeCertificates { get; init; } = true;

    /// <summary>Whether the signed attributes carry the ESS signing-certificate-v2 attribute.</summary>
    public bool IncludeSigningCertificateAttribute { get; init; } = true;

    /// <summary>The eContentType; id-ct-TSTInfo unless a test wants another.</summary>
    public string ContentType { get; init; } = "1.2.840.113549.1.9.16.1.4";
}

/// <summary>
/// A test time-stamping authority: a root and a TSA certificate, building RFC 3161 TimeStampTokens (CMS SignedData over
/// a TSTInfo, with an ESSCertIDv2 signing-certificate attribute) for any data and generation time.
/// </summary>
public sealed class TestTimestampAuthority : IDisposable
{
    /// <summary>A TSA under a fresh root; the TSA certificate is valid from 2020 to 2100 unless <paramref name="tsa"/> says otherwise.</summary>
    public TestTimestampAuthority(string name = "PipelineGuard Test TSA", CertificateProfile? tsa = null, TestKeyKind key = TestKeyKind.Rsa2048)
    {
        Root = TestPki.Issue(CertificateProfile.Authority($"CN={name} Root,O=PipelineGuard Tests,C=US") with { Key = key });
        Certificate = TestPki.Issue(tsa ?? CertificateProfile.TimestampAuthority($"CN={name},O=PipelineGuard Tests,C=US") with { Key = key }, Root);
    }

    /// <summary>
    /// A TSA signing with <paramref name="certificate"/> (which has its private key) under <paramref name="root"/>, its
    /// tokens carrying <paramref name="intermediates"/> after the TSA certificate; it takes ownership of all of them.
    /// </summary>
    public TestTimestampAuthority(X509Certificate2 root, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        Root = root;
        Certificate = certificate;
        Intermediates = intermediates;
    }

    /// <summary>Certificates the tokens carry besides the TSA certificate (none unless the caller gave some).</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; } = [];

    /// <summary>The TSA root (trust anchor for the tsa store).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The certificate that signs tokens.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Builds a token over <paramref name="data"/> stamped at <paramref name="generationTime"/>.</summary>
    public byte[] Timestamp(ReadOnlySpan<byte> data, DateTimeOffset generationTime, TimestampTokenOptions? options = null)
    {
        options ??= new TimestampTokenOptions();
        var hash = options.HashAlgorithm.Name switch
        {
            "SHA256" => SHA256.HashData(data),
            "SHA384" => SHA384.HashData(data),
            "SHA512" => SHA512.HashData(data),
#pragma warning disable CA5350 // a weak imprint on purpose: the verifier must refuse it
            "SHA1" => SHA1.HashData(data),
#pragma warning restore CA5350
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        var hashOid = options.HashAlgorithm.Name switch
        {
            "SHA256" => "2.16.840.1.101.3.4.2.1",
            "SHA384" => "2.16.840.1.101.3.4.2.2",
            "SHA512" => "2.16.840.1.101.3.4.2.3",
            _ => "1.3.14.3.2.26",
        };
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive and minimally encoded: a leading zero byte is not DER, and strict decoders refuse the token
        var info = new Rfc3161TimestampTokenInfo(
            new Oid("1.3.6.1.4.1.99999.1"),
            new Oid(hashOid),
            hash,
            serial,
            generationTime,
            options.Accuracy is { } accuracy ? (long)(accuracy.Ticks / 10) : null);
        var cms = new SignedCms(new ContentInfo(new Oid(options.ContentType), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = options.IncludeCertificates ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        if (options.IncludeCertificates)
        {
            foreach (var intermediate in Intermediates)
            {
                signer.Certificates.Add(intermediate);
            }
        }
        if (options.IncludeSigningCertificateAttribute)
        {
            signer.SignedAttributes.Add(new AsnEncodedData("1.2.840.113549.1.9.16.2.47", SigningCertificateV2(Certificate)));
        }
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash (SHA-256, the default algorithm) } }
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
        }
        return writer.Encode();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Root.Dispose();
        Certificate.Dispose();
        foreach (var intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
