using System.Text;

namespace PipelineGuard.Core.Tests.Oci;

/// <summary>Hand-made tar bytes, for archives no well-behaved writer produces (hostile names, huge headers, cut-off data).</summary>
internal static class RawTar
{
    public static byte[] Header(string name, char type, long size, string linkName = "")
    {
        var header = new byte[512];
        Encoding.UTF8.GetBytes(name).AsSpan(0, Math.Min(100, Encoding.UTF8.GetByteCount(name))).CopyTo(header);
        Octal(header.AsSpan(100, 8), 420);
        Octal(header.AsSpan(108, 8), 0);
        Octal(header.AsSpan(116, 8), 0);
        Octal(header.AsSpan(124, 12), size);
        Octal(header.AsSpan(136, 12), 0);
        header[156] = (byte)type;
        Encoding.UTF8.GetBytes(linkName).CopyTo(header.AsSpan(157));
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = header.Sum(b => (long)b);
        Octal(header.AsSpan(148, 7), sum);
        return header;
    }

    public static byte[] Entry(string name, byte[] data, char type = '0', string linkName = "")
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return [.. Header(name, type, data.Length, linkName), .. padded];
    }

    public static byte[] Entry(string name, string text) => Entry(name, Encoding.UTF8.GetBytes(text));

    public static byte[] Archive(params byte[][] entries) => [.. entries.SelectMany(e => e), .. new byte[1024]];

    private static void Octal(Span<byte> field, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(field.Length - 1, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(field);
        field[^1] = 0;
    }
}
