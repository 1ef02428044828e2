using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Revocation;

/// <summary>One revoked certificate of a CRL.</summary>
/// <param name="RevocationTime">When the CA revoked it.</param>
/// <param name="Reason">The CRLReason code, if the entry names one (6 is certificateHold, 8 removeFromCRL).</param>
/// <param name="InvalidityDate">Since when the key is known or suspected compromised, if the entry says.</param>
public sealed record RevokedCertificate(DateTimeOffset RevocationTime, int? Reason, DateTimeOffset? InvalidityDate);

/// <summary>
/// An X.509 CRL (RFC 5280 section 5) decoded from DER or PEM: its issuer, update times, number and revoked serials. It is
/// only data until <see cref="Problem"/> says it is signed by the issuer and fresh.
/// </summary>
public sealed class CertificateRevocationList
{
    /// <summary>The reason code of a certificate on hold (temporarily revoked).</summary>
    public const int CertificateHold = 6;

    /// <summary>The reason code of an entry that lifts a hold (delta CRLs).</summary>
    public const int RemoveFromCrl = 8;

    private const string CrlNumberOid = "2.5.29.20";
    private const string DeltaCrlIndicatorOid = "2.5.29.27";
    private const string IssuingDistributionPointOid = "2.5.29.28";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";
    private const string FreshestCrlOid = "2.5.29.46";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string InvalidityDateOid = "2.5.29.24";

    private readonly byte[] signed;
    private readonly byte[] algorithm;
    private readonly byte[] signature;
    private readonly Dictionary<string, RevokedCertificate> revoked;
    private readonly string? unsupportedCritical;

    private CertificateRevocationList(byte[] encoded, byte[] signed, byte[] algorithm, byte[] signature, X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, BigInteger? number, bool isDelta, bool hasFreshest, Dictionary<string, RevokedCertificate> revoked, string? unsupportedCritical)
    {
        Encoded = encoded;
        this.signed = signed;
        this.algorithm = algorithm;
        this.signature = signature;
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        Number = number;
        IsDelta = isDelta;
        HasFreshestCrl = hasFreshest;
        this.revoked = revoked;
        this.unsupportedCritical = unsupportedCritical;
    }

    /// <summary>The DER encoding.</summary>
    public byte[] Encoded { get; }

