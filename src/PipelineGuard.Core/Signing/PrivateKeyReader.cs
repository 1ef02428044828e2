using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>
/// Loads signing keys: cosign encrypted keys (both PEM labels), unencrypted PKCS#8 <c>PRIVATE KEY</c> and SEC 1
/// <c>EC PRIVATE KEY</c>. The password is asked for only when the key is encrypted. Error messages never quote key bytes.
/// </summary>
public static class PrivateKeyReader
{
    /// <summary>Loads the key file at <paramref name="path"/>.</summary>
    public static async Task<SigningResult<ISigner>> ReadFileAsync(string path, PasswordSource passwords, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await IO.InputFile.ReadAllTextAsync(path, IO.InputFile.MaxKeyBytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<ISigner>.Failure($"{path}: cannot read the private key: {e.Message}");
        }

        var result = ReadPem(text, passwords);
        return result.Succeeded ? result : SigningResult<ISigner>.Failure($"{path}: {result.Error}");
    }

    /// <summary>Loads a PEM private key.</summary>
    public static SigningResult<ISigner> ReadPem(string pem, PasswordSource passwords)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return SigningResult<ISigner>.Failure("no PEM block found; expected a cosign key ('-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----') or a PKCS#8/EC private key");
        }

        var label = pem[fields.Label];
        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64String(pem[fields.Base64Data], der, out var written))
        {
            return SigningResult<ISigner>.Failure("the PEM body is not valid base64");
        }

        try
        {
            var body = der.AsSpan(0, written);
            switch (label)
            {
                case CosignEncryptedKey.SigstoreLabel:
                case CosignEncryptedKey.CosignLabel:
                    var password = passwords.GetPassword("Enter password for private key");
                    if (!password.Succeeded)
                    {
                        return SigningResult<ISigner>.Failure(password.Error);
                    }

                    var pkcs8 = CosignEncryptedKey.Decrypt(body, password.Value);
                    if (!pkcs8.Succeeded)
                    {
                        return SigningResult<ISigner>.Failure(pkcs8.Error);
                    }

                    try
                    {
                        return Widen(EcdsaSigner.FromPkcs8(pkcs8.Value));
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(pkcs8.Value);
                    }

                case "PRIVATE KEY":
                    return Widen(EcdsaSigner.FromPkcs8(body));
                case "EC PRIVATE KEY":
                    return Widen(EcdsaSigner.FromSec1(body));
                default:
                    return SigningResult<ISigner>.Failure($"PEM block '{label}' is not a private key PipelineGuard reads ({CosignEncryptedKey.SigstoreLabel}, {CosignEncryptedKey.CosignLabel}, PRIVATE KEY, EC PRIVATE KEY)");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static SigningResult<ISigner> Widen(SigningResult<EcdsaSigner> result) =>
        result.Succeeded ? SigningResult<ISigner>.Success(result.Value) : SigningResult<ISigner>.Failure(result.Error);
}
