using PipelineGuard.Gate;
using PipelineGuard.Oci;
using PipelineGuard.Provenance;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Testing;
using PipelineGuard.Testing.Notation;
using Xunit;
using OciDescriptor = PipelineGuard.Oci.OciDescriptor;

namespace PipelineGuard.Core.Tests.Signing.Notation;

/// <summary>
/// Notary Project signatures found on images and verified: through the referrers tag schema of a real registry (which
/// has no referrers API) and through an OCI layout's referrers, on the digest the reference resolves to.
/// </summary>
public sealed class NotationDiscoveryTests(RegistryFixture registry, NotationDiscoveryTests.Trust trust) : IClassFixture<RegistryFixture>, IClassFixture<NotationDiscoveryTests.Trust>
{
    /// <summary>The test chain laid out as a trust store, and a trust policy for every registry repository.</summary>
    public sealed class Trust : IDisposable
    {
        public Trust()
        {
            Chain.WriteTrustStore(Store);
        }

        public NotationTestChain Chain { get; } = new();

        public NotationTestChain Stranger { get; } = new(name: "Stranger");

        public string Store { get; } = RepositoryPaths.NewTempDirectory("notation-store");

        public NotationTrust Load(string scope = "*", string level = "strict", string? identity = null)
        {
            var path = Path.Combine(RepositoryPaths.NewTempDirectory("notation-policy"), "trustpolicy.json");
            File.WriteAllText(path, level == "skip"
                ? $$"""{ "version": "1.0", "trustPolicies": [ { "name": "skipped", "registryScopes": ["{{scope}}"], "signatureVerification": { "level": "skip" } } ] }"""
                : identity is null ? NotationTestChain.TrustPolicy(scope, level) : NotationTestChain.TrustPolicy(scope, level, identity));
            var (loaded, errors) = NotationTrust.Load(path, Store, null);
            Assert.True(loaded is not null, string.Join("\n", errors));
            return loaded;
        }

        public void Dispose()
        {
            Chain.Dispose();
            Stranger.Dispose();
        }
    }

