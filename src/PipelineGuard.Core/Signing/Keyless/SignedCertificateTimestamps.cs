using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PipelineGuard.Signing.Keyless;

/// <summary>Verifies the certificate-transparency SCTs Fulcio embeds in its certificates (RFC 6962 §3.2, precertificate entries).</summary>
public static class SignedCertificateTimestamps
{
    private const string SctListOid = "1.3.6.1.4.1.11129.2.4.2";

    /// <summary>Valid when at least one embedded SCT is signed by a CT log of <paramref name="root"/> valid at the SCT's time.</summary>
    public static VerificationResult Verify(X509Certificate2 leaf, X509Certificate2 issuer, TrustedRoot root)
    {
        var extension = leaf.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == SctListOid);
        if (extension is null)
        {
            return VerificationResult.Reject(VerificationFailure.SctInvalid, "the signing certificate has no embedded SCT (certificate transparency)");
        }

        List<byte[]> scts;
        byte[] precertificate;
        try
        {
            scts = ReadList(new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadOctetString());
            precertificate = TbsWithoutSctList(leaf.RawData);
        }
        catch (Exception e) when (e is AsnContentException or FormatException)
        {
            return VerificationResult.Reject(VerificationFailure.SctInvalid, $"the certificate's SCT list is malformed: {e.Message}");
        }

        var issuerKeyHash = SHA256.HashData(issuer.PublicKey.ExportSubjectPublicKeyInfo());
        var problems = new List<string>();
        foreach (var sct in scts)
        {
            var problem = VerifyOne(sct, issuerKeyHash, precertificate, root, out var log);
            if (problem is null)
            {
                return VerificationResult.Valid($"SCT verified with CT log {log!.BaseUrl}");
            }

            problems.Add(problem);
        }

        return VerificationResult.Reject(VerificationFailure.SctInvalid, $"no embedded SCT verifies against the CT logs of {root.Source}: {(problems.Count == 0 ? "the list is empty" : string.Join("; ", problems))}");
    }

    private static string? VerifyOne(byte[] sct, byte[] issuerKeyHash, byte[] precertificate, TrustedRoot root, out LogKey? log)
    {
        log = null;
        // version(1) logId(32) timestamp(8) extensions(2+n) hashAlgorithm(1) signatureAlgorithm(1) signature(2+n)
        if (sct.Length < 1 + 32 + 8 + 2 || sct[0] != 0)
        {
            return "an SCT is not a v1 SCT";
        }

        var logId = sct.AsSpan(1, 32);
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(sct.AsSpan(33, 8));
        var extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(sct.AsSpan(41, 2));
        var offset = 43 + extensionsLength;
        if (offset + 4 > sct.Length)
        {
            return "an SCT is truncated";
        }

        var extensions = sct.AsSpan(43, extensionsLength);
        var signatureLength = BinaryPrimitives.ReadUInt16BigEndian(sct.AsSpan(offset + 2, 2));
        if (offset + 4 + signatureLength != sct.Length)
        {
            return "an SCT's signature length does not match";
        }

        var signature = sct.AsSpan(offset + 4, signatureLength);
        log = root.FindCtLog(logId);
        if (log is null)
        {
            return $"SCT from unknown CT log {Convert.ToBase64String(logId)}";
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Min(timestamp, (ulong)long.MaxValue / 2));
        if (!log.ValidFor.Contains(time))
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SCT time {time:yyyy-MM-ddTHH:mm:ssZ} is outside CT log {log.BaseUrl}'s validity {log.ValidFor}");
        }

        // digitally-signed struct: version, signature_type=certificate_timestamp, timestamp, entry_type=precert_entry,
        // issuer_key_hash, TBSCertificate (24-bit length), extensions (16-bit length).
        var signed = new byte[1 + 1 + 8 + 2 + 32 + 3 + precertificate.Length + 2 + extensions.Length];
        var span = signed.AsSpan();
        span[0] = 0;
        span[1] = 0;
        BinaryPrimitives.WriteUInt64BigEndian(span[2..], timestamp);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], 1);
        issuerKeyHash.CopyTo(span[12..]);
        span[44] = (byte)(precertificate.Length >> 16);
        span[45] = (byte)(precertificate.Length >> 8);
        span[46] = (byte)precertificate.Length;
        precertificate.CopyTo(span[47..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(47 + precertificate.Length)..], (ushort)extensions.Length);
        extensions.CopyTo(span[(49 + precertificate.Length)..]);
        var result = log.Key.Verify(signed, signature);
        return result.IsValid ? null : $"SCT from {log.BaseUrl} does not verify ({result.Message})";
    }

    private static List<byte[]> ReadList(byte[] tls)
    {
        if (tls.Length < 2 || BinaryPrimitives.ReadUInt16BigEndian(tls) != tls.Length - 2)
        {
            throw new FormatException("the SCT list length does not match");
        }

        var list = new List<byte[]>();
        var offset = 2;
        while (offset < tls.Length)
        {
            if (offset + 2 > tls.Length)
            {
                throw new FormatException("an SCT length is truncated");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(tls.AsSpan(offset));
            offset += 2;
            if (offset + length > tls.Length)
            {
                throw new FormatException("an SCT is truncated");
            }

            list.Add(tls.AsSpan(offset, length).ToArray());
            offset += length;
        }

        return list;
    }

    // The precertificate's TBSCertificate is the final certificate's, minus the SCT-list extension.
    private static byte[] TbsWithoutSctList(byte[] certificate)
    {
        var outer = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
            while (tbs.HasData)
            {
                if (tbs.PeekTag() != extensionsTag)
                {
                    writer.WriteEncodedValue(tbs.ReadEncodedValue().Span);
                    continue;
                }

                var explicitExtensions = tbs.ReadSequence(extensionsTag);
                var extensions = explicitExtensions.ReadSequence();
                using (writer.PushSequence(extensionsTag))
                using (writer.PushSequence())
                {
                    while (extensions.HasData)
                    {
                        var encoded = extensions.ReadEncodedValue();
                        var oid = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
                        if (oid != SctListOid)
                        {
                            writer.WriteEncodedValue(encoded.Span);
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }
}
