namespace PipelineGuard.Signing;

/// <summary>Standard base64 with padding, nothing else: no whitespace, no URL alphabet, no truncation.</summary>
public static class StrictBase64
{
    /// <summary>Decodes <paramref name="text"/>; false for truncated, unpadded or garbage input.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '='))
            {
                return false;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
