using System.Formats.Asn1;
using System.Security.Cryptography;

namespace PipelineGuard.Signing;

/// <summary>Reads public keys for verification: PEM <c>PUBLIC KEY</c> (SubjectPublicKeyInfo) holding ECDSA P-256/384/521, Ed25519 or RSA.</summary>
public static class PublicKeyReader
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string RsaOid = "1.2.840.113549.1.1.1";

    /// <summary>Reads the key file at <paramref name="path"/>.</summary>
    public static async Task<SigningResult<IVerifier>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await IO.InputFile.ReadAllTextAsync(path, IO.InputFile.MaxKeyBytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SigningResult<IVerifier>.Failure($"{path}: cannot read the public key: {e.Message}");
        }

        var result = ReadPem(text);
        return result.Succeeded ? result : SigningResult<IVerifier>.Failure($"{path}: {result.Error}");
    }

    /// <summary>Reads a PEM public key.</summary>
    public static SigningResult<IVerifier> ReadPem(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return SigningResult<IVerifier>.Failure("no PEM block found; expected '-----BEGIN PUBLIC KEY-----'");
        }

        var label = pem[fields.Label];
        if (label != "PUBLIC KEY")
        {
            return SigningResult<IVerifier>.Failure($"PEM block is '{label}', expected 'PUBLIC KEY'");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64String(pem[fields.Base64Data], der, out var written))
        {
            return SigningResult<IVerifier>.Failure("the PEM body is not valid base64");
        }

        return FromSubjectPublicKeyInfo(der.AsSpan(0, written).ToArray());
    }

    /// <summary>Reads a DER SubjectPublicKeyInfo.</summary>
    public static SigningResult<IVerifier> FromSubjectPublicKeyInfo(byte[] spki)
    {
        string algorithm;
        string? parameter = null;
        byte[] keyBits;
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithmIdentifier = sequence.ReadSequence();
            algorithm = algorithmIdentifier.ReadObjectIdentifier();
            if (algorithmIdentifier.HasData && algorithmIdentifier.PeekTag() == Asn1Tag.ObjectIdentifier)
            {
                parameter = algorithmIdentifier.ReadObjectIdentifier();
            }

            keyBits = sequence.ReadBitString(out _);
            sequence.ThrowIfNotEmpty();
        }
        catch (AsnContentException)
        {
            return SigningResult<IVerifier>.Failure("the public key is not a DER SubjectPublicKeyInfo");
        }

        try
        {
            switch (algorithm)
            {
                case EcPublicKeyOid:
                    var curve = EcCurve.FromOid(parameter);
                    if (curve is null)
                    {
                        return SigningResult<IVerifier>.Failure($"the ECDSA public key is on curve {parameter ?? "(explicit parameters)"}, which is not supported (P-256, P-384, P-521)");
                    }

                    using (var ecdsa = ECDsa.Create())
                    {
                        ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
                        return SigningResult<IVerifier>.Success(new EcdsaVerifier(ecdsa.ExportParameters(false), spki, curve));
                    }

                case Ed25519Oid:
                    if (keyBits.Length != 32)
                    {
                        return SigningResult<IVerifier>.Failure($"the Ed25519 public key is {keyBits.Length} bytes, not 32");
                    }

                    return SigningResult<IVerifier>.Success(new Ed25519Verifier(keyBits, spki));

                case RsaOid:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(spki, out _);
                        var parameters = rsa.ExportParameters(false);
                        if (parameters.Modulus!.Length < 256)
                        {
                            return SigningResult<IVerifier>.Failure($"the RSA public key has {parameters.Modulus.Length * 8} bits; at least 2048 are required");
                        }

                        return SigningResult<IVerifier>.Success(new RsaVerifier(parameters, spki));
                    }

                default:
                    return SigningResult<IVerifier>.Failure($"public key algorithm {algorithm} is not supported (ECDSA, Ed25519, RSA)");
            }
        }
        catch (CryptographicException)
        {
            return SigningResult<IVerifier>.Failure("the public key point or modulus is invalid");
        }
    }
}
