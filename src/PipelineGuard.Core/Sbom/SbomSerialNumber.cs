using System.Security.Cryptography;
using System.Text;

namespace PipelineGuard.Sbom;

/// <summary>
/// Serial numbers: a random UUID v4, or a UUID v5 (RFC 9562, SHA-1 name-based) of the document's content, so two
/// builds of the same input give the same serial number and byte-identical files.
/// </summary>
public static class SbomSerialNumber
{
    /// <summary>The namespace UUID under which content-derived serial numbers are made.</summary>
    public static readonly Guid Namespace = new("6f1d4a3c-6c8e-4b1e-9a51-2f0c55a1b6d7");

    /// <summary>A random UUID v4.</summary>
    public static Guid Random() => Guid.NewGuid();

    /// <summary>
    /// The UUID v5 of <paramref name="document"/>'s content: its CycloneDX 1.6 JSON form with a nil serial number.
    /// Everything that is written counts, the timestamp included.
    /// </summary>
    public static Guid FromContent(SbomDocument document)
    {
        using var buffer = new MemoryStream();
        CycloneDxJsonWriter.Write(document with { SerialNumber = Guid.Empty }, buffer, CycloneDxSpecVersion.V1_6, indented: false);
        return V5(Namespace, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>A UUID v5 of <paramref name="name"/> (UTF-8) in <paramref name="namespaceId"/>.</summary>
    public static Guid V5(Guid namespaceId, string name) => V5(namespaceId, Encoding.UTF8.GetBytes(name));

    /// <summary>A UUID v5 of the bytes <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid V5(Guid namespaceId, ReadOnlySpan<byte> name)
    {
        var input = new byte[16 + name.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input.AsSpan(16));
#pragma warning disable CA5350 // UUID v5 is defined on SHA-1; it names content, it does not protect it.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
