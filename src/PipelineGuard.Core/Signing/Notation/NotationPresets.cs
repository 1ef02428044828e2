using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Certificates;

namespace PipelineGuard.Signing.Notation;

/// <summary>A built-in trust policy with its trust store.</summary>
/// <param name="Name">The preset's name, as <c>--trust-policy-preset</c> takes it.</param>
/// <param name="Description">What it verifies, and its revocation setting.</param>
/// <param name="Policy">The trust policy.</param>
/// <param name="Store">The certificates the policy's stores hold.</param>
public sealed record NotationPreset(string Name, string Description, TrustPolicyDocument Policy, NotationTrustStore Store);

/// <summary>The built-in Notation presets (their certificates and origins are described in <c>Signing/Notation/Presets/README.md</c>).</summary>
public static class NotationPresets
{
    /// <summary>The preset for Microsoft's .NET images on mcr.microsoft.com.</summary>
    public const string MicrosoftDotnet = "microsoft-dotnet";

    /// <summary>The names of every preset.</summary>
    public static IReadOnlyList<string> Names { get; } = [MicrosoftDotnet];

    /// <summary>The preset called <paramref name="name"/>, or null.</summary>
    public static NotationPreset? Find(string name) => name switch
    {
        MicrosoftDotnet => LoadMicrosoftDotnet(),
        _ => null,
    };

    private static NotationPreset LoadMicrosoftDotnet()
    {
        var source = $"preset {MicrosoftDotnet}";
        var (policy, errors) = TrustPolicyReader.Parse(Resource("microsoft-dotnet.trustpolicy.json"), source);
        if (policy is null)
        {
            throw new InvalidOperationException($"the built-in {source} does not parse: {string.Join("; ", errors)}");
        }
        var supplyChainRoot = CertificateDecoder.FromDerOrPem(Resource("microsoft-supply-chain-rsa-root-ca-2022.crt"));
        var timestampRoot = CertificateDecoder.FromDerOrPem(Resource("microsoft-root-certificate-authority-2010.crt"));
        var store = NotationTrustStore.FromCertificates(
            new Dictionary<TrustStoreName, IReadOnlyList<X509Certificate2>>
            {
                [new TrustStoreName("ca", "msft-supplychain")] = supplyChainRoot,
                [new TrustStoreName("tsa", "msft-supplychain")] = timestampRoot,
            },
            source);
        return new NotationPreset(
            MicrosoftDotnet,
            "Microsoft's .NET images on mcr.microsoft.com, with the trust policy dotnet-docker documents: level strict, so revocation is enforced and checked online (Microsoft's OCSP responders, then its CRLs, cached until their nextUpdate; unreachable is unknown, which strict refuses), and the expired signing leaf is accepted only through Microsoft's RFC 3161 timestamp",
            policy,
            store);
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(NotationPresets).Assembly.GetManifestResourceStream("PipelineGuard.Notation.Presets." + name)
            ?? throw new InvalidOperationException($"the built-in resource {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
