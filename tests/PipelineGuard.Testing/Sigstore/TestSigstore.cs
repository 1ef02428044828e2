using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using PipelineGuard.Signing;
using PipelineGuard.Testing.Pki;

namespace PipelineGuard.Testing.Sigstore;

/// <summary>What a test signer's certificate says about who signed.</summary>
/// <param name="Subject">An email address, or a URI (a workflow identity) when it contains "://".</param>
/// <param name="Issuer">The OIDC issuer written in 1.3.6.1.4.1.57264.1.8 (and the legacy .1.1).</param>
public sealed record TestIdentity(string Subject, string Issuer)
{
    /// <summary>GitHub workflow claims written in the legacy 1.3.6.1.4.1.57264.1.2-.6 extensions: trigger, sha, name, repository, ref.</summary>
    public (string Trigger, string Sha, string Name, string Repository, string Ref)? GitHub { get; init; }

    /// <summary>Whether to write the code-signing extended key usage (Fulcio always does).</summary>
    public bool CodeSigning { get; init; } = true;

    /// <summary>Whether to embed an SCT (Fulcio always does).</summary>
    public bool EmbedSct { get; init; } = true;
}

/// <summary>How a test bundle is made.</summary>
public sealed record TestBundleOptions
{
    /// <summary>The signing time: the certificate's start and the log's integrated time.</summary>
    public DateTimeOffset SigningTime { get; init; } = new(2025, 10, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When the signing certificate starts (valid ten minutes); one second before <see cref="SigningTime"/> when null.</summary>
    public DateTimeOffset? CertificateNotBefore { get; init; }

    /// <summary>Whether to log the signature (Rekor v1 entry with SET, inclusion proof and checkpoint).</summary>
    public bool Log { get; init; } = true;

    /// <summary>Whether to add an RFC 3161 timestamp over the signature.</summary>
    public bool Timestamp { get; init; }

    /// <summary>How many other entries the test log holds besides this one (the proof's depth).</summary>
    public int OtherLogEntries { get; init; } = 12;
}

/// <summary>
/// A private Sigstore for tests: a Fulcio-like CA (root and intermediate, certificates with the Sigstore identity
/// extensions and an embedded SCT from a test CT log), a Rekor-like log (a real RFC 6962 Merkle tree, SETs and signed
/// checkpoints), and a test TSA. <see cref="TrustedRootJson"/> is the matching <c>trusted_root.json</c>.
/// </summary>
public sealed class TestSigstore : IDisposable
{
    private const string LogOrigin = "rekor.test.pipelineguard";
    private readonly ECDsa _logKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _ctKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private long _serial = 1000;

