using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using PipelineGuard.Oci;
using PipelineGuard.Sbom.Image;

namespace PipelineGuard.Benchmarks;

/// <summary>
/// Image cataloguing in process: one 64 MiB (uncompressed) gzip layer of 4,000 text files plus a dpkg status of
/// 500 packages, read from an OCI layout, digest-verified, whiteouts merged and catalogued; and reference parsing.
/// </summary>
[MemoryDiagnoser]
public class OciBenchmarks
{
    private string _directory = string.Empty;
    private OciLayoutStore _store = null!;
    private ResolvedImage _image = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "pg-oci-bench-" + Guid.NewGuid().ToString("N"));
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var status = new StringBuilder();
            for (var i = 0; i < 500; i++)
            {
                status.Append(System.Globalization.CultureInfo.InvariantCulture, $"Package: p{i}\nStatus: install ok installed\nArchitecture: amd64\nVersion: {i}.0-1\nDescription: package {i}\n\n");
            }

            Add(writer, "etc/os-release", Encoding.UTF8.GetBytes("ID=debian\nVERSION_ID=12\n"));
            Add(writer, "var/lib/dpkg/status", Encoding.UTF8.GetBytes(status.ToString()));
            var random = new Random(42);
            var words = Enumerable.Range(0, 2000).Select(i => $"w{random.Next(100000)}").ToArray();
            for (var f = 0; f < 4000; f++)
            {
                var text = new StringBuilder();
                while (text.Length < 16 * 1024)
                {
                    text.Append(words[random.Next(words.Length)]).Append(' ');
                }

                Add(writer, $"usr/share/bench/{f / 100}/file{f}.txt", Encoding.UTF8.GetBytes(text.ToString()));
            }
        }

        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(tar.GetBuffer(), 0, (int)tar.Length);
        }

        var layer = gz.ToArray();
        _store = OciLayoutStore.OpenOrCreate(_directory);
        var layerDigest = Digest.Compute(layer);
        _store.PutBlobAsync(string.Empty, layerDigest, new MemoryStream(layer), layer.Length).GetAwaiter().GetResult();
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        var configDigest = Digest.Compute(config);
        _store.PutBlobAsync(string.Empty, configDigest, new MemoryStream(config), config.Length).GetAwaiter().GetResult();
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"config\":{{\"mediaType\":\"{OciMediaTypes.ImageConfig}\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
            $"\"layers\":[{{\"mediaType\":\"{OciMediaTypes.LayerTarGzip}\",\"digest\":\"{layerDigest}\",\"size\":{layer.Length}}}]}}");
        _store.PutManifestAsync(string.Empty, "bench", manifest, OciMediaTypes.ImageManifest).GetAwaiter().GetResult();
        _image = ResolvedImage.ResolveAsync(_store, string.Empty, "bench").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "catalogue a 64 MiB gzip layer (verify + tar + dpkg)")]
    public async Task<int> CatalogueLayer()
        => (await ImageCataloger.CatalogAsync(_store, string.Empty, _image, "bench")).Packages.Count;

    [Benchmark(Description = "parse 4 image references")]
    public int ParseReferences()
    {
        var n = 0;
        foreach (var text in new[] { "alpine", "ghcr.io/org/app:1.2.3", "localhost:5000/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "registry.example.com:443/team/service:v1" })
        {
            n += ImageReference.Parse(text).Repository.Length;
        }

        return n;
    }

    private static void Add(TarWriter writer, string name, byte[] data)
        => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
}