    /// <summary>Who issued (and must have signed) the CRL.</summary>
    public X500DistinguishedName Issuer { get; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset ThisUpdate { get; }

    /// <summary>When the next CRL will be issued; after it, this one is expired.</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The cRLNumber extension, if present.</summary>
    public BigInteger? Number { get; }

    /// <summary>Whether it is a delta CRL (deltaCRLIndicator), which cannot stand in for a base CRL.</summary>
    public bool IsDelta { get; }

    /// <summary>Whether it points to a delta CRL (freshestCRL), which would have to be fetched as well.</summary>
    public bool HasFreshestCrl { get; }

    /// <summary>How many certificates it lists.</summary>
    public int Count => revoked.Count;

    /// <summary>Decodes a DER or PEM (<c>X509 CRL</c>) CRL.</summary>
    /// <exception cref="RevocationDataException">The bytes are not a CRL.</exception>
    public static CertificateRevocationList Parse(ReadOnlyMemory<byte> data)
    {
        var der = Unpem(data);
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var list = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbsEncoded = list.ReadEncodedValue().ToArray();
            var algorithmEncoded = list.ReadEncodedValue().ToArray();
            var signatureValue = list.ReadBitString(out var unused);
            list.ThrowIfNotEmpty();
            if (unused != 0)
            {
                throw new RevocationDataException("the CRL's signature BIT STRING has unused bits");
            }

            var tbs = new AsnReader(tbsEncoded, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                if (!tbs.TryReadInt32(out var version) || version != 1)
                {
                    throw new RevocationDataException("the CRL's version is not v2");
                }
            }
            var innerAlgorithm = tbs.ReadEncodedValue();
            if (!innerAlgorithm.Span.SequenceEqual(algorithmEncoded))
            {
                throw new RevocationDataException("the CRL's inner and outer signature algorithms differ");
            }
            var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = null;
            if (tbs.HasData && IsTime(tbs.PeekTag()))
            {
                nextUpdate = ReadTime(tbs);
            }
            var entries = new Dictionary<string, RevokedCertificate>(StringComparer.Ordinal);
            string? critical = null;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var revokedList = tbs.ReadSequence();
                while (revokedList.HasData)
                {
                    var entry = revokedList.ReadSequence();
                    var serial = SerialKey(entry.ReadIntegerBytes().Span);
                    var revocationTime = ReadTime(entry);
                    int? reason = null;
                    DateTimeOffset? invalidity = null;
                    if (entry.HasData)
                    {
                        foreach (var (oid, isCritical, value) in ReadExtensions(entry.ReadSequence()))
                        {
                            switch (oid)
                            {
                                case ReasonCodeOid:
                                    reason = ReadReason(value);
                                    break;
                                case InvalidityDateOid:
                                    invalidity = ReadGeneralizedTime(value);
                                    break;
                                default:
                                    if (isCritical)
                                    {
                                        critical ??= $"an entry has the unsupported critical extension {oid}";
                                    }
                                    break;
                            }
                        }
                    }
                    entry.ThrowIfNotEmpty();
                    entries[serial] = new RevokedCertificate(revocationTime, reason, invalidity);
                }
            }
            BigInteger? number = null;
            var isDelta = false;
            var hasFreshest = false;
            if (tbs.HasData)
            {
                var extensions = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)).ReadSequence();
                foreach (var (oid, isCritical, value) in ReadExtensions(extensions))
                {
                    switch (oid)
                    {
                        case CrlNumberOid:
                            number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                            break;
                        case DeltaCrlIndicatorOid:
                            isDelta = true;
                            break;
                        case FreshestCrlOid:
                            hasFreshest = true;
                            break;
                        case IssuingDistributionPointOid:
                        case AuthorityKeyIdentifierOid:
                            // The scope of a partitioned CRL: every distribution point of the certificate is fetched, as Notation does.
                            break;
                        default:
                            if (isCritical)
                            {
                                critical ??= $"the CRL has the unsupported critical extension {oid}";
                            }
                            break;
                    }
                }
            }
            tbs.ThrowIfNotEmpty();
            return new CertificateRevocationList(der, tbsEncoded, algorithmEncoded, signatureValue, issuer, thisUpdate, nextUpdate, number, isDelta, hasFreshest, entries, critical);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or ArgumentException)
        {
            throw new RevocationDataException("not a DER-encoded CRL: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Why this CRL cannot be used for certificates of <paramref name="issuer"/> at <paramref name="now"/> (not a base
    /// CRL, another issuer, a bad signature, an issuer without cRLSign, an unsupported critical extension, no nextUpdate
    /// or expired), or null when it can.
    /// </summary>
    public string? Problem(X509Certificate2 issuer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (IsDelta)
        {
            return "it is a delta CRL, not a base CRL";
        }
        if (HasFreshestCrl)
        {
            return "it refers to a delta CRL (freshestCRL), which is not supported";
        }
        if (!Issuer.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return $"it is issued by '{Issuer.Name}', not by '{issuer.Subject}'";
        }
        var usage = issuer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign))
        {
            return $"'{issuer.Subject}' may not sign CRLs (its keyUsage lacks cRLSign)";
        }
        var algorithmReader = new AsnReader(algorithm, AsnEncodingRules.DER).ReadSequence();
        var signatureProblem = SignedDataVerifier.Problem(signed, algorithmReader, signature, issuer);
        if (signatureProblem is not null)
        {
            return signatureProblem;
        }
        if (unsupportedCritical is not null)
        {
            return unsupportedCritical;
        }
        if (NextUpdate is null)
        {
            return "it has no nextUpdate, so its freshness cannot be judged";
        }
        if (now > NextUpdate.Value)
        {
            return $"it expired: its nextUpdate is {Format(NextUpdate.Value)}";
        }
        return null;
    }

    /// <summary>The entry for <paramref name="certificate"/>'s serial number, or null when the CRL does not list it.</summary>
    public RevokedCertificate? Find(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return revoked.TryGetValue(SerialKey(certificate.SerialNumberBytes.Span), out var entry) ? entry : null;
    }

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    internal static string SerialKey(ReadOnlySpan<byte> bigEndian)
    {
        var start = 0;
        while (start < bigEndian.Length - 1 && bigEndian[start] == 0)
        {
            start++;
        }
        return Convert.ToHexString(bigEndian[start..]);
    }

    internal static IEnumerable<(string Oid, bool Critical, byte[] Value)> ReadExtensions(AsnReader extensions)
    {
        var list = new List<(string, bool, byte[])>();
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            list.Add((oid, critical, value));
        }
        return list;
    }

    internal static DateTimeOffset ReadGeneralizedTime(byte[] value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var time = reader.ReadGeneralizedTime();
        reader.ThrowIfNotEmpty();
        return time;
    }

    private static int ReadReason(byte[] value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var bytes = reader.ReadEnumeratedBytes();
        reader.ThrowIfNotEmpty();
        return bytes.Length == 1 ? bytes.Span[0] : -1;
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static byte[] Unpem(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var start = 0;
        while (start < span.Length && (span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            start++;
        }
        if (span.Length - start < 5 || !span.Slice(start, 5).SequenceEqual("-----"u8))
        {
            return data.ToArray();
        }
        var text = System.Text.Encoding.ASCII.GetString(span);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "X509 CRL")
        {
            throw new RevocationDataException("the PEM text holds no X509 CRL block");
        }
        return Convert.FromBase64String(text[fields.Base64Data]);
    }
}