    private async Task<(RegistryClient Client, OciDescriptor Subject)> PushAsync(string repository)
    {
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", repository + "\n")).Write(RepositoryPaths.NewTempDirectory("img"), "1");
        var client = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true });
        using var layout = OciLayoutStore.Open(image.Directory);
        await ImageCopier.CopyAsync(layout, string.Empty, "1", client, repository, "1");
        return (client, await client.ResolveAsync(repository, "1"));
    }

    private static Task<IReadOnlyList<NotationImageVerification>> VerifyAsync(string image, NotationTrust trust) =>
        NotationImageJob.VerifyAsync(new VerifyNotationImageOptions([image], trust) { Registry = new RegistryClientOptions { AllowHttp = true } });

    [Fact]
    public async Task A_COSE_signature_in_the_referrers_tag_index_verifies_and_reports_envelope_subject_timestamp_and_digest()
    {
        var (client, subject) = await PushAsync("nd/cose");
        using (client)
        {
            await NotationImageWriter.SignAsync(client, "nd/cose", subject, trust.Chain);
        }

        var result = Assert.Single(await VerifyAsync($"{registry.Host}/nd/cose:1", trust.Load()));

        Assert.True(result.IsValid, result.Message);
        var evidence = result.Result!.Evidence!;
        Assert.Equal(NotationEnvelope.CoseMediaType, evidence.EnvelopeType);
        Assert.Equal(trust.Chain.Leaf.SubjectName.Name, evidence.Subject);
        Assert.Equal(3, evidence.Chain.Count);
        Assert.Equal("manifest", evidence.DigestKind);
        Assert.Equal(subject.Digest.ToString(), evidence.VerifiedDigest);
        Assert.Equal("strict", evidence.Level);
        Assert.StartsWith("2026-04-10T20:31:26Z by 'CN=PipelineGuard Test TSA", evidence.Timestamp, StringComparison.Ordinal);
        Assert.Empty(evidence.Warnings);
        Assert.False(evidence.NeedsAttention);
    }

    [Fact]
    public async Task A_JWS_signature_verifies_and_a_wrong_identity_or_a_stranger_chain_does_not()
    {
        var (client, subject) = await PushAsync("nd/jws");
        var (other, otherSubject) = await PushAsync("nd/stranger");
        using (client)
        using (other)
        {
            await NotationImageWriter.SignAsync(client, "nd/jws", subject, trust.Chain, new NotationSigningOptions { Format = NotationEnvelopeFormat.Jws, TimestampAuthority = trust.Chain.Tsa });
            await NotationImageWriter.SignAsync(other, "nd/stranger", otherSubject, trust.Stranger);
        }

        var good = Assert.Single(await VerifyAsync($"{registry.Host}/nd/jws:1", trust.Load()));
        Assert.True(good.IsValid, good.Message);
        Assert.Equal(NotationEnvelope.JwsMediaType, good.Result!.Evidence!.EnvelopeType);

        var wrong = Assert.Single(await VerifyAsync($"{registry.Host}/nd/jws:1", trust.Load(identity: "x509.subject: C=US, ST=Washington, L=Redmond, O=Somebody Else, CN=PipelineGuard Test Signing")));
        Assert.False(wrong.IsValid);
        Assert.Contains("matches none of the trusted identities", wrong.Message, StringComparison.Ordinal);

        var stranger = Assert.Single(await VerifyAsync($"{registry.Host}/nd/stranger:1", trust.Load()));
        Assert.False(stranger.IsValid);
        Assert.Contains("does not contain any certificate of the trust stores", stranger.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_image_a_signature_for_another_manifest_and_an_unscoped_repository_fail()
    {
        var (client, subject) = await PushAsync("nd/unsigned");
        var (other, otherSubject) = await PushAsync("nd/other");
        using (client)
        using (other)
        {
            // A valid envelope for another image, attached to this one.
            var envelope = NotationEnvelopeWriter.Sign(NotationEnvelopeWriter.Payload(otherSubject.MediaType, otherSubject.Digest.ToString(), otherSubject.Size), trust.Chain.Chain, new NotationSigningOptions { TimestampAuthority = trust.Chain.Tsa });
            await NotationImageWriter.AttachAsync(other, "nd/other", otherSubject, envelope, NotationEnvelope.CoseMediaType);
            await NotationImageWriter.AttachAsync(client, "nd/unsigned", subject, envelope, NotationEnvelope.CoseMediaType);
        }

        var misplaced = Assert.Single(await VerifyAsync($"{registry.Host}/nd/unsigned:1", trust.Load()));
        Assert.False(misplaced.IsValid);
        Assert.Contains("the signature is for another artifact", misplaced.Message, StringComparison.Ordinal);

        var unscoped = Assert.Single(await VerifyAsync($"{registry.Host}/nd/other:1", trust.Load(scope: "registry.example/other/repo")));
        Assert.False(unscoped.IsValid);
        Assert.Contains($"applies to {registry.Host}/nd/other", unscoped.Message, StringComparison.Ordinal);

        var (bare, _) = await PushAsync("nd/bare");
        bare.Dispose();
        var none = Assert.Single(await VerifyAsync($"{registry.Host}/nd/bare:1", trust.Load()));
        Assert.False(none.IsValid);
        Assert.Contains("no Notary Project signature is attached to", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_the_reference_resolves_to_is_verified_and_named_index_or_manifest()
    {
        var directory = RepositoryPaths.NewTempDirectory("index");
        OciLayoutBuilder.WriteIndex(directory, "1",
            new OciLayoutBuilder().AddLayer(LayerEntry.File("a", "amd64")).WithPlatform("linux", "amd64"),
            new OciLayoutBuilder().AddLayer(LayerEntry.File("a", "arm64")).WithPlatform("linux", "arm64"));
        using var client = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true });
        using (var layout = OciLayoutStore.Open(directory))
        {
            await ImageCopier.CopyAsync(layout, string.Empty, "1", client, "nd/multi", "1");
        }

        var index = await client.ResolveAsync("nd/multi", "1");
        var platform = (await client.GetManifestAsync("nd/multi", "1")).Parse("index").Manifests[0];

        // Only the platform manifest is signed: the tag names the index, whose digest has no signature.
        await NotationImageWriter.SignAsync(client, "nd/multi", platform, trust.Chain);
        var tag = Assert.Single(await VerifyAsync($"{registry.Host}/nd/multi:1", trust.Load()));
        Assert.False(tag.IsValid);
        Assert.Contains($"no Notary Project signature is attached to {index.Digest}", tag.Message, StringComparison.Ordinal);
        var byDigest = Assert.Single(await VerifyAsync($"{registry.Host}/nd/multi@{platform.Digest}", trust.Load()));
        Assert.True(byDigest.IsValid, byDigest.Message);
        Assert.Equal("manifest", byDigest.Result!.Evidence!.DigestKind);

        await NotationImageWriter.SignAsync(client, "nd/multi", index, trust.Chain);
        var signedIndex = Assert.Single(await VerifyAsync($"{registry.Host}/nd/multi:1", trust.Load()));
        Assert.True(signedIndex.IsValid, signedIndex.Message);
        Assert.Equal("index", signedIndex.Result!.Evidence!.DigestKind);
        Assert.Equal(index.Digest.ToString(), signedIndex.Result.Evidence.VerifiedDigest);
    }

    [Fact]
    public async Task A_signature_listed_by_a_registrys_referrers_API_is_found_without_the_tag_index()
    {
        var (client, subject) = await PushAsync("nd/api");
        Digest signature;
        using (client)
        {
            signature = await NotationImageWriter.SignAsync(client, "nd/api", subject, trust.Chain, tagIndex: false);
        }

        // Debian's registry has no referrers API: a proxy in front of it answers GET /v2/nd/api/referrers/<digest>
        // with the index a registry that has one would give.
        using var proxy = new PipelineGuard.Core.Tests.Oci.FaultProxy(registry);
        using (var direct = new RegistryClient(registry.Host, new RegistryClientOptions { AllowHttp = true }))
        {
            var manifest = await direct.GetManifestAsync("nd/api", signature.ToString());
            var index = System.Text.Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{OciMediaTypes.ImageIndex}\",\"manifests\":[{{\"mediaType\":\"{OciMediaTypes.ImageManifest}\",\"digest\":\"{signature}\",\"size\":{manifest.Bytes.Length},\"artifactType\":\"{NotationImageVerifier.SignatureArtifactType}\"}}]}}");
            proxy.Serve($"/v2/nd/api/referrers/{subject.Digest}", index, OciMediaTypes.ImageIndex);
        }

        var result = Assert.Single(await VerifyAsync($"{proxy.Host}/nd/api:1", trust.Load()));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(1, proxy.Count("GET", $"/referrers/{subject.Digest}?artifactType=application%2Fvnd.cncf.notary.signature"));
        Assert.Equal(0, proxy.Count("GET", $"/manifests/{subject.Digest.ToTagSchema()}"));

        // Without the proxy the same registry has no way to list it: no tag index was written.
        var hidden = Assert.Single(await VerifyAsync($"{registry.Host}/nd/api:1", trust.Load()));
        Assert.False(hidden.IsValid);
    }

    [Fact]
    public async Task A_signature_found_through_an_OCI_layouts_referrers_verifies_under_the_local_scope()
    {
        var image = new OciLayoutBuilder().AddLayer(LayerEntry.File("etc/marker", "layout\n")).Write(Path.Combine(RepositoryPaths.NewTempDirectory("layout"), "hello"), "1");
        using (var store = OciLayoutStore.Open(image.Directory))
        {
            var subject = await store.ResolveAsync(string.Empty, "1");
            await NotationImageWriter.SignAsync(store, string.Empty, subject, trust.Chain, tagIndex: false);
        }

        var result = Assert.Single(await NotationImageJob.VerifyAsync(new VerifyNotationImageOptions([image.Reference], trust.Load(scope: "local/hello"))));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal("manifest", result.Result!.Evidence!.DigestKind);
    }

    [Fact]
    public async Task Audit_passes_a_wrong_identity_with_a_warning_and_skip_passes_without_looking_and_both_are_notes_in_the_gate()
    {
        var (client, subject) = await PushAsync("nd/audit");
        using (client)
        {
            await NotationImageWriter.SignAsync(client, "nd/audit", subject, trust.Chain);
        }

        var audit = Assert.Single(await VerifyAsync($"{registry.Host}/nd/audit:1", trust.Load(level: "audit", identity: "x509.subject: C=US, ST=WA, O=Somebody Else")));
        Assert.True(audit.IsValid, audit.Message);
        Assert.Equal("audit", audit.Result!.Evidence!.Level);
        Assert.Contains(audit.Result.Evidence.Warnings, w => w.StartsWith("authenticity:", StringComparison.Ordinal));

        var (bare, _) = await PushAsync("nd/skipped");
        bare.Dispose();
        var skip = Assert.Single(await VerifyAsync($"{registry.Host}/nd/skipped:1", trust.Load(scope: $"{registry.Host}/nd/skipped", level: "skip")));
        Assert.True(skip.IsValid, skip.Message);
        Assert.True(skip.Result!.Evidence!.Skipped);
        Assert.Contains("skipped", skip.Message, StringComparison.Ordinal);

        // In the gate: both pass, and each is a non-blocking note in every report.
        var dockerfile = Path.Combine(RepositoryPaths.NewTempDirectory("df"), "Dockerfile");
        File.WriteAllText(dockerfile, $"FROM {registry.Host}/nd/audit:1\nFROM {registry.Host}/nd/skipped:1\n");
        var policy = Path.Combine(RepositoryPaths.NewTempDirectory("tp"), "trustpolicy.json");
        File.WriteAllText(policy, $$"""
            { "version": "1.0", "trustPolicies": [
              { "name": "audited", "registryScopes": ["{{registry.Host}}/nd/audit"], "signatureVerification": { "level": "audit" },
                "trustStores": ["ca:test-ca", "tsa:test-tsa"], "trustedIdentities": ["x509.subject: C=US, ST=WA, O=Somebody Else"] },
              { "name": "skipped", "registryScopes": ["{{registry.Host}}/nd/skipped"], "signatureVerification": { "level": "skip" } } ] }
            """);
        var run = await CheckBaseJob.RunAsync(new CheckBaseJobOptions
        {
            Dockerfiles = [dockerfile],
            Policy = new GatePolicy
            {
                BaseDirectory = Path.GetDirectoryName(policy)!,
                BaseImages = new BaseImageRules { Signature = new SignatureRequirement([]) { Notation = new NotationRequirement { TrustPolicy = policy, TrustStore = trust.Store } } },
            },
            Evidence = new ImageEvidenceOptions().WithAllowHttpRegistry(true),
        });

        var gate = run.Result!;
        Assert.True(gate.Passed, string.Join("\n", gate.Findings.Select(f => f.Message)));
        Assert.Equal(2, gate.Findings.Count(f => f.Severity == Severity.Note && !f.Blocking && f.RuleId == ProvenanceRuleIds.Signature));
        Assert.Contains(gate.Findings, f => f.Message.Contains("has level skip", StringComparison.Ordinal));
        Assert.Contains(gate.Findings, f => f.Message.Contains("at level audit; logged, not enforced: authenticity:", StringComparison.Ordinal));
        var json = GateJsonWriter.Write(gate);
        Assert.Contains("\"level\": \"skip\"", json, StringComparison.Ordinal);
        Assert.Contains("\"envelopeType\": \"application/cose\"", json, StringComparison.Ordinal);
        var sarif = SarifWriter.Write(gate);
        Assert.Contains("\"level\": \"note\"", sarif, StringComparison.Ordinal);
        Assert.Contains("\"skipped\": true", sarif, StringComparison.Ordinal);
        var sarifFile = Path.Combine(RepositoryPaths.NewTempDirectory("notation-sarif"), "gate.sarif");
        await File.WriteAllTextAsync(sarifFile, sarif);
        var valid = await NodeInterop.RunAsync("validate-sarif.mjs", sarifFile);
        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Contains("level skip", MarkdownSummaryWriter.Write(gate), StringComparison.Ordinal);
        Assert.Contains("level audit", HtmlReportWriter.Write(gate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_FIFO_as_trust_policy_or_trust_store_certificate_is_refused_not_read()
    {
        var folder = RepositoryPaths.NewTempDirectory("notation-fifo");
        var policyPath = Path.Combine(folder, "trustpolicy.json");
        var (policy, policyErrors) = await Fifo.RunAsync(policyPath, NotationTestChain.TrustPolicy("*"), () => Task.FromResult(NotationTrust.Load(policyPath, trust.Store, null)));
        Assert.Null(policy);
        Assert.Contains("not a regular file", Assert.Single(policyErrors).Problem, StringComparison.Ordinal);

        var store = Path.Combine(folder, "store");
        Directory.CreateDirectory(Path.Combine(store, "x509", "ca", "test-ca"));
        File.WriteAllText(Path.Combine(folder, "good.json"), NotationTestChain.TrustPolicy("*", stores: "\"ca:test-ca\""));
        var certificate = Path.Combine(store, "x509", "ca", "test-ca", "root.crt");
        var (loaded, storeErrors) = await Fifo.RunAsync(certificate, PipelineGuard.Testing.Pki.TestPki.Pem(trust.Chain.Root), () => Task.FromResult(NotationTrust.Load(Path.Combine(folder, "good.json"), store, null)));
        Assert.Null(loaded);
        Assert.Contains("not a regular file", Assert.Single(storeErrors).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_policy_errors_name_the_file_the_field_and_the_fix()
    {
        var folder = RepositoryPaths.NewTempDirectory("tp-errors");
        var unknownStore = Path.Combine(folder, "unknown-store.json");
        File.WriteAllText(unknownStore, NotationTestChain.TrustPolicy("*", stores: "\"ca:no-such-store\""));
        var (none, errors) = NotationTrust.Load(unknownStore, trust.Store, null);
        Assert.Null(none);
        var error = Assert.Single(errors);
        Assert.Equal(unknownStore, error.File);
        Assert.Equal("trustPolicies[0].trustStores[0]", error.Field);
        Assert.Contains("no-such-store", error.Fix, StringComparison.Ordinal);

        Assert.Contains(NotationTrust.Load(unknownStore, null, null).Errors, e => e.Problem.Contains("without a trust store", StringComparison.Ordinal));
        Assert.Contains(NotationTrust.Load(null, null, "no-such-preset").Errors, e => e.Fix.Contains(NotationPresets.MicrosoftDotnet, StringComparison.Ordinal));
        Assert.NotNull(NotationTrust.Load(null, null, NotationPresets.MicrosoftDotnet).Trust);

        var (loaded, loadErrors) = NotationTrusts.Load([new NotationRequirement { TrustPolicy = "unknown-store.json", TrustStore = trust.Store }], p => Path.Combine(folder, p));
        Assert.Empty(loaded);
        Assert.StartsWith($"Notation trust policy: {unknownStore}: trustPolicies[0].trustStores[0]:", Assert.Single(loadErrors), StringComparison.Ordinal);

        var good = Path.Combine(folder, "good.json");
        File.WriteAllText(good, NotationTestChain.TrustPolicy("*"));
        var (two, twoErrors) = NotationTrusts.Load([new NotationRequirement { TrustPolicy = "good.json", TrustStore = trust.Store }, new NotationRequirement { TrustPolicy = "good.json", TrustStore = "elsewhere" }], p => Path.Combine(folder, p));
        Assert.Empty(two);
        Assert.Contains("is named with two trust stores", Assert.Single(twoErrors), StringComparison.Ordinal);
        var (once, onceErrors) = NotationTrusts.Load([new NotationRequirement { TrustPolicy = "good.json", TrustStore = trust.Store }, new NotationRequirement { TrustPolicy = "good.json", TrustStore = trust.Store }], p => Path.Combine(folder, p));
        Assert.Empty(onceErrors);
        Assert.Single(once);
    }
}
