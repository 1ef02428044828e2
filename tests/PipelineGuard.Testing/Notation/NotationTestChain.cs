using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Testing.Pki;

namespace PipelineGuard.Testing.Notation;

/// <summary>
/// A three-certificate signing chain shaped like Microsoft's for .NET images (root CA, intermediate CA, code-signing
/// leaf), a test TSA, and helpers to lay them out as a Notation trust store with a trust policy.
/// </summary>
public sealed class NotationTestChain : IDisposable
{
    /// <summary>The leaf's subject.</summary>
    public const string LeafSubject = "CN=PipelineGuard Test Signing,O=PipelineGuard Tests,L=Redmond,ST=Washington,C=US";

    /// <summary>Makes the chain; the leaf profile may be changed (validity, usages, key) for a test.</summary>
    public NotationTestChain(TestKeyKind leafKey = TestKeyKind.Rsa3072, Func<CertificateProfile, CertificateProfile>? leaf = null, string name = "PipelineGuard Test")
    {
        Root = TestPki.Issue(CertificateProfile.Authority($"CN={name} Root CA,O=PipelineGuard Tests,C=US") with { Key = TestKeyKind.Rsa3072 });
        Intermediate = TestPki.Issue(CertificateProfile.Authority($"CN={name} CA,O=PipelineGuard Tests,C=US") with { Key = TestKeyKind.Rsa3072 }, Root);
        var profile = new CertificateProfile(LeafSubject) { Key = leafKey };
        Leaf = TestPki.Issue(leaf is null ? profile : leaf(profile), Intermediate);
        Tsa = new TestTimestampAuthority(name + " TSA");
    }

    /// <summary>The root CA (what the ca store trusts).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The intermediate CA.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>The code-signing leaf, with its private key.</summary>
    public X509Certificate2 Leaf { get; }

    /// <summary>The TSA.</summary>
    public TestTimestampAuthority Tsa { get; }

    /// <summary>The chain as an envelope carries it: leaf, intermediate, root.</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Leaf, Intermediate, Root];

    /// <summary>Writes <c>x509/ca/&lt;ca&gt;/root.crt</c> (PEM) and <c>x509/tsa/&lt;tsa&gt;/tsa-root.cer</c> (DER) under <paramref name="directory"/>.</summary>
    public void WriteTrustStore(string directory, string ca = "test-ca", string tsa = "test-tsa")
    {
        var caFolder = Path.Combine(directory, "x509", "ca", ca);
        var tsaFolder = Path.Combine(directory, "x509", "tsa", tsa);
        Directory.CreateDirectory(caFolder);
        Directory.CreateDirectory(tsaFolder);
        File.WriteAllText(Path.Combine(caFolder, "root.crt"), TestPki.Pem(Root));
        File.WriteAllBytes(Path.Combine(tsaFolder, "tsa-root.cer"), Tsa.Root.RawData);
    }

    /// <summary>A trust policy with one statement for <paramref name="scope"/>.</summary>
    public static string TrustPolicy(string scope, string level = "strict", string identity = "x509.subject: C=US, ST=Washington, L=Redmond, O=PipelineGuard Tests, CN=PipelineGuard Test Signing", string? verifyTimestamp = null, string? overrides = null, string stores = "\"ca:test-ca\", \"tsa:test-tsa\"") =>
        $$"""
        {
          "version": "1.0",
          "trustPolicies": [
            {
              "name": "test",
              "registryScopes": [ "{{scope}}" ],
              "signatureVerification": { "level": "{{level}}"{{(verifyTimestamp is null ? "" : $", \"verifyTimestamp\": \"{verifyTimestamp}\"")}}{{(overrides is null ? "" : $", \"override\": {overrides}")}} },
              "trustStores": [ {{stores}} ],
              "trustedIdentities": [ "{{identity}}" ]
            }
          ]
        }
        """;

    /// <inheritdoc />
    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        Leaf.Dispose();
        Tsa.Dispose();
    }
}
