using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PipelineGuard.Signing.Notation;

/// <summary>
/// An X.509 distinguished name as a set of attribute type/value pairs (the RDNs, not a string), for trustedIdentities
/// matching (trust store and trust policy specification, Trusted Identities Constraints). <c>S</c> is an alias of <c>ST</c>.
/// </summary>
public sealed record DistinguishedName(IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.6"] = "C",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.5"] = "SERIALNUMBER",
        ["2.5.4.9"] = "STREET",
        ["2.5.4.17"] = "POSTALCODE",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
        ["1.2.840.113549.1.9.1"] = "E",
    };

    /// <summary>Parses a DN string (<c>CN=a,O=b,L=c,ST=d,C=e</c>, RFC 4514 escaping of <c>,</c> <c>+</c> <c>;</c> <c>\</c> and <c>"</c>).</summary>
    /// <param name="text">The DN.</param>
    /// <param name="error">Why it does not parse.</param>
    /// <param name="name">The parsed name.</param>
    public static bool TryParse(string text, out DistinguishedName name, out string error)
    {
        name = new DistinguishedName([]);
        var attributes = new List<KeyValuePair<string, string>>();
        var current = new StringBuilder();
        var parts = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(c).Append(text[++i]);
            }
            else if (c is ',' or ';' or '+')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        parts.Add(current.ToString());
        foreach (var part in parts)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"'{part.Trim()}' is not TYPE=value";
                return false;
            }
            var type = part[..equals].Trim().ToUpperInvariant();
            var raw = part[(equals + 1)..].Trim();
            if (raw.StartsWith('#'))
            {
                error = $"'{part.Trim()}' uses a hex-encoded value (=#), which is not supported";
                return false;
            }
            if (type.Length == 0 || raw.Length == 0)
            {
                error = $"'{part.Trim()}' has an empty type or value";
                return false;
            }
            attributes.Add(new(type == "S" ? "ST" : type, Unescape(raw)));
        }
        name = new DistinguishedName(attributes);
        error = string.Empty;
        return true;
    }

    /// <summary>The attributes of a certificate's subject or issuer, multi-valued RDNs flattened.</summary>
    public static DistinguishedName FromX500(X500DistinguishedName name)
    {
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements)
            {
                attributes.Add(new(Short(rdn.GetSingleElementType().Value!), rdn.GetSingleElementValue() ?? string.Empty));
                continue;
            }
            // SET OF AttributeTypeAndValue { type OID, value ANY (a directory string) }
            var set = new AsnReader(rdn.RawData, AsnEncodingRules.DER).ReadSetOf();
            while (set.HasData)
            {
                var pair = set.ReadSequence();
                var oid = pair.ReadObjectIdentifier();
                var value = pair.ReadCharacterStringOrNull();
                attributes.Add(new(Short(oid), value ?? string.Empty));
            }
        }
        return new DistinguishedName(attributes);
    }

    /// <summary>Whether every attribute of this name appears in <paramref name="subject"/> with the same value.</summary>
    public bool IsSubsetOf(DistinguishedName subject) =>
        Attributes.All(a => subject.Attributes.Any(s => s.Key == a.Key && s.Value == a.Value));

    /// <summary>Whether the name has an attribute of the type.</summary>
    public bool Has(string type) => Attributes.Any(a => a.Key == type);

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Attributes.Select(a => a.Key + "=" + a.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)));

    private static string Short(string oid) => ShortNames.TryGetValue(oid, out var name) ? name : oid;

    private static string Unescape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }
            builder.Append(value[i]);
        }
        return builder.ToString();
    }
}

internal static class AsnReaderExtensions
{
    public static string? ReadCharacterStringOrNull(this AsnReader reader)
    {
        var tag = reader.PeekTag();
        foreach (var type in new[] { UniversalTagNumber.UTF8String, UniversalTagNumber.PrintableString, UniversalTagNumber.IA5String, UniversalTagNumber.BMPString, UniversalTagNumber.T61String })
        {
            if (tag.HasSameClassAndValue(new Asn1Tag(type)))
            {
                return reader.ReadCharacterString(type);
            }
        }
        reader.ReadEncodedValue();
        return null;
    }
}
