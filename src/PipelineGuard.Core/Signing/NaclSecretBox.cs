using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace PipelineGuard.Signing;

/// <summary>
/// NaCl <c>crypto_secretbox</c> (XSalsa20-Poly1305), the cipher of cosign key files. The XSalsa20 keystream's first
/// 32 bytes key Poly1305; the message is encrypted from keystream byte 32 on; the box is the 16-byte tag, then the ciphertext.
/// </summary>
internal static class NaclSecretBox
{
    public const int KeySize = 32;
    public const int NonceSize = 24;
    public const int TagSize = 16;

    public static byte[] Seal(ReadOnlySpan<byte> message, byte[] key, byte[] nonce)
    {
        var engine = Start(key, nonce, out var macKey);
        var box = new byte[TagSize + message.Length];
        engine.ProcessBytes(message.ToArray(), 0, message.Length, box, TagSize);
        var tag = ComputeTag(macKey, box.AsSpan(TagSize));
        tag.CopyTo(box, 0);
        CryptographicOperations.ZeroMemory(macKey);
        return box;
    }

    /// <summary>Opens a box; null when the tag does not match (wrong key or altered box). The tag is checked before anything is decrypted.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> box, byte[] key, byte[] nonce)
    {
        if (box.Length < TagSize)
        {
            return null;
        }

        var engine = Start(key, nonce, out var macKey);
        var expected = ComputeTag(macKey, box[TagSize..]);
        CryptographicOperations.ZeroMemory(macKey);
        if (!CryptographicOperations.FixedTimeEquals(expected, box[..TagSize]))
        {
            return null;
        }

        var ciphertext = box[TagSize..].ToArray();
        var message = new byte[ciphertext.Length];
        engine.ProcessBytes(ciphertext, 0, ciphertext.Length, message, 0);
        return message;
    }

    private static XSalsa20Engine Start(byte[] key, byte[] nonce, out byte[] macKey)
    {
        var engine = new XSalsa20Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        macKey = new byte[32];
        engine.ProcessBytes(new byte[32], 0, 32, macKey, 0);
        return engine;
    }

    private static byte[] ComputeTag(byte[] macKey, ReadOnlySpan<byte> ciphertext)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(macKey));
        mac.BlockUpdate(ciphertext);
        var tag = new byte[TagSize];
        mac.DoFinal(tag, 0);
        return tag;
    }
}
