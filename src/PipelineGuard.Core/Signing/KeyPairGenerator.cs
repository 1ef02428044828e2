using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>What <c>generate-key-pair</c> asks for.</summary>
/// <param name="OutputKeyPrefix">Path prefix: writes <c>PREFIX.key</c> and <c>PREFIX.pub</c> (cosign's default prefix is <c>cosign</c>).</param>
/// <param name="Overwrite">Replace existing files instead of refusing.</param>
public sealed record GenerateKeyPairOptions(string OutputKeyPrefix = "cosign", bool Overwrite = false);

/// <summary>The files written.</summary>
/// <param name="PrivateKeyPath">The encrypted private key (mode 0600).</param>
/// <param name="PublicKeyPath">The PEM public key.</param>
/// <param name="KeyHint">The public key's bundle hint.</param>
public sealed record GeneratedKeyPair(string PrivateKeyPath, string PublicKeyPath, string KeyHint);

/// <summary>Generates ECDSA P-256 key pairs in cosign's encrypted format.</summary>
public static class KeyPairGenerator
{
    /// <summary>Generates a key pair, encrypts the private key with a password from <paramref name="passwords"/>, and writes both files.</summary>
    public static async Task<SigningResult<GeneratedKeyPair>> GenerateAsync(GenerateKeyPairOptions options, PasswordSource passwords, CancellationToken cancellationToken = default)
    {
        var keyPath = options.OutputKeyPrefix + ".key";
        var pubPath = options.OutputKeyPrefix + ".pub";
        if (!options.Overwrite)
        {
            foreach (var path in new[] { keyPath, pubPath })
            {
                if (File.Exists(path))
                {
                    return SigningResult<GeneratedKeyPair>.Failure($"{path} already exists; choose another --output-key-prefix or remove it first");
                }
            }
        }

        var password = passwords.GetPassword("Enter password for private key", confirm: true);
        if (!password.Succeeded)
        {
            return SigningResult<GeneratedKeyPair>.Failure(password.Error);
        }

        using var signer = EcdsaSigner.Generate();
        var pkcs8 = signer.ExportPkcs8();
        string encrypted;
        try
        {
            encrypted = CosignEncryptedKey.Encrypt(pkcs8, password.Value);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        try
        {
            await KeyFiles.WritePrivateAsync(keyPath, encrypted, cancellationToken);
            await IO.AtomicFile.WriteTextAsync(pubPath, signer.ExportPublicKeyPem(), cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<GeneratedKeyPair>.Failure($"cannot write the key pair: {e.Message}");
        }

        return SigningResult<GeneratedKeyPair>.Success(new GeneratedKeyPair(keyPath, pubPath, signer.KeyHint));
    }
}

/// <summary>Writes private key files readable by their owner only.</summary>
public static class KeyFiles
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, created with mode 0600 (never briefly wider).</summary>
    public static async Task WritePrivateAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        // Written beside the target and renamed over it: a full disk leaves no empty key, and a symbolic link at the
        // target is replaced, never written through.
        await IO.AtomicFile.WriteTextAsync(path, text, unixMode: UnixFileMode.UserRead | UnixFileMode.UserWrite, cancellationToken: cancellationToken);
    }
}
