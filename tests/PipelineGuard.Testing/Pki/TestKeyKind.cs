namespace PipelineGuard.Testing.Pki;

/// <summary>The key types the test PKI issues certificates for.</summary>
public enum TestKeyKind
{
    /// <summary>RSA 2048 (Notation signs with RSASSA-PSS SHA-256).</summary>
    Rsa2048,

    /// <summary>RSA 3072 (RSASSA-PSS SHA-384, as Microsoft signs .NET images).</summary>
    Rsa3072,

    /// <summary>RSA 4096 (RSASSA-PSS SHA-512).</summary>
    Rsa4096,

    /// <summary>ECDSA P-256.</summary>
    P256,

    /// <summary>ECDSA P-384.</summary>
    P384,

    /// <summary>ECDSA P-521.</summary>
    P521,
}
