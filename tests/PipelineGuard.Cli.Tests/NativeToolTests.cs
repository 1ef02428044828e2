using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PipelineGuard.Cli.Tests.Samples;
using PipelineGuard.Cli.Tests.Sbom;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Cli.Tests;

/// <summary>
/// The natively compiled tool, as <c>dotnet tool install</c> puts it on linux-x64, against the JIT build
/// (<c>dotnet pipelineguard.dll</c>) on the same inputs, verb family by verb family: same exit codes, same output
/// (only what differs by design is normalised: timestamps, serial numbers and UUIDs, SPDX namespaces), and
/// signatures made by one accepted by the other and by @sigstore/verify. Every difference is a native-build defect
/// (trimmed reflection, a missing native library or resource).
/// </summary>
[Trait("Tier", "Package")]
public sealed partial class NativeToolTests(NativeTool tool, RestoredSolution solution, RegistryFixture registry)
    : IClassFixture<NativeTool>, IClassFixture<RestoredSolution>, IClassFixture<RegistryFixture>
{
    private const string Password = "native tool password \u00e9";

    /// <summary>The key password through COSIGN_PASSWORD only: the in-process tests set PIPELINEGUARD_PASSWORD, which would win.</summary>
    private static readonly Dictionary<string, string?> KeyPassword = new() { ["COSIGN_PASSWORD"] = Password, ["PIPELINEGUARD_PASSWORD"] = null };

    private sealed record Run(ProcessResult Process, IReadOnlyDictionary<string, string> Files)
    {
        public int ExitCode => Process.ExitCode;

        public string Output => Process.StandardOutput;

        public string Error => Process.StandardError;

        public override string ToString() => Process + string.Concat(Files.Select(f => $"\n--- {f.Key}\n{f.Value}"));
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();

    // ISO 8601 times, the "run at" time and the yyyyMMdd_HHmmss run id of the junit format.
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?|\b\d{8}_\d{6}\b")]
    private static partial Regex Timestamp();

    [GeneratedRegex("\"documentNamespace\":\\s*\"[^\"]*\"")]
    private static partial Regex DocumentNamespace();

    /// <summary>Takes out what differs between two runs by design, whichever build made them.</summary>
    private static string Normalise(string text, params string[] folders)
    {
        foreach (var folder in folders)
        {
            text = text.Replace(folder, "<dir>", StringComparison.Ordinal);
        }

        text = DocumentNamespace().Replace(text, "\"documentNamespace\": \"<namespace>\"");
        text = Uuid().Replace(text, "<uuid>");
        return Timestamp().Replace(text, "<time>");
    }

    /// <summary>Asserts the two runs ended alike and printed and wrote the same, once normalised.</summary>
    private static void AssertSame(Run native, Run jit, string what, string nativeFolder = "", string jitFolder = "")
    {
        string[] nativeFolders = nativeFolder.Length == 0 ? [] : [nativeFolder];
        string[] jitFolders = jitFolder.Length == 0 ? [] : [jitFolder];
        Assert.True(native.ExitCode == jit.ExitCode, $"{what}: the native tool exited {native.ExitCode}, the JIT build {jit.ExitCode}.\n=== native\n{native}\n=== JIT\n{jit}");
        Assert.Equal(Normalise(jit.Output, jitFolders), Normalise(native.Output, nativeFolders));
        Assert.Equal(Normalise(jit.Error, jitFolders), Normalise(native.Error, nativeFolders));
        Assert.Equal(jit.Files.Keys.Order(StringComparer.Ordinal), native.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in jit.Files)
        {
            Assert.Equal(Normalise(text, jitFolders), Normalise(native.Files[name], nativeFolders));
        }
    }

    /// <summary>Reads and removes what a run wrote to <paramref name="output"/> (a file or a folder), so the next run starts clean.</summary>
    private static Dictionary<string, string> Collect(string? output)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (output is null)
        {
            return files;
        }

        if (File.Exists(output))
        {
            files[Path.GetFileName(output)] = File.ReadAllText(output);
            File.Delete(output);
        }
        else if (Directory.Exists(output))
        {
            foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(output, file)] = File.ReadAllText(file);
                File.Delete(file);
            }
        }

        return files;
    }

    /// <summary>A key pair made by the native tool in <paramref name="dir"/> (cosign.key, cosign.pub).</summary>
    private async Task<(string Key, string Pub)> NativeKeyPairAsync(string dir)
    {
        var keys = await NativeAsync(["generate-key-pair", "--output-key-prefix", Path.Combine(dir, "cosign")], environment: KeyPassword);
        Assert.True(keys.ExitCode == 0, keys.ToString());
        return (Path.Combine(dir, "cosign.key"), Path.Combine(dir, "cosign.pub"));
    }

    private async Task<Run> NativeAsync(string[] arguments, string? output = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
        => new(await tool.RunAsync(arguments, workingDirectory, environment), Collect(output));

    private static async Task<Run> JitAsync(string[] arguments, string? output = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
        => new(await NativeTool.RunJitAsync(arguments, workingDirectory, environment), Collect(output));

    /// <summary>Runs both builds one after the other on the same arguments and asserts they behaved the same.</summary>
    private async Task<(Run Native, Run Jit)> BothAsync(string[] arguments, string? output = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var native = await NativeAsync(arguments, output, workingDirectory, environment);
        var jit = await JitAsync(arguments, output, workingDirectory, environment);
        AssertSame(native, jit, string.Join(' ', arguments));
        return (native, jit);
    }

    private static string[] SampleDockerfiles =>
        [Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService", "Dockerfile"), Path.Combine(RepositoryPaths.Root, "samples", "HelloService", "Dockerfile")];

    [Fact]
    public async Task Lint_prints_the_same_report_in_every_format()
    {
        var formats = LintOutputFormatNames.All;
        Assert.Equal(Enum.GetValues<LintOutputFormat>().Order(), formats.Select(f => LintOutputFormatNames.TryParse(f, out var parsed) ? parsed : throw new InvalidOperationException(f)).Order());

        foreach (var format in formats)
        {
            var (native, _) = await BothAsync(["lint", "-f", format, "--no-color", .. SampleDockerfiles], workingDirectory: RepositoryPaths.Root);
            Assert.True(native.ExitCode == ExitCodes.Fail, $"{format}: {native}");
            Assert.Contains("DL3007", native.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Lint_reads_a_hadolint_config_and_ignore_pragmas_the_same_way()
    {
        var dir = RepositoryPaths.NewTempDirectory("native-lint");
        var dockerfile = Path.Combine(dir, "Dockerfile");
        await File.WriteAllTextAsync(dockerfile, """
            FROM debian:latest
            # hadolint ignore=DL3008,DL3015
            RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
            RUN apt-get install -y wget
            WORKDIR app
            USER 1000
            """);
        var config = Path.Combine(dir, ".hadolint.yaml");
        await File.WriteAllTextAsync(config, """
            ignored:
              - DL3007
            override:
              error:
                - DL3000
            failure-threshold: error
            trustedRegistries:
              - registry.pipelineguard.test
            """);

        var (plain, _) = await BothAsync(["lint", "-f", "json", dockerfile], workingDirectory: RepositoryPaths.Root);
        var (noPragmas, _) = await BothAsync(["lint", "-f", "json", "--disable-ignore-pragma", dockerfile], workingDirectory: RepositoryPaths.Root);
        var (configured, _) = await BothAsync(["lint", "-f", "json", "-c", config, dockerfile], workingDirectory: RepositoryPaths.Root);

        Assert.DoesNotContain(("DL3015", 3), Findings(plain.Output));
        Assert.Contains(("DL3015", 4), Findings(plain.Output));
        Assert.Contains(("DL3015", 3), Findings(noPragmas.Output));
        Assert.Contains(("DL3007", 1), Findings(plain.Output));
        Assert.DoesNotContain(("DL3007", 1), Findings(configured.Output));
        Assert.Contains(("DL3026", 1), Findings(configured.Output));
        Assert.Equal(ExitCodes.Fail, configured.ExitCode);
        using var report = JsonDocument.Parse(configured.Output);
        Assert.Equal("error", report.RootElement.EnumerateArray().Single(f => f.GetProperty("code").GetString() == "DL3000").GetProperty("level").GetString());

        static List<(string Code, int Line)> Findings(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray().Select(f => (f.GetProperty("code").GetString()!, f.GetProperty("line").GetInt32())).ToList();
        }
    }

    [Fact]
    public async Task Sbom_of_a_restored_project_is_the_same_in_every_format()
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("native-sbom"), "app.sbom");
        foreach (var format in new[] { "cyclonedx-json", "cyclonedx-xml", "spdx-json" })
        {
            foreach (var spec in format == "spdx-json" ? new[] { "1.6" } : new[] { "1.6", "1.7" })
            {
                var (native, _) = await BothAsync(["sbom", solution.Project.ProjectFile, "--format", format, "--spec-version", spec, "-o", file], file);
                Assert.True(native.ExitCode == 0, native.ToString());
                Assert.Contains("Serilog", native.Files["app.sbom"], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Sbom_vulnerabilities_come_from_a_loopback_feed_through_NuGet_Protocol()
    {
        var root = RepositoryPaths.NewTempDirectory("native-vuln");
        using var feed = new LoopbackFeed(root);
        Directory.CreateDirectory(Path.Combine(root, "v3"));
        await File.WriteAllTextAsync(Path.Combine(root, "v3", "index.json"), $$"""
            {"version": "3.0.0", "resources": [{"@id": "{{feed.Url}}v3/vulnerabilities.json", "@type": "VulnerabilityInfo/6.7.0"}]}
            """);
        await File.WriteAllTextAsync(Path.Combine(root, "v3", "vulnerabilities.json"), $$"""
            [{"@name": "base", "@id": "{{feed.Url}}v3/base.json", "@updated": "2026-11-01T00:00:00Z"}]
            """);
        await File.WriteAllTextAsync(Path.Combine(root, "v3", "base.json"), """
            {"polly": [{"severity": 3, "url": "https://example.com/advisories/GHSA-1111-2222-3333", "versions": "[8.0.0, 9.0.0)"}]}
            """);
        var file = Path.Combine(root, "app.cdx.json");
        string[] Arguments(string cache) => ["sbom", solution.Project.ProjectFile, "-o", file, "--vulnerabilities", "--vulnerability-source", feed.ServiceIndex, "--vulnerability-cache", Path.Combine(root, cache)];

        var native = await NativeAsync(Arguments("native-cache"), file);
        var afterNative = feed.Requests;
        var jit = await JitAsync(Arguments("jit-cache"), file);

        Assert.True(afterNative >= 2, $"the native tool made {afterNative} requests to the feed");
        AssertSame(native, jit, "sbom --vulnerabilities");
        using var json = JsonDocument.Parse(native.Files["app.cdx.json"]);
        var vulnerability = Assert.Single(json.RootElement.GetProperty("vulnerabilities").EnumerateArray());
        Assert.Equal("GHSA-1111-2222-3333", vulnerability.GetProperty("id").GetString());
        Assert.Equal("critical", vulnerability.GetProperty("ratings")[0].GetProperty("severity").GetString());
        Assert.Equal("pkg:nuget/Polly@8.9.1", Assert.Single(vulnerability.GetProperty("affects").EnumerateArray()).GetProperty("ref").GetString());

        // The native tool reads the cache the JIT build wrote (source-generated JSON both ways) and asks the feed nothing.
        var afterBoth = feed.Requests;
        var cached = await NativeAsync(Arguments("jit-cache"), file);
        Assert.True(cached.ExitCode == 0, cached.ToString());
        Assert.Equal(afterBoth, feed.Requests);
        Assert.Equal(Normalise(native.Files["app.cdx.json"]), Normalise(cached.Files["app.cdx.json"]));
    }

    /// <summary>A Debian image with a dpkg status file and, in a second layer, an rpm sqlite database.</summary>
    private static OciLayoutImage DebianImageWithRpmDatabase()
    {
        var rpmdb = RpmDatabaseBuilder.Database(
            RpmDatabaseBuilder.Header((1000, "bash"), (1001, "5.2.26"), (1002, "3.fc40"), (1022, "x86_64"), (1014, "GPL-3.0-or-later"), (1044, "bash-5.2.26-3.fc40.src.rpm")),
            RpmDatabaseBuilder.Header((1000, "openssl-libs"), (1001, "3.2.1"), (1002, "2.fc40"), (1003, 1), (1022, "x86_64"), (1014, "Apache-2.0")));
        return new OciLayoutBuilder()
            .AddLayer(
                LayerEntry.File("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
                LayerEntry.File("var/lib/dpkg/status", "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n"))
            .AddLayer(new LayerEntry(RpmDatabaseBuilder.ImagePath, rpmdb))
            .Write(RepositoryPaths.NewTempDirectory("native-image"), "v1");
    }

    [Fact]
    public async Task Image_sbom_reads_dpkg_status_and_the_rpm_sqlite_database()
    {
        var image = DebianImageWithRpmDatabase();
        foreach (var format in new[] { "cyclonedx-json", "spdx-json" })
        {
            var (native, _) = await BothAsync(["sbom", "--image", image.Reference, "--format", format]);
            Assert.True(native.ExitCode == 0, native.ToString());
            Assert.Contains("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1", native.Output, StringComparison.Ordinal);
            Assert.Contains("pkg:rpm/debian/openssl-libs@3.2.1-2.fc40", native.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_executable_copied_without_its_SQLite_library_still_writes_the_image_SBOM_and_says_what_is_missing()
    {
        var alone = Path.Combine(RepositoryPaths.NewTempDirectory("native-alone"), "pipelineguard");
        File.Copy(tool.Executable, alone);

        var run = await ProcessRunner.RunAsync(alone, ["sbom", "--image", DebianImageWithRpmDatabase().Reference], Path.GetDirectoryName(alone), timeout: TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("Unhandled exception", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("PGIMG002", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("libe_sqlite3.so must sit beside the pipelineguard executable", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("pkg:rpm/", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_and_blob_signatures_cross_verify_between_the_builds_and_with_sigstore_verify()
    {
        var nativeDir = RepositoryPaths.NewTempDirectory("native-keys");
        var jitDir = RepositoryPaths.NewTempDirectory("jit-keys");
        var nativeKeys = await NativeAsync(["generate-key-pair", "--output-key-prefix", Path.Combine(nativeDir, "cosign")], environment: KeyPassword);
        var jitKeys = await JitAsync(["generate-key-pair", "--output-key-prefix", Path.Combine(jitDir, "cosign")], environment: KeyPassword);
        AssertSame(nativeKeys, jitKeys, "generate-key-pair", nativeDir, jitDir);
        Assert.True(nativeKeys.ExitCode == 0, nativeKeys.ToString());
        Assert.StartsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----", await File.ReadAllTextAsync(Path.Combine(nativeDir, "cosign.key")), StringComparison.Ordinal);

        var artifact = Path.Combine(RepositoryPaths.NewTempDirectory("native-blob"), "App.1.0.0.nupkg");
        await File.WriteAllBytesAsync(artifact, Encoding.UTF8.GetBytes("pretend this is a package " + Guid.NewGuid()));
        var nativeBundle = Path.Combine(nativeDir, "App.sigstore.json");
        var jitBundle = Path.Combine(jitDir, "App.sigstore.json");

        // The native tool signs with its own key; the JIT build signs with the JIT build's key.
        var nativeSign = await NativeAsync(["sign-blob", artifact, "--key", Path.Combine(nativeDir, "cosign.key"), "--bundle", nativeBundle], environment: KeyPassword);
        var jitSign = await JitAsync(["sign-blob", artifact, "--key", Path.Combine(jitDir, "cosign.key"), "--bundle", jitBundle], environment: KeyPassword);
        Assert.True(nativeSign.ExitCode == 0, nativeSign.ToString());
        Assert.True(jitSign.ExitCode == 0, jitSign.ToString());
        Assert.Equal(Normalise(jitSign.Error, jitDir), Normalise(nativeSign.Error, nativeDir));
        Assert.Matches("^[A-Za-z0-9+/]+=*$", nativeSign.Output.Trim());

        // Each bundle verifies in both builds, alike, and with @sigstore/verify.
        var (ofNative, _) = await BothAsync(["verify-blob", artifact, "--key", Path.Combine(nativeDir, "cosign.pub"), "--bundle", nativeBundle]);
        var (ofJit, _) = await BothAsync(["verify-blob", artifact, "--key", Path.Combine(jitDir, "cosign.pub"), "--bundle", jitBundle]);
        Assert.True(ofNative.ExitCode == 0, ofNative.ToString());
        Assert.True(ofJit.ExitCode == 0, ofJit.ToString());
        var node = await NodeInterop.RunAsync("verify-bundle.mjs", nativeBundle, Path.Combine(nativeDir, "cosign.pub"), artifact);
        Assert.True(node.ExitCode == 0, node.ToString());
        node = await NodeInterop.RunAsync("verify-bundle.mjs", jitBundle, Path.Combine(jitDir, "cosign.pub"), artifact);
        Assert.True(node.ExitCode == 0, node.ToString());

        // The JIT build decrypts the natively generated key.
        var jitWithNativeKey = await JitAsync(["sign-blob", artifact, "--key", Path.Combine(nativeDir, "cosign.key"), "--output-signature", Path.Combine(jitDir, "App.sig")], environment: KeyPassword);
        Assert.True(jitWithNativeKey.ExitCode == 0, jitWithNativeKey.ToString());
        var (bySignature, _) = await BothAsync(["verify-blob", artifact, "--key", Path.Combine(nativeDir, "cosign.pub"), "--signature", Path.Combine(jitDir, "App.sig")]);
        Assert.True(bySignature.ExitCode == 0, bySignature.ToString());

        // A changed blob fails in both, with the same exit code and message.
        var tampered = Path.Combine(Path.GetDirectoryName(artifact)!, "tampered.nupkg");
        var bytes = await File.ReadAllBytesAsync(artifact);
        bytes[0] ^= 0x20;
        await File.WriteAllBytesAsync(tampered, bytes);
        var (changed, _) = await BothAsync(["verify-blob", tampered, "--key", Path.Combine(nativeDir, "cosign.pub"), "--bundle", nativeBundle]);
        Assert.Equal(ExitCodes.Fail, changed.ExitCode);
        Assert.NotEqual(string.Empty, changed.Error);
    }

    [VectorFact]
    public async Task Cosign_keys_and_bundles_from_the_vectors_work_in_the_native_tool()
    {
        var vectors = Path.Combine(RepositoryPaths.Vectors!, "cosign-keys");
        var artifact = Path.Combine(vectors, "artifact.txt");
        foreach (var name in new[] { "p256-empty-password", "p256-n32768", "p256-n65536" })
        {
            var (verified, _) = await BothAsync(["verify-blob", artifact, "--key", Path.Combine(vectors, name + ".pub"), "--bundle", Path.Combine(vectors, name + ".artifact.sigstore.json")]);
            Assert.True(verified.ExitCode == 0, verified.ToString());
        }

        // cosign's scrypt-encrypted key (its default work factor) decrypts in the native tool.
        var bundle = Path.Combine(RepositoryPaths.NewTempDirectory("native-vector"), "artifact.sigstore.json");
        var password = new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = await File.ReadAllTextAsync(Path.Combine(vectors, "p256-n65536.password")), ["PIPELINEGUARD_PASSWORD"] = null };
        var sign = await NativeAsync(["sign-blob", artifact, "--key", Path.Combine(vectors, "p256-n65536.key"), "--bundle", bundle], environment: password);
        Assert.True(sign.ExitCode == 0, sign.ToString());
        var node = await NodeInterop.RunAsync("verify-bundle.mjs", bundle, Path.Combine(vectors, "p256-n65536.pub"), artifact);
        Assert.True(node.ExitCode == 0, node.ToString());
    }

    [Fact]
    public async Task Blob_attestations_cross_verify_between_the_builds_and_with_sigstore_verify()
    {
        var dir = RepositoryPaths.NewTempDirectory("native-attest");
        await NativeKeyPairAsync(dir);
        var artifact = Path.Combine(dir, "App.1.0.0.nupkg");
        await File.WriteAllTextAsync(artifact, "pretend this is a package " + Guid.NewGuid());
        var predicate = Path.Combine(dir, "provenance.json");
        await File.WriteAllTextAsync(predicate, "{\"buildDefinition\":{\"buildType\":\"https://pipelineguard.dev/build/v1\",\"externalParameters\":{}},\"runDetails\":{\"builder\":{\"id\":\"https://ci.example/builder\"}}}");
        var nativeBundle = artifact + ".native.intoto.sigstore.json";
        var jitBundle = artifact + ".jit.intoto.sigstore.json";
        string[] Attest(string bundle) => ["attest-blob", artifact, "--predicate", predicate, "--type", "slsaprovenance1", "--key", Path.Combine(dir, "cosign.key"), "--bundle", bundle];

        var nativeAttest = await NativeAsync(Attest(nativeBundle), environment: KeyPassword);
        var jitAttest = await JitAsync(Attest(jitBundle), environment: KeyPassword);
        Assert.True(nativeAttest.ExitCode == 0, nativeAttest.ToString());
        Assert.Equal(jitAttest.ExitCode, nativeAttest.ExitCode);

        foreach (var bundle in new[] { nativeBundle, jitBundle })
        {
            var (verified, _) = await BothAsync(["verify-blob-attestation", artifact, "--key", Path.Combine(dir, "cosign.pub"), "--bundle", bundle, "--type", "slsaprovenance1"]);
            Assert.True(verified.ExitCode == 0, verified.ToString());
            var node = await NodeInterop.RunAsync("verify-bundle.mjs", bundle, Path.Combine(dir, "cosign.pub"), artifact);
            Assert.True(node.ExitCode == 0, node.ToString());
        }

        var (wrongType, _) = await BothAsync(["verify-blob-attestation", artifact, "--key", Path.Combine(dir, "cosign.pub"), "--bundle", nativeBundle, "--type", "cyclonedx"]);
        Assert.Equal(ExitCodes.Fail, wrongType.ExitCode);
        Assert.Contains("PredicateTypeMismatch", wrongType.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_signed_by_one_build_verify_in_the_other()
    {
        var dir = RepositoryPaths.NewTempDirectory("native-img");
        var (key, pub) = await NativeKeyPairAsync(dir);
        var byNative = await RegistryImages.PushAsync(registry, "native/signed-natively", "1", "native");
        var byJit = await RegistryImages.PushAsync(registry, "native/signed-by-jit", "1", "jit");
        var nativeImage = $"{registry.Host}/native/signed-natively:1";
        var jitImage = $"{registry.Host}/native/signed-by-jit:1";

        var nativeSign = await NativeAsync(["sign", nativeImage, "--key", key, "--allow-http-registry"], environment: KeyPassword);
        var jitSign = await JitAsync(["sign", jitImage, "--key", key, "--allow-http-registry"], environment: KeyPassword);
        Assert.True(nativeSign.ExitCode == 0, nativeSign.ToString());
        Assert.True(jitSign.ExitCode == 0, jitSign.ToString());

        var (ofNative, _) = await BothAsync(["verify", nativeImage, "--key", pub, "--allow-http-registry", "--output", "json"]);
        Assert.True(ofNative.ExitCode == 0, ofNative.ToString());
        Assert.Contains(byNative.ToString(), ofNative.Output, StringComparison.Ordinal);
        var ofJit = await NativeAsync(["verify", jitImage, "--key", pub, "--allow-http-registry", "--output", "json"]);
        Assert.True(ofJit.ExitCode == 0, ofJit.ToString());
        Assert.Contains(byJit.ToString(), ofJit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_attestations_and_check_base_agree()
    {
        var dir = RepositoryPaths.NewTempDirectory("native-base");
        var (key, pub) = await NativeKeyPairAsync(dir);
        var digest = await RegistryImages.PushAsync(registry, "native/base", "1", "base");
        var image = $"{registry.Host}/native/base:1";
        var predicate = Path.Combine(dir, "provenance.json");
        await File.WriteAllTextAsync(predicate, CosignImageWriter.SlsaProvenance(RegistryImages.TrustedBuilder, "git+https://git.pipelineguard.test/base/x").ToJsonString());

        var sign = await NativeAsync(["sign", image, "--key", key, "--allow-http-registry"], environment: KeyPassword);
        Assert.True(sign.ExitCode == 0, sign.ToString());
        var attest = await NativeAsync(["attest", image, "--predicate", predicate, "--type", "slsaprovenance1", "--key", key, "--allow-http-registry"], environment: KeyPassword);
        Assert.True(attest.ExitCode == 0, attest.ToString());

        var (verified, _) = await BothAsync(["verify-attestation", image, "--key", pub, "--type", "slsaprovenance1", "--allow-http-registry"]);
        Assert.True(verified.ExitCode == 0, verified.ToString());

        var dockerfile = RegistryImages.WriteDockerfile($"FROM {registry.Host}/native/base:1@{digest} AS runtime\nFROM runtime\nRUN true\n");
        string[] flags = ["--key", pub, "--allow-http-registry", "--require-digest", "--attestation-type", "https://slsa.dev/provenance/v1", "--builder-id", RegistryImages.TrustedBuilder];
        var (text, _) = await BothAsync(["check-base", dockerfile, .. flags]);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"built by {RegistryImages.TrustedBuilder}", text.Output, StringComparison.Ordinal);
        var (json, _) = await BothAsync(["check-base", dockerfile, "--format", "json", .. flags]);
        Assert.Equal(0, json.ExitCode);
    }

    [Fact]
    public async Task Gate_over_HelloService_writes_the_same_reports()
    {
        var hello = SampleCopies.CopyTracked(Path.Combine("samples", "HelloService"), RepositoryPaths.NewTempDirectory("native-gate"));
        var restore = await ProcessRunner.RunAsync("dotnet", ["restore", hello], hello, timeout: TimeSpan.FromMinutes(3));
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var output = RepositoryPaths.NewTempDirectory("native-gate-out");
        var offline = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = null, ["GITHUB_STEP_SUMMARY"] = null, ["GITLAB_CI"] = null, ["TF_BUILD"] = null };

        var (native, _) = await BothAsync(["gate", hello, "--output-dir", output, "--format", "json", "--format", "markdown"], output, hello, offline);

        Assert.True(native.ExitCode == 0, native.ToString());
        Assert.Contains("pipelineguard gate: PASSED", native.Output, StringComparison.Ordinal);
        Assert.Contains("pipelineguard.json", native.Files.Keys);
        Assert.Contains("pipelineguard.md", native.Files.Keys);
        using var json = JsonDocument.Parse(native.Files["pipelineguard.json"]);
        Assert.Equal("pass", json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Bad_input_fails_the_same_way()
    {
        var dir = RepositoryPaths.NewTempDirectory("native-bad");
        var brokenPolicy = Path.Combine(dir, "broken-policy");
        Directory.CreateDirectory(brokenPolicy);
        await File.WriteAllTextAsync(Path.Combine(brokenPolicy, "pipelineguard.yaml"), "version: 1\nbaseImages:\n  maxAgeDays: -3\n");
        var badYaml = Path.Combine(dir, "bad-yaml");
        Directory.CreateDirectory(badYaml);
        await File.WriteAllTextAsync(Path.Combine(badYaml, "pipelineguard.yaml"), "version: 1\nlint: [unclosed\n");

        var (missing, _) = await BothAsync(["lint", Path.Combine(dir, "no-such", "Dockerfile")]);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("no-such", missing.Error, StringComparison.Ordinal);

        var (missingKey, _) = await BothAsync(["verify-blob", Path.Combine(dir, "nothing.bin"), "--key", Path.Combine(dir, "missing.pub"), "--signature", Path.Combine(dir, "nothing.sig")]);
        Assert.NotEqual(0, missingKey.ExitCode);

        var (policy, _) = await BothAsync(["gate", brokenPolicy, "--output-dir", Path.Combine(dir, "out")]);
        Assert.Equal(ExitCodes.Usage, policy.ExitCode);
        Assert.Contains("pipelineguard.yaml:3:15: baseImages.maxAgeDays:", policy.Error, StringComparison.Ordinal);

        var (yaml, _) = await BothAsync(["gate", badYaml, "--output-dir", Path.Combine(dir, "out")]);
        Assert.Equal(ExitCodes.Usage, yaml.ExitCode);
        Assert.Contains("pipelineguard.yaml:", yaml.Error, StringComparison.Ordinal);

        // lint takes any number of paths, so an unknown flag there is a path that does not exist; these verbs take none or one.
        var (flag, _) = await BothAsync(["version", "--no-such-flag"]);
        Assert.Equal(ExitCodes.Usage, flag.ExitCode);
        Assert.Contains("--no-such-flag", flag.Error, StringComparison.Ordinal);
        var (extra, _) = await BothAsync(["verify-blob", SampleDockerfiles[0], "--key", Path.Combine(dir, "k.pub"), "--signature", Path.Combine(dir, "s.sig"), "--no-such-flag"]);
        Assert.Equal(ExitCodes.Usage, extra.ExitCode);
        Assert.Contains("--no-such-flag", flag.Error, StringComparison.Ordinal);
    }
}
