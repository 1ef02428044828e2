using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using PipelineGuard.Signing;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// ECDSA P-256 / SHA-256 with DER signatures (cosign's scheme): System.Security.Cryptography (what PipelineGuard
/// ships in EcdsaSigner/EcdsaVerifier) against BouncyCastle, over a simple-signing-sized payload.
/// </summary>
[MemoryDiagnoser]
public class EcdsaP256Benchmarks
{
    private readonly byte[] _message = new byte[256];
    private EcdsaSigner _signer = null!;
    private IVerifier _verifier = null!;
    private byte[] _signature = null!;
    private ECPrivateKeyParameters _bcPrivate = null!;
    private ECPublicKeyParameters _bcPublic = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_message);
        _signer = EcdsaSigner.Generate();
        _verifier = _signer.CreateVerifier();
        _signature = _signer.Sign(_message);

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(true);
        var curve = NistNamedCurves.GetByName("P-256");
        var domain = new ECDomainParameters(curve);
        _bcPrivate = new ECPrivateKeyParameters(new BigInteger(1, parameters.D), domain);
        _bcPublic = new ECPublicKeyParameters(curve.Curve.CreatePoint(new BigInteger(1, parameters.Q.X), new BigInteger(1, parameters.Q.Y)), domain);
        _bcSignature = BouncyCastleSign();
    }

    private byte[] _bcSignature = null!;

    [GlobalCleanup]
    public void Cleanup() => _signer.Dispose();

    [Benchmark(Baseline = true, Description = "sign: System.Security.Cryptography")]
    public byte[] SignSystem() => _signer.Sign(_message);

    [Benchmark(Description = "sign: BouncyCastle")]
    public byte[] SignBouncyCastle() => BouncyCastleSign();

    [Benchmark(Description = "verify: System.Security.Cryptography")]
    public bool VerifySystem() => _verifier.Verify(_message, _signature).IsValid;

    [Benchmark(Description = "verify: BouncyCastle")]
    public bool VerifyBouncyCastle()
    {
        var signer = SignerUtilities.GetSigner("SHA-256withECDSA");
        signer.Init(false, _bcPublic);
        signer.BlockUpdate(_message, 0, _message.Length);
        return signer.VerifySignature(_bcSignature);
    }

    private byte[] BouncyCastleSign()
    {
        var signer = new DsaDigestSigner(new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest())), new Sha256Digest());
        signer.Init(true, _bcPrivate);
        signer.BlockUpdate(_message, 0, _message.Length);
        return signer.GenerateSignature();
    }
}
