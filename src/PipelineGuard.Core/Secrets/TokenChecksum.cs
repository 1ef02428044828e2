namespace PipelineGuard.Secrets;

/// <summary>
/// The checksum GitHub's and npm's token formats carry: the last 6 characters are the CRC-32 (IEEE, as zlib computes it)
/// of the 30 random characters after the prefix, written in base 62 (<c>0-9A-Za-z</c>) and padded with <c>0</c> on the
/// left. A value of the right shape whose checksum does not hold is not a token these services issued.
/// </summary>
public static class TokenChecksum
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly uint[] Table = BuildTable();

    /// <summary>Whether <paramref name="token"/> (<c>ghp_</c>/<c>npm_</c> style: a 4-character prefix, 30 random characters, 6 of checksum) checks out.</summary>
    public static bool IsValid(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != 40)
        {
            return false;
        }

        return string.Equals(Suffix(token.AsSpan(4, 30)), token[34..], StringComparison.Ordinal);
    }

    /// <summary>The 6-character base-62 CRC-32 of <paramref name="random"/>.</summary>
    public static string Suffix(ReadOnlySpan<char> random)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in random)
        {
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        var value = crc ^ 0xFFFFFFFFu;
        Span<char> digits = stackalloc char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return new string(digits);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
