using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Generators;

namespace PipelineGuard.Signing;

/// <summary>
/// cosign's encrypted private key format: PEM <c>ENCRYPTED SIGSTORE PRIVATE KEY</c> (or the older
/// <c>ENCRYPTED COSIGN PRIVATE KEY</c>) around base64 JSON naming an scrypt KDF and a NaCl secretbox, PKCS#8 DER inside.
/// </summary>
public static class CosignEncryptedKey
{
    /// <summary>The PEM label cosign writes today.</summary>
    public const string SigstoreLabel = "ENCRYPTED SIGSTORE PRIVATE KEY";

    /// <summary>The PEM label older cosign versions wrote; still read.</summary>
    public const string CosignLabel = "ENCRYPTED COSIGN PRIVATE KEY";

    /// <summary>The scrypt cost PipelineGuard writes: every cosign and skopeo version reads it.</summary>
    public const int WriteCost = 32768;

    private static readonly int[] s_readableCosts = [32768, 65536, 131072];

    /// <summary>Encrypts PKCS#8 DER with <paramref name="password"/> (scrypt N=32768 r=8 p=1, random salt and nonce) and returns the PEM text.</summary>
    public static string Encrypt(ReadOnlySpan<byte> pkcs8, string password) => Encrypt(pkcs8, password, WriteCost);

    /// <summary>Encrypts with another scrypt cost (tests prove the read side with the costs newer cosign versions write).</summary>
    internal static string Encrypt(ReadOnlySpan<byte> pkcs8, string password, int cost, string label = SigstoreLabel)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(NaclSecretBox.NonceSize);
        var key = DeriveKey(password, salt, cost, 8, 1);
        byte[] box;
        try
        {
            box = NaclSecretBox.Seal(pkcs8, key, nonce);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOutput.Compact))
        {
            json.WriteStartObject();
            json.WriteStartObject("kdf");
            json.WriteString("name", "scrypt");
            json.WriteStartObject("params");
            json.WriteNumber("N", cost);
            json.WriteNumber("r", 8);
            json.WriteNumber("p", 1);
            json.WriteEndObject();
            json.WriteString("salt", Convert.ToBase64String(salt));
            json.WriteEndObject();
            json.WriteStartObject("cipher");
            json.WriteString("name", "nacl/secretbox");
            json.WriteString("nonce", Convert.ToBase64String(nonce));
            json.WriteEndObject();
            json.WriteString("ciphertext", Convert.ToBase64String(box));
            json.WriteEndObject();
        }

        return PemEncoding.WriteString(label, buffer.ToArray()) + "\n";
    }

    /// <summary>Decrypts the JSON body of a cosign key (the PEM's decoded bytes) to PKCS#8 DER. A wrong password is a failure result.</summary>
    public static SigningResult<byte[]> Decrypt(ReadOnlySpan<byte> body, string password)
    {
        JsonDocument document;
        try
        {
            IO.Utf8Json.EnsureValid(body);
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return SigningResult<byte[]>.Failure("the encrypted key body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!TryGet(root, "kdf", JsonValueKind.Object, out var kdf) || !TryGetString(kdf, "name", out var kdfName) ||
                !TryGet(kdf, "params", JsonValueKind.Object, out var parameters))
            {
                return SigningResult<byte[]>.Failure("the encrypted key has no 'kdf' with 'name' and 'params'");
            }

            if (kdfName != "scrypt")
            {
                return SigningResult<byte[]>.Failure($"key derivation '{kdfName}' is not supported (scrypt)");
            }

            if (!TryGetInt(parameters, "N", out var n) || !TryGetInt(parameters, "r", out var r) || !TryGetInt(parameters, "p", out var p))
            {
                return SigningResult<byte[]>.Failure("the encrypted key's kdf.params need integer N, r and p");
            }

            if (!s_readableCosts.Contains(n) || r != 8 || p != 1)
            {
                return SigningResult<byte[]>.Failure($"scrypt parameters N={n} r={r} p={p} are not supported (N 32768, 65536 or 131072 with r=8 p=1)");
            }

            if (!TryGetBase64(kdf, "salt", out var salt))
            {
                return SigningResult<byte[]>.Failure("the encrypted key's kdf.salt is missing or not base64");
            }

            if (!TryGet(root, "cipher", JsonValueKind.Object, out var cipher) || !TryGetString(cipher, "name", out var cipherName))
            {
                return SigningResult<byte[]>.Failure("the encrypted key has no 'cipher' with a 'name'");
            }

            if (cipherName != "nacl/secretbox")
            {
                return SigningResult<byte[]>.Failure($"cipher '{cipherName}' is not supported (nacl/secretbox)");
            }

            if (!TryGetBase64(cipher, "nonce", out var nonce) || nonce.Length != NaclSecretBox.NonceSize)
            {
                return SigningResult<byte[]>.Failure("the encrypted key's cipher.nonce is missing or not 24 bytes of base64");
            }

            if (!TryGetBase64(root, "ciphertext", out var ciphertext) || ciphertext.Length <= NaclSecretBox.TagSize)
            {
                return SigningResult<byte[]>.Failure("the encrypted key's ciphertext is missing or too short");
            }

            var key = DeriveKey(password, salt, n, r, p);
            try
            {
                var pkcs8 = NaclSecretBox.Open(ciphertext, key, nonce);
                return pkcs8 is null
                    ? SigningResult<byte[]>.Failure("wrong password for the private key (or the key file was altered)")
                    : SigningResult<byte[]>.Success(pkcs8);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private static byte[] DeriveKey(string password, byte[] salt, int n, int r, int p)
    {
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return SCrypt.Generate(passwordBytes, salt, n, r, p, NaclSecretBox.KeySize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    private static bool TryGet(JsonElement element, string name, JsonValueKind kind, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind == kind)
        {
            return true;
        }

        value = default;
        return false;
    }

    private static bool TryGetString(JsonElement element, string name, out string value)
    {
        value = TryGet(element, name, JsonValueKind.String, out var property) ? property.GetString()! : string.Empty;
        return value.Length > 0;
    }

    private static bool TryGetInt(JsonElement element, string name, out int value)
    {
        value = 0;
        return TryGet(element, name, JsonValueKind.Number, out var property) && property.TryGetInt32(out value);
    }

    private static bool TryGetBase64(JsonElement element, string name, out byte[] value)
    {
        value = [];
        return TryGetString(element, name, out var text) && StrictBase64.TryDecode(text, out value);
    }
}