    /// <summary>A fresh private Sigstore.</summary>
    public TestSigstore()
    {
        var validFrom = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        FulcioRoot = TestPki.Issue(CertificateProfile.Authority("O=pipelineguard.test,CN=fulcio-root") with { Key = TestKeyKind.P384, NotBefore = validFrom });
        FulcioIntermediate = TestPki.Issue(CertificateProfile.Authority("O=pipelineguard.test,CN=fulcio-intermediate") with { Key = TestKeyKind.P384, NotBefore = validFrom }, FulcioRoot);
        Tsa = new TestTimestampAuthority("PipelineGuard Sigstore Test TSA", key: TestKeyKind.P256);
        LogId = SHA256.HashData(_logKey.ExportSubjectPublicKeyInfo());
        CtLogId = SHA256.HashData(_ctKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The Fulcio-like root.</summary>
    public X509Certificate2 FulcioRoot { get; }

    /// <summary>The Fulcio-like intermediate that issues signing certificates.</summary>
    public X509Certificate2 FulcioIntermediate { get; }

    /// <summary>The timestamp authority.</summary>
    public TestTimestampAuthority Tsa { get; }

    /// <summary>The Rekor-like log's id (SHA-256 of its key).</summary>
    public byte[] LogId { get; }

    /// <summary>The CT log's id.</summary>
    public byte[] CtLogId { get; }

    /// <summary>The log's public key (DER SubjectPublicKeyInfo).</summary>
    public byte[] LogPublicKey => _logKey.ExportSubjectPublicKeyInfo();

    /// <summary>The <c>trusted_root.json</c> trusting this Sigstore.</summary>
    public byte[] TrustedRootJson()
    {
        static JsonObject Key(byte[] spki, string details, byte[] logId, string url) => new()
        {
            ["baseUrl"] = url,
            ["hashAlgorithm"] = "SHA2_256",
            ["publicKey"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(spki), ["keyDetails"] = details, ["validFor"] = new JsonObject { ["start"] = "2020-01-01T00:00:00Z" } },
            ["logId"] = new JsonObject { ["keyId"] = Convert.ToBase64String(logId) },
        };
        static JsonObject Authority(string uri, params X509Certificate2[] chain) => new()
        {
            ["subject"] = new JsonObject { ["organization"] = "pipelineguard.test", ["commonName"] = uri },
            ["uri"] = uri,
            ["certChain"] = new JsonObject { ["certificates"] = new JsonArray(chain.Select(c => (JsonNode)new JsonObject { ["rawBytes"] = Convert.ToBase64String(c.RawData) }).ToArray()) },
            ["validFor"] = new JsonObject { ["start"] = "2020-01-01T00:00:00Z" },
        };
        var root = new JsonObject
        {
            ["mediaType"] = "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
            ["tlogs"] = new JsonArray(Key(LogPublicKey, "PKIX_ECDSA_P256_SHA_256", LogId, "https://" + LogOrigin)),
            ["certificateAuthorities"] = new JsonArray(Authority("https://fulcio.test.pipelineguard", FulcioIntermediate, FulcioRoot)),
            ["ctlogs"] = new JsonArray(Key(_ctKey.ExportSubjectPublicKeyInfo(), "PKIX_ECDSA_P256_SHA_256", CtLogId, "https://ctfe.test.pipelineguard")),
            ["timestampAuthorities"] = new JsonArray(Authority("https://tsa.test.pipelineguard", Tsa.Certificate, Tsa.Root)),
        };
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>Issues a Fulcio-like signing certificate for <paramref name="key"/>, valid ten minutes from <paramref name="notBefore"/>.</summary>
    public X509Certificate2 IssueSigningCertificate(ECDsa key, TestIdentity identity, DateTimeOffset notBefore)
    {
        var request = new CertificateRequest(new X500DistinguishedName(string.Empty), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (identity.CodeSigning)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(FulcioIntermediate, true, false));
        var san = new SubjectAlternativeNameBuilder();
        if (identity.Subject.Contains("://", StringComparison.Ordinal))
        {
            san.AddUri(new Uri(identity.Subject));
        }
        else
        {
            san.AddEmailAddress(identity.Subject);
        }

        request.CertificateExtensions.Add(san.Build(critical: true));
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.1", Encoding.UTF8.GetBytes(identity.Issuer), false));
        if (identity.GitHub is { } github)
        {
            request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.2", Encoding.UTF8.GetBytes(github.Trigger), false));
            request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.3", Encoding.UTF8.GetBytes(github.Sha), false));
            request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.4", Encoding.UTF8.GetBytes(github.Name), false));
            request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.5", Encoding.UTF8.GetBytes(github.Repository), false));
            request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.6", Encoding.UTF8.GetBytes(github.Ref), false));
        }

        var utf8 = new AsnWriter(AsnEncodingRules.DER);
        utf8.WriteCharacterString(UniversalTagNumber.UTF8String, identity.Issuer);
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.8", utf8.Encode(), false));

        var serial = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(serial, Interlocked.Increment(ref _serial));
        var notAfter = notBefore.AddMinutes(10);
        using var issuerKey = FulcioIntermediate.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(issuerKey);
        if (!identity.EmbedSct)
        {
            return request.Create(FulcioIntermediate.SubjectName, generator, notBefore, notAfter, serial);
        }

        // The precertificate: the same TBSCertificate without the SCT list; the SCT signs it, then the final certificate carries the SCT.
        using var precertificate = request.Create(FulcioIntermediate.SubjectName, generator, notBefore, notAfter, serial);
        var tbs = TbsCertificate(precertificate.RawData);
        var sct = SignedCertificateTimestamp(tbs, notBefore);
        var list = new byte[2 + 2 + sct.Length];
        BinaryPrimitives.WriteUInt16BigEndian(list, (ushort)(2 + sct.Length));
        BinaryPrimitives.WriteUInt16BigEndian(list.AsSpan(2), (ushort)sct.Length);
        sct.CopyTo(list, 4);
        var octets = new AsnWriter(AsnEncodingRules.DER);
        octets.WriteOctetString(list);
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.11129.2.4.2", octets.Encode(), false));
        return request.Create(FulcioIntermediate.SubjectName, generator, notBefore, notAfter, serial);
    }

    /// <summary>Signs <paramref name="artifact"/> keyless and returns a bundle v0.3 (message signature, hashedrekord 0.0.1 entry).</summary>
    public byte[] SignBlob(byte[] artifact, TestIdentity identity, TestBundleOptions? options = null)
    {
        options ??= new TestBundleOptions();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = IssueSigningCertificate(key, identity, options.CertificateNotBefore ?? options.SigningTime.AddSeconds(-1));
        var signature = key.SignData(artifact, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var digest = SHA256.HashData(artifact);
        var body = new JsonObject
        {
            ["apiVersion"] = "0.0.1",
            ["kind"] = "hashedrekord",
            ["spec"] = new JsonObject
            {
                ["data"] = new JsonObject { ["hash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexString(digest).ToLowerInvariant() } },
                ["signature"] = new JsonObject { ["content"] = Convert.ToBase64String(signature), ["publicKey"] = new JsonObject { ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestPki.Pem(certificate))) } },
            },
        };
        var content = new JsonObject
        {
            ["messageDigest"] = new JsonObject { ["algorithm"] = "SHA2_256", ["digest"] = Convert.ToBase64String(digest) },
            ["signature"] = Convert.ToBase64String(signature),
        };
        return Bundle(certificate, "messageSignature", content, body, "hashedrekord", signature, options);
    }

    /// <summary>Signs an in-toto statement keyless in DSSE and returns a bundle v0.3 (dsse 0.0.1 entry).</summary>
    public byte[] SignStatement(byte[] statement, TestIdentity identity, TestBundleOptions? options = null)
    {
        options ??= new TestBundleOptions();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = IssueSigningCertificate(key, identity, options.CertificateNotBefore ?? options.SigningTime.AddSeconds(-1));
        var signature = key.SignData(Dsse.PreAuthenticationEncoding(Dsse.InTotoPayloadType, statement), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var body = new JsonObject
        {
            ["apiVersion"] = "0.0.1",
            ["kind"] = "dsse",
            ["spec"] = new JsonObject
            {
                ["envelopeHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = new string('0', 64) },
                ["payloadHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexString(SHA256.HashData(statement)).ToLowerInvariant() },
                ["signatures"] = new JsonArray(new JsonObject { ["signature"] = Convert.ToBase64String(signature), ["verifier"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestPki.Pem(certificate))) }),
            },
        };
        var content = new JsonObject
        {
            ["payload"] = Convert.ToBase64String(statement),
            ["payloadType"] = Dsse.InTotoPayloadType,
            ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Convert.ToBase64String(signature), ["keyid"] = string.Empty }),
        };
        return Bundle(certificate, "dsseEnvelope", content, body, "dsse", signature, options);
    }

    /// <summary>Adds log evidence (hashedrekord entry naming <paramref name="publicKeySpki"/>) to a key-based message bundle.</summary>
    public byte[] AddLogEntry(byte[] keyBundle, byte[] publicKeySpki, TestBundleOptions? options = null)
    {
        options ??= new TestBundleOptions();
        var bundle = JsonNode.Parse(keyBundle)!.AsObject();
        var message = bundle["messageSignature"]!;
        var signature = Convert.FromBase64String(message["signature"]!.GetValue<string>());
        var digest = Convert.FromBase64String(message["messageDigest"]!["digest"]!.GetValue<string>());
        var pem = new string(PemEncoding.Write("PUBLIC KEY", publicKeySpki));
        var body = new JsonObject
        {
            ["apiVersion"] = "0.0.1",
            ["kind"] = "hashedrekord",
            ["spec"] = new JsonObject
            {
                ["data"] = new JsonObject { ["hash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexString(digest).ToLowerInvariant() } },
                ["signature"] = new JsonObject { ["content"] = Convert.ToBase64String(signature), ["publicKey"] = new JsonObject { ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)) } },
            },
        };
        var material = bundle["verificationMaterial"]!.AsObject();
        if (options.Log)
        {
            material["tlogEntries"] = new JsonArray(LogEntry(Encoding.UTF8.GetBytes(body.ToJsonString()), "hashedrekord", options));
        }

        if (options.Timestamp)
        {
            material["timestampVerificationData"] = new JsonObject { ["rfc3161Timestamps"] = new JsonArray(new JsonObject { ["signedTimestamp"] = Convert.ToBase64String(Tsa.Timestamp(signature, options.SigningTime)) }) };
        }

        return Encoding.UTF8.GetBytes(bundle.ToJsonString());
    }

    /// <summary>
    /// Signs a cosign simple-signing payload keyless as cosign's legacy <c>.sig</c> layers carry it: the layer annotations
    /// (base64 signature, the Fulcio certificate and chain in PEM, the Rekor bundle with a SET over a hashedrekord entry).
    /// </summary>
    public Dictionary<string, string> SignLayer(byte[] payload, TestIdentity identity, TestBundleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        options ??= new TestBundleOptions();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = IssueSigningCertificate(key, identity, options.CertificateNotBefore ?? options.SigningTime.AddSeconds(-1));
        var signature = key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var pem = TestPki.Pem(certificate);
        var body = new JsonObject
        {
            ["apiVersion"] = "0.0.1",
            ["kind"] = "hashedrekord",
            ["spec"] = new JsonObject
            {
                ["data"] = new JsonObject { ["hash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexString(SHA256.HashData(payload)).ToLowerInvariant() } },
                ["signature"] = new JsonObject { ["content"] = Convert.ToBase64String(signature), ["publicKey"] = new JsonObject { ["content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)) } },
            },
        };
        return LayerAnnotations(Convert.ToBase64String(signature), pem, Encoding.UTF8.GetBytes(body.ToJsonString()), options);
    }

    /// <summary>
    /// Signs an in-toto statement keyless as cosign's legacy <c>.att</c> layers carry it: the DSSE envelope (the layer
    /// blob) and the annotations (empty signature annotation, certificate, chain, Rekor bundle over a dsse entry).
    /// </summary>
    public (byte[] Envelope, Dictionary<string, string> Annotations) SignAttestationLayer(byte[] statement, TestIdentity identity, TestBundleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        options ??= new TestBundleOptions();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = IssueSigningCertificate(key, identity, options.CertificateNotBefore ?? options.SigningTime.AddSeconds(-1));
        var signature = key.SignData(Dsse.PreAuthenticationEncoding(Dsse.InTotoPayloadType, statement), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var pem = TestPki.Pem(certificate);
        var body = new JsonObject
        {
            ["apiVersion"] = "0.0.1",
            ["kind"] = "dsse",
            ["spec"] = new JsonObject
            {
                ["envelopeHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = new string('0', 64) },
                ["payloadHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexString(SHA256.HashData(statement)).ToLowerInvariant() },
                ["signatures"] = new JsonArray(new JsonObject { ["signature"] = Convert.ToBase64String(signature), ["verifier"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)) }),
            },
        };
        var envelope = new JsonObject
        {
            ["payloadType"] = Dsse.InTotoPayloadType,
            ["payload"] = Convert.ToBase64String(statement),
            ["signatures"] = new JsonArray(new JsonObject { ["keyid"] = string.Empty, ["sig"] = Convert.ToBase64String(signature) }),
        };
        return (Encoding.UTF8.GetBytes(envelope.ToJsonString()), LayerAnnotations(string.Empty, pem, Encoding.UTF8.GetBytes(body.ToJsonString()), options));
    }

    private Dictionary<string, string> LayerAnnotations(string signature, string certificatePem, byte[] body, TestBundleOptions options)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SimpleSigningPayload.SignatureAnnotation] = signature,
            ["dev.sigstore.cosign/certificate"] = certificatePem,
            ["dev.sigstore.cosign/chain"] = TestPki.Pem(FulcioIntermediate) + "\n" + TestPki.Pem(FulcioRoot) + "\n",
        };
        if (options.Log)
        {
            var integratedTime = options.SigningTime.ToUnixTimeSeconds();
            var logIndex = 70000L + Interlocked.Increment(ref _serial);
            var logId = Convert.ToHexString(LogId).ToLowerInvariant();
            var set = SignedEntryTimestamp(body, integratedTime, logIndex);
            annotations["dev.sigstore.cosign/bundle"] = string.Create(CultureInfo.InvariantCulture,
                $"{{\"SignedEntryTimestamp\":\"{Convert.ToBase64String(set)}\",\"Payload\":{{\"body\":\"{Convert.ToBase64String(body)}\",\"integratedTime\":{integratedTime},\"logIndex\":{logIndex},\"logID\":\"{logId}\"}}}}");
        }

        return annotations;
    }

    private byte[] SignedEntryTimestamp(byte[] body, long integratedTime, long logIndex)
    {
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(body)}\",\"integratedTime\":{integratedTime},\"logID\":\"{Convert.ToHexString(LogId).ToLowerInvariant()}\",\"logIndex\":{logIndex}}}");
        return _logKey.SignData(Encoding.UTF8.GetBytes(payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private byte[] Bundle(X509Certificate2 certificate, string contentName, JsonObject content, JsonObject body, string kind, byte[] signature, TestBundleOptions options)
    {
        var material = new JsonObject { ["certificate"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(certificate.RawData) } };
        material["tlogEntries"] = options.Log ? new JsonArray(LogEntry(Encoding.UTF8.GetBytes(body.ToJsonString()), kind, options)) : new JsonArray();
        if (options.Timestamp)
        {
            material["timestampVerificationData"] = new JsonObject { ["rfc3161Timestamps"] = new JsonArray(new JsonObject { ["signedTimestamp"] = Convert.ToBase64String(Tsa.Timestamp(signature, options.SigningTime)) }) };
        }

        var bundle = new JsonObject
        {
            ["mediaType"] = SigstoreBundle.MediaTypeV03,
            ["verificationMaterial"] = material,
            [contentName] = content,
        };
        return Encoding.UTF8.GetBytes(bundle.ToJsonString());
    }

    private JsonObject LogEntry(byte[] body, string kind, TestBundleOptions options)
    {
        // A real tree: other entries, then this one somewhere inside it.
        var leaves = Enumerable.Range(0, options.OtherLogEntries).Select(i => Encoding.UTF8.GetBytes($"other entry {i}")).ToList();
        var index = options.OtherLogEntries / 2;
        leaves.Insert(index, body);
        var hashes = leaves.Select(MerkleLeaf).ToList();
        var proof = AuditPath(index, hashes);
        var root = TreeHash(hashes);
        var integratedTime = options.SigningTime.ToUnixTimeSeconds();
        var logIndex = 90000L + index;
        var set = SignedEntryTimestamp(body, integratedTime, logIndex);
        return new JsonObject
        {
            ["logIndex"] = logIndex.ToString(CultureInfo.InvariantCulture),
            ["logId"] = new JsonObject { ["keyId"] = Convert.ToBase64String(LogId) },
            ["kindVersion"] = new JsonObject { ["kind"] = kind, ["version"] = "0.0.1" },
            ["integratedTime"] = integratedTime.ToString(CultureInfo.InvariantCulture),
            ["inclusionPromise"] = new JsonObject { ["signedEntryTimestamp"] = Convert.ToBase64String(set) },
            ["inclusionProof"] = new JsonObject
            {
                ["logIndex"] = index.ToString(CultureInfo.InvariantCulture),
                ["rootHash"] = Convert.ToBase64String(root),
                ["treeSize"] = leaves.Count.ToString(CultureInfo.InvariantCulture),
                ["hashes"] = new JsonArray(proof.Select(h => (JsonNode)Convert.ToBase64String(h)).ToArray()),
                ["checkpoint"] = new JsonObject { ["envelope"] = Checkpoint(leaves.Count, root) },
            },
            ["canonicalizedBody"] = Convert.ToBase64String(body),
        };
    }

    /// <summary>A checkpoint for a tree, signed by this log's key.</summary>
    public string Checkpoint(long treeSize, byte[] root)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{LogOrigin} - 1\n{treeSize}\n{Convert.ToBase64String(root)}\n");
        var signature = _logKey.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return $"{text}\n\u2014 {LogOrigin} {Convert.ToBase64String([.. LogId.AsSpan(0, 4), .. signature])}\n";
    }

    private static byte[] MerkleLeaf(byte[] entry) => SHA256.HashData([0, .. entry]);

    private static byte[] MerkleNode(byte[] left, byte[] right) => SHA256.HashData([1, .. left, .. right]);

    // RFC 6962 section 2.1: MTH and PATH, written from the definitions.
    private static byte[] TreeHash(List<byte[]> leaves)
    {
        if (leaves.Count == 1)
        {
            return leaves[0];
        }

        var k = SplitPoint(leaves.Count);
        return MerkleNode(TreeHash(leaves.Take(k).ToList()), TreeHash(leaves.Skip(k).ToList()));
    }

    private static List<byte[]> AuditPath(int m, List<byte[]> leaves)
    {
        if (leaves.Count == 1)
        {
            return [];
        }

        var k = SplitPoint(leaves.Count);
        if (m < k)
        {
            var path = AuditPath(m, leaves.Take(k).ToList());
            path.Add(TreeHash(leaves.Skip(k).ToList()));
            return path;
        }

        var right = AuditPath(m - k, leaves.Skip(k).ToList());
        right.Add(TreeHash(leaves.Take(k).ToList()));
        return right;
    }

    private static int SplitPoint(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    private byte[] SignedCertificateTimestamp(byte[] tbs, DateTimeOffset time)
    {
        var timestamp = (ulong)time.ToUnixTimeMilliseconds();
        var issuerKeyHash = SHA256.HashData(FulcioIntermediate.PublicKey.ExportSubjectPublicKeyInfo());
        var signed = new List<byte> { 0, 0 };
        signed.AddRange(BigEndian(timestamp, 8));
        signed.AddRange([0, 1]);
        signed.AddRange(issuerKeyHash);
        signed.AddRange(BigEndian((ulong)tbs.Length, 3));
        signed.AddRange(tbs);
        signed.AddRange([0, 0]);
        var signature = _ctKey.SignData(signed.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var sct = new List<byte> { 0 };
        sct.AddRange(CtLogId);
        sct.AddRange(BigEndian(timestamp, 8));
        sct.AddRange([0, 0]);
        sct.AddRange([4, 3]);
        sct.AddRange(BigEndian((ulong)signature.Length, 2));
        sct.AddRange(signature);
        return sct.ToArray();
    }

    private static byte[] BigEndian(ulong value, int bytes)
    {
        var result = new byte[bytes];
        for (var i = bytes - 1; i >= 0; i--)
        {
            result[i] = (byte)value;
            value >>= 8;
        }

        return result;
    }

    private static byte[] TbsCertificate(byte[] certificate)
    {
        var outer = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence();
        return outer.ReadEncodedValue().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _logKey.Dispose();
        _ctKey.Dispose();
        FulcioRoot.Dispose();
        FulcioIntermediate.Dispose();
        Tsa.Dispose();
    }
}
