using System.Text;
using CsCheck;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Gate;
using PipelineGuard.Oci;
using PipelineGuard.Sbom.DotNet;
using PipelineGuard.Sbom.Image;
using PipelineGuard.Signing;
using Xunit;

namespace PipelineGuard.Core.Tests.Fuzz;

/// <summary>
/// The fuzz tier: every parser of hostile input gets seeded, deterministic, bounded mutations of valid documents
/// (bytes flipped, 0xFF inserted, cut short, spliced) and must answer with its own error, never another exception.
/// Each property draws one fixed-size batch from a fixed seed, so a run is the same on every machine; together the
/// properties feed more than 10,000 inputs.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Batch = 1000;
    private const string Seed = "1xn1HwIbwfUS";

    private static Gen<byte[]> Mutations(params string[] seeds)
        => Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 1 << 16], Gen.Int[0, 5], Gen.Byte.Array[1, 8])
            .Select(t => Mutate(Encoding.UTF8.GetBytes(seeds[t.Item1]), t.Item2, t.Item3, t.Item4));

    private static byte[] Mutate(byte[] seed, int at, int operation, byte[] bytes)
    {
        var position = seed.Length == 0 ? 0 : at % seed.Length;
        var list = seed.ToList();
        switch (operation)
        {
            case 0:
                for (var i = 0; i < bytes.Length && position + i < list.Count; i++)
                {
                    list[position + i] ^= bytes[i];
                }

                break;
            case 1:
                list.Insert(position, 0xFF);
                break;
            case 2:
                list.RemoveRange(position, list.Count - position);
                break;
            case 3:
                list.InsertRange(position, bytes);
                break;
            case 4:
                list.InsertRange(position, Encoding.UTF8.GetBytes(bytes[0] % 2 == 0 ? "\r\n" : "[{\"\":"));
                break;
            default:
                list.RemoveRange(position, Math.Min(bytes.Length, list.Count - position));
                break;
        }

        return [.. list];
    }

    private static void Run(Gen<byte[]> inputs, Action<byte[]> parse)
        => inputs.Array[Batch].Sample(batch => Array.ForEach(batch, parse), seed: Seed, iter: 1, threads: 1);

    private const string BundleSeed = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"abc\"},\"tlogEntries\":[{\"logIndex\":\"1\",\"logId\":{\"keyId\":\"AA==\"},\"kindVersion\":{\"kind\":\"hashedrekord\",\"version\":\"0.0.1\"},\"integratedTime\":\"1\",\"inclusionPromise\":{\"signedEntryTimestamp\":\"AA==\"},\"canonicalizedBody\":\"e30=\"}]},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\"AA==\"},\"signature\":\"AA==\"}}";

    private const string DsseSeed = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AA==\"}]}";

    private const string ManifestSeed = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"annotations\":{\"a\":\"b\"}}],\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}}";

    private const string IndexSeed = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";

    private const string AssetsSeed = "{\"version\":3,\"targets\":{\"net8.0\":{\"Newtonsoft.Json/13.0.3\":{\"type\":\"package\",\"dependencies\":{\"A\":\"1.0.0\"}}}},\"libraries\":{\"Newtonsoft.Json/13.0.3\":{\"sha512\":\"AA==\",\"type\":\"package\",\"path\":\"newtonsoft.json/13.0.3\"}},\"project\":{\"version\":\"1.0.0\",\"restore\":{\"projectName\":\"App\",\"projectPath\":\"/src/App.csproj\"},\"frameworks\":{\"net8.0\":{\"dependencies\":{\"Newtonsoft.Json\":{\"target\":\"Package\",\"version\":\"[13.0.3, )\"}}}}}}";

    private const string PolicySeed = "version: 1\nbaseImages:\n  allowedRegistries: [\"docker.io\", \"*.example.com\"]\n  requireDigest: true\n  maxAgeDays: 30\nrules:\n  PG1003: error\nexceptions:\n  - rule: PG1003\n    reason: legacy\n    expires: 2030-01-01\nsbom:\n  format: cyclonedx-json\n";

    private const string HadolintSeed = "failure-threshold: warning\nignored: [DL3008, DL3009]\ntrustedRegistries:\n  - docker.io\noverride:\n  error: [DL3001]\nlabel-schema:\n  version: semver\nstrict-labels: true\n";

    private const string StatusSeed = "Package: bash\nStatus: install ok installed\nVersion: 5.2-1\nArchitecture: amd64\nDescription: shell\n more\n .\n last\n\nPackage: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13\nSource: zlib (1:1.2.13)\n";

    private const string DepsSeed = "{\"runtimeTarget\":{\"name\":\".NETCoreApp,Version=v8.0\"},\"libraries\":{\"App/1.0.0\":{\"type\":\"project\"},\"Newtonsoft.Json/13.0.3\":{\"type\":\"package\",\"sha512\":\"sha512-AA==\",\"path\":\"newtonsoft.json/13.0.3\"}}}";

    private const string PublicKeySeed = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7pG0ZbY3Rl0yB8Jr0m3Zq3Y9q0n1xY0yGk3b4c2a1d0e9f8g7h6i5j4k3l2m1n0o9p8q7r6s5t4u3v2w1x0y9z8A==\n-----END PUBLIC KEY-----\n";

    [Fact]
    public void Bundles() => Run(Mutations(BundleSeed), bytes => BundleReader.Read(bytes));

    [Fact]
    public void Dsse_envelopes() => Run(Mutations(DsseSeed), bytes => Dsse.Parse(bytes));

    [Fact]
    public void Oci_manifests_and_indexes() => Run(Mutations(ManifestSeed, IndexSeed), bytes =>
    {
        try
        {
            var manifest = OciManifest.Parse(bytes, null, "fuzz");
            _ = manifest.Layers.Count + manifest.Manifests.Count;
        }
        catch (OciException)
        {
        }
    });

    [Fact]
    public void Assets_files() => Run(Mutations(AssetsSeed), bytes => AssetsFileReader.Read(bytes, "obj/project.assets.json"));

    [Fact]
    public void Policies() => Run(Mutations(PolicySeed), bytes => PolicyLoader.Parse(Encoding.UTF8.GetString(bytes), "pipelineguard.yaml", Path.GetTempPath()));

    [Fact]
    public void Hadolint_configurations() => Run(Mutations(HadolintSeed), bytes => LintConfigurationLoader.ParseYaml(Encoding.UTF8.GetString(bytes), ".hadolint.yaml", []));

    [Fact]
    public void Dpkg_and_apk_databases() => Run(Mutations(StatusSeed, "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\n\nP:busybox\nV:1.36\n"), bytes =>
    {
        var text = Encoding.UTF8.GetString(bytes);
        _ = ControlParagraphs.Read(text, apk: false).Count() + ControlParagraphs.Read(text, apk: true).Count();
    });

    [Fact]
    public void Deps_json_files() => Run(Mutations(DepsSeed), bytes => DepsJsonCataloger.Parse(bytes, "/app/App.deps.json", "sha256:0"));

    [Fact]
    public void Public_keys() => Run(Mutations(PublicKeySeed), bytes => PublicKeyReader.ReadPem(Encoding.UTF8.GetString(bytes)));

    [Fact]
    public void In_toto_statements_and_signed_payloads() => Run(
        Mutations("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\"00\"}}],\"predicateType\":\"x\",\"predicate\":{}}", "{\"critical\":{\"identity\":{\"docker-reference\":\"a\"},\"image\":{\"docker-manifest-digest\":\"sha256:00\"},\"type\":\"cosign container image signature\"},\"optional\":{\"a\":\"b\"}}"),
        bytes =>
        {
            InTotoStatement.Parse(bytes);
            SimpleSigningPayload.Parse(bytes);
        });

    [Fact]
    public void Tar_headers() => Run(Mutations(Encoding.Latin1.GetString(Oci.RawTar.Archive(Oci.RawTar.Entry("a/b", "data"), Oci.RawTar.Entry("PaxHeaders/c", "20 path=c/long/name\n"u8.ToArray(), 'x'), Oci.RawTar.Entry("c", "x")))), bytes =>
    {
        try
        {
            using var reader = new TarStreamReader(new MemoryStream(bytes), new TarLimits { MaxHeaderBytes = 4096, MaxEntries = 64 });
            while (reader.NextAsync().AsTask().GetAwaiter().GetResult() is { } entry)
            {
                reader.ReadAllAsync(1 << 16, entry.Name).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OciException)
        {
        }
    });
}
