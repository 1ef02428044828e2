using System.Security.Cryptography.X509Certificates;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Testing.Pki;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Revocation;

/// <summary>
/// Online revocation against a CRL distribution point and an OCSP responder on loopback for a test CA: every outcome the
/// Notary Project specification distinguishes (good, revoked, unknown) and every way a check can fail to decide, which must
/// be unknown and never good. Requests are counted to tell a cache hit from a download.
/// </summary>
public sealed class RevocationCheckerTests(RevocationCheckerTests.Pki pki) : IClassFixture<RevocationCheckerTests.Pki>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string cache = Directory.CreateTempSubdirectory("pg-crl-cache-").FullName;
    private readonly RevocationServer server = new();

    /// <summary>The CA chain the cases share (keys are slow to make).</summary>
    public sealed class Pki : IDisposable
    {
        public X509Certificate2 Root { get; } = TestPki.Issue(CertificateProfile.Authority("CN=Revocation Test Root,O=PipelineGuard Tests,C=US"));

        public X509Certificate2 Intermediate => intermediate ??= TestPki.Issue(CertificateProfile.Authority("CN=Revocation Test CA,O=PipelineGuard Tests,C=US"), Root);

        public X509Certificate2 Stranger { get; } = TestPki.Issue(CertificateProfile.Authority("CN=Revocation Test CA,O=PipelineGuard Tests,C=US"));

        private X509Certificate2? intermediate;

        public void Dispose()
        {
            Root.Dispose();
            intermediate?.Dispose();
            Stranger.Dispose();
        }
    }

    public void Dispose()
    {
        server.Dispose();
        Directory.Delete(cache, recursive: true);
    }

    private X509Certificate2 Leaf(string? crl = null, string? ocsp = null) =>
        TestPki.Issue(new CertificateProfile("CN=Revocation Test Leaf,O=PipelineGuard Tests,C=US") { CrlUrl = crl, OcspUrl = ocsp }, pki.Intermediate);

    private X509Certificate2[] Chain(X509Certificate2 leaf) => [leaf, pki.Intermediate, pki.Root];

    private RevocationChecker Checker(RevocationOptions? options = null) =>
        new((options ?? new RevocationOptions()) with { CacheDirectory = options?.CacheDirectory ?? cache });

    private byte[] Crl(params X509Certificate2[] revoked) => TestCrl.Build(pki.Intermediate, Now.AddHours(-1), Now.AddDays(7), revoked);

    private void ServeOcsp(string path, TestOcspAnswer answer, X509Certificate2? signer = null, DateTimeOffset? nextUpdate = null, bool delegated = false) =>
        server.Serve(path, request => new ServedResponse.Body(TestOcspResponder.Respond(request, signer ?? pki.Intermediate, answer, Now.AddHours(-1), nextUpdate ?? Now.AddDays(1), delegated), "application/ocsp-response"));

    private static void AssertUnknown(RevocationCheckResult result, string words)
    {
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.True(result.Message.Contains(words, StringComparison.Ordinal), $"'{words}' not in: {result.Message}");
    }

    [Fact]
    public async Task A_leaf_the_CRL_does_not_list_is_good()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal(RevocationMethod.Crl, result.Certificates[0].Method);
        Assert.Equal(RevocationMethod.None, result.Certificates[1].Method);
    }

    [Fact]
    public async Task A_leaf_the_CRL_lists_is_revoked()
    {
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        server.Serve("ca.crl", new ServedResponse.Body(Crl(leaf)));
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Contains("keyCompromise", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_on_hold_is_revoked()
    {
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.Build(pki.Intermediate, Now.AddHours(-1), Now.AddDays(7), [leaf], X509RevocationReason.CertificateHold)));
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Contains("certificateHold", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_intermediate_makes_the_chain_revoked()
    {
        using var root = TestPki.Issue(CertificateProfile.Authority("CN=Chain Root,O=PipelineGuard Tests,C=US"));
        using var ca = TestPki.Issue(CertificateProfile.Authority("CN=Chain CA,O=PipelineGuard Tests,C=US") with { CrlUrl = server.Url + "root.crl" }, root);
        using var leaf = TestPki.Issue(new CertificateProfile("CN=Chain Leaf,O=PipelineGuard Tests,C=US") { CrlUrl = server.Url + "chain-ca.crl" }, ca);
        server.Serve("root.crl", new ServedResponse.Body(TestCrl.Build(root, Now.AddHours(-1), Now.AddDays(7), [ca])));
        server.Serve("chain-ca.crl", new ServedResponse.Body(TestCrl.Build(ca, Now.AddHours(-1), Now.AddDays(7))));
        var result = await Checker().CheckAsync([leaf, ca, root], Now);
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Contains("CN=Chain CA", result.Message, StringComparison.Ordinal);
        Assert.Equal(RevocationStatus.Good, result.Certificates[0].Status);
    }

    [Fact]
    public async Task An_expired_CRL_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.Build(pki.Intermediate, Now.AddDays(-8), Now.AddDays(-1))));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "expired");
    }

    [Fact]
    public async Task A_CRL_signed_by_another_key_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.Forged(pki.Intermediate, pki.Stranger, Now.AddHours(-1), Now.AddDays(7))));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "signature does not verify");
    }

    [Fact]
    public async Task A_CRL_of_another_issuer_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.Build(pki.Root, Now.AddHours(-1), Now.AddDays(7))));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "is issued by");
    }

    [Fact]
    public async Task A_body_that_is_not_a_CRL_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body("<html>maintenance</html>"u8.ToArray()));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "not a DER-encoded CRL");
    }

    [Fact]
    public async Task An_unreachable_distribution_point_cannot_check()
    {
        using var leaf = Leaf(crl: RevocationServer.UnreachableUrl("ca.crl"));
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "unreachable");
    }

    [Fact]
    public async Task An_HTTP_error_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Status(503));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "HTTP 503");
    }

    [Fact]
    public async Task A_distribution_point_that_never_answers_times_out()
    {
        server.Serve("ca.crl", new ServedResponse.Hang());
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        var check = Checker(new RevocationOptions { CrlTimeout = TimeSpan.FromMilliseconds(300) }).CheckAsync(Chain(leaf), Now);
        // The guard only keeps a broken timeout from hanging the run; the assertion is on what the check says.
        AssertUnknown(await check.WaitAsync(TimeSpan.FromMinutes(1)), "no answer within 0.3 s");
    }

    [Fact]
    public async Task An_OCSP_responder_that_never_answers_times_out_and_falls_back_to_the_CRL()
    {
        server.Serve("ocsp", new ServedResponse.Hang());
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl", ocsp: server.Url + "ocsp");
        var result = await Checker(new RevocationOptions { OcspTimeout = TimeSpan.FromMilliseconds(300) }).CheckAsync(Chain(leaf), Now).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal(RevocationMethod.Crl, result.Certificates[0].Method);
        Assert.Equal(1, server.RequestsTo("ocsp"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_CRL_is_refused(bool declareLength)
    {
        server.Serve("ca.crl", new ServedResponse.Flood(200_000, declareLength));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker(new RevocationOptions { MaximumCrlSize = 64 * 1024 }).CheckAsync(Chain(leaf), Now), "larger than the limit of 65536 bytes");
    }

    [Fact]
    public async Task A_redirect_is_followed()
    {
        server.Serve("old.crl", new ServedResponse.Redirect(server.Url + "ca.crl"));
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "old.crl");
        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
    }

    [Fact]
    public async Task A_redirect_loop_is_cut_off()
    {
        server.Serve("loop.crl", new ServedResponse.Redirect(server.Url + "loop.crl"));
        using var leaf = Leaf(crl: server.Url + "loop.crl");
        AssertUnknown(await Checker(new RevocationOptions { MaximumRedirects = 3 }).CheckAsync(Chain(leaf), Now), "more than 3 redirects");
        Assert.Equal(4, server.RequestsTo("loop.crl"));
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        server.Serve("ca.crl", new ServedResponse.Redirect("file:///etc/passwd"));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "not an http or https URL");
    }

    [Fact]
    public async Task A_distribution_point_that_is_not_http_cannot_check()
    {
        using var leaf = Leaf(crl: "ldap://directory.example/cn=CA?certificateRevocationList");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "not an http or https URL");
    }

    [Fact]
    public async Task A_URL_with_credentials_is_refused()
    {
        using var leaf = Leaf(crl: server.Url.Replace("http://", "http://user:secret@", StringComparison.Ordinal) + "ca.crl");
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        AssertUnknown(result, "without credentials");
        Assert.Equal(0, server.RequestsTo("ca.crl"));
    }

    [Fact]
    public async Task A_certificate_naming_no_revocation_source_is_not_checked()
    {
        using var leaf = Leaf();
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.All(result.Certificates, c => Assert.Equal(RevocationMethod.None, c.Method));
    }

    [Fact]
    public async Task A_second_checker_reads_the_CRL_from_the_disk_cache()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
        Assert.Equal(1, server.RequestsTo("ca.crl"));
        Assert.Single(Directory.GetFiles(cache, "*.crl"));
    }

    [Fact]
    public async Task One_checker_downloads_a_CRL_once()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        var checker = Checker(new RevocationOptions { CacheDirectory = null });
        await checker.CheckAsync(Chain(leaf), Now);
        await checker.CheckAsync(Chain(leaf), Now);
        Assert.Equal(1, server.RequestsTo("ca.crl"));
    }

    [Fact]
    public async Task A_cached_CRL_past_its_next_update_is_downloaded_again()
    {
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.Build(pki.Intermediate, Now.AddDays(-2), Now.AddDays(1))));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        await Checker().CheckAsync(Chain(leaf), Now);
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.Build(pki.Intermediate, Now.AddDays(1), Now.AddDays(9), [leaf])));
        var later = await Checker().CheckAsync(Chain(leaf), Now.AddDays(2));
        Assert.Equal(2, server.RequestsTo("ca.crl"));
        Assert.Equal(RevocationStatus.Revoked, later.Status);
    }

    [Fact]
    public async Task A_damaged_cache_entry_is_downloaded_again()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        await Checker().CheckAsync(Chain(leaf), Now);
        File.WriteAllText(Directory.GetFiles(cache, "*.crl").Single(), "damaged");
        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
        Assert.Equal(2, server.RequestsTo("ca.crl"));
    }

    [Fact]
    public async Task OCSP_good_answers_without_the_CRL()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Good);
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl", ocsp: server.Url + "ocsp");
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal(RevocationMethod.Ocsp, result.Certificates[0].Method);
        Assert.Equal(0, server.RequestsTo("ca.crl"));
    }

    [Fact]
    public async Task OCSP_revoked_is_revoked()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Revoked);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Contains("keyCompromise", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OCSP_unknown_without_a_CRL_is_unknown()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Unknown);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "does not know the certificate");
    }

    [Fact]
    public async Task OCSP_unknown_falls_back_to_the_CRL()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Unknown);
        using var leaf = Leaf(crl: server.Url + "ca.crl", ocsp: server.Url + "ocsp");
        server.Serve("ca.crl", new ServedResponse.Body(Crl(leaf)));
        var result = await Checker().CheckAsync(Chain(leaf), Now);
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(RevocationMethod.Crl, result.Certificates[0].Method);
    }

    [Fact]
    public async Task The_next_OCSP_responder_is_tried_when_one_fails()
    {
        server.Serve("down", new ServedResponse.Status(500));
        ServeOcsp("ocsp", TestOcspAnswer.Good);
        using var leaf = TestPki.Issue(new CertificateProfile("CN=Two Responders,O=PipelineGuard Tests,C=US") { OcspUrl = server.Url + "down", MoreOcspUrls = [server.Url + "ocsp"] }, pki.Intermediate);
        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
        Assert.Equal(1, server.RequestsTo("down"));
    }

    [Fact]
    public async Task An_unsuccessful_OCSP_status_cannot_check()
    {
        server.Serve("ocsp", new ServedResponse.Body(TestOcspResponder.Unsuccessful(OcspResponseStatus.TryLater), "application/ocsp-response"));
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "tryLater");
    }

    [Fact]
    public async Task An_OCSP_response_with_a_bad_signature_cannot_check()
    {
        server.Serve("ocsp", request =>
        {
            var response = TestOcspResponder.Respond(request, pki.Intermediate, TestOcspAnswer.Good, Now.AddHours(-1), Now.AddDays(1));
            response[^5] ^= 0x01; // inside the signature value, the last field of the response
            return new ServedResponse.Body(response, "application/ocsp-response");
        });
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "signature is invalid");
    }

    [Fact]
    public async Task An_OCSP_response_signed_by_another_CA_cannot_check()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Good, signer: pki.Stranger);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "signature is invalid");
    }

    [Fact]
    public async Task An_expired_OCSP_response_cannot_check()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Good, nextUpdate: Now.AddMinutes(-1));
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "the response expired");
    }

    [Fact]
    public async Task A_delegated_responder_certified_for_OCSP_signing_is_accepted()
    {
        using var responder = TestPki.Issue(new CertificateProfile("CN=Test OCSP Responder,O=PipelineGuard Tests,C=US") { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.9"] }, pki.Intermediate);
        ServeOcsp("ocsp", TestOcspAnswer.Good, signer: responder, delegated: true);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
    }

    [Fact]
    public async Task A_responder_without_OCSP_signing_is_not_authorised()
    {
        using var responder = TestPki.Issue(new CertificateProfile("CN=Test OCSP Impostor,O=PipelineGuard Tests,C=US"), pki.Intermediate);
        ServeOcsp("ocsp", TestOcspAnswer.Good, signer: responder, delegated: true);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "is not authorised");
    }

    [Fact]
    public async Task A_responder_certified_by_another_CA_is_not_authorised()
    {
        using var responder = TestPki.Issue(new CertificateProfile("CN=Foreign OCSP Responder,O=PipelineGuard Tests,C=US") { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.9"] }, pki.Stranger);
        ServeOcsp("ocsp", TestOcspAnswer.Good, signer: responder, delegated: true);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "is not authorised");
    }

    [Fact]
    public async Task A_revoked_delegated_responder_is_not_trusted()
    {
        using var responder = TestPki.Issue(new CertificateProfile("CN=Revoked OCSP Responder,O=PipelineGuard Tests,C=US") { ExtendedKeyUsages = ["1.3.6.1.5.5.7.3.9"], CrlUrl = server.Url + "ca.crl" }, pki.Intermediate);
        server.Serve("ca.crl", new ServedResponse.Body(Crl(responder)));
        ServeOcsp("ocsp", TestOcspAnswer.Good, signer: responder, delegated: true);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "the responder 'CN=Revoked OCSP Responder");
    }

    [Fact]
    public async Task A_CRL_file_answers_offline()
    {
        using var leaf = Leaf(crl: RevocationServer.UnreachableUrl("ca.crl"), ocsp: RevocationServer.UnreachableUrl("ocsp"));
        var files = Directory.CreateTempSubdirectory("pg-crl-files-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(files, "ca.crl"), Crl(leaf));
            var result = await Checker(new RevocationOptions { Network = false, CrlDirectories = [files] }).CheckAsync(Chain(leaf), Now);
            Assert.Equal(RevocationStatus.Revoked, result.Status);
            Assert.Equal(RevocationMethod.CrlFile, result.Certificates[0].Method);

            File.WriteAllText(Path.Combine(files, "ca.crl"), new string(System.Security.Cryptography.PemEncoding.Write("X509 CRL", Crl())));
            var good = await Checker(new RevocationOptions { Network = false, CrlDirectories = [files] }).CheckAsync(Chain(leaf), Now);
            Assert.Equal(RevocationStatus.Good, good.Status);
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    [Fact]
    public async Task An_expired_CRL_file_offline_cannot_check()
    {
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        var files = Directory.CreateTempSubdirectory("pg-crl-files-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(files, "ca.crl"), TestCrl.Build(pki.Intermediate, Now.AddDays(-8), Now.AddDays(-1)));
            var result = await Checker(new RevocationOptions { Network = false, CrlDirectories = [files] }).CheckAsync(Chain(leaf), Now);
            AssertUnknown(result, "expired");
            Assert.Contains("the network is off", result.Message, StringComparison.Ordinal);
            Assert.Equal(0, server.RequestsTo("ca.crl"));
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    [Fact]
    public async Task Offline_without_a_CRL_file_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body(Crl()));
        using var leaf = Leaf(crl: server.Url + "ca.crl");
        AssertUnknown(await Checker(new RevocationOptions { Network = false }).CheckAsync(Chain(leaf), Now), "the network is off");
        Assert.Equal(0, server.RequestsTo("ca.crl"));
    }

    [Fact]
    public void The_default_cache_is_a_fully_qualified_per_user_folder_or_none()
    {
        var folder = RevocationOptions.DefaultCacheDirectory;
        Assert.True(folder is null || (Path.IsPathFullyQualified(folder) && folder.EndsWith(Path.Combine("PipelineGuard", "crl"), StringComparison.Ordinal)), folder);
        Assert.Equal(folder, new RevocationOptions().CacheDirectory);
        Assert.True(new RevocationOptions().Network);
    }

    // What Notation 1.3 (notation-core-go 1.2) does and these pin: OCSP by GET when the request is short, by POST
    // otherwise; no OCSP cache; a CRL that is, or points to, a delta CRL cannot decide.

    [Fact]
    public async Task A_short_OCSP_request_goes_by_GET_with_the_request_in_the_path()
    {
        ServeOcsp("ocsp", TestOcspAnswer.Good);
        using var leaf = Leaf(ocsp: server.Url + "ocsp");

        var result = await Checker().CheckAsync(Chain(leaf), Now);

        // The responder echoes the CertID it decoded from the path; a good answer for this leaf proves the request arrived whole.
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal(["GET"], server.MethodsTo("ocsp"));
    }

    [Fact]
    public async Task A_long_OCSP_request_goes_by_POST()
    {
        // A 150-byte serial number makes the request's base64 form longer than 254 characters.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Long Serial,O=PipelineGuard Tests,C=US", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([server.Url + "ocsp"], null));
        var serial = new byte[150];
        Array.Fill(serial, (byte)0x5A);
        using var issuerKey = pki.Intermediate.GetRSAPrivateKey()!;
        using var leaf = request.Create(pki.Intermediate.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, System.Security.Cryptography.RSASignaturePadding.Pkcs1), Now.AddDays(-1), Now.AddDays(30), serial);
        ServeOcsp("ocsp", TestOcspAnswer.Good);

        var result = await Checker().CheckAsync(Chain(leaf), Now);

        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal(["POST"], server.MethodsTo("ocsp"));
    }

    [Fact]
    public void The_GET_URL_appends_the_url_encoded_base64_request_to_the_responder_path()
    {
        byte[] request = [0x30, 0x03, 0xFB, 0xEF, 0xFF];
        var encoded = Uri.EscapeDataString(Convert.ToBase64String(request));

        Assert.Equal("http://ocsp.test/ocsp/" + encoded, OcspRequestEncoder.GetUrl("http://ocsp.test/ocsp", request));
        Assert.Equal("http://ocsp.test/" + encoded, OcspRequestEncoder.GetUrl("http://ocsp.test", request));
        Assert.Equal("http://ocsp.test/a/" + encoded, OcspRequestEncoder.GetUrl("http://ocsp.test/a/", request));
        Assert.Contains("%2F", encoded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(189, 0x00, true)]   // 252 base64 characters, none to escape: GET
    [InlineData(190, 0x00, false)]  // 256 base64 characters: POST
    [InlineData(150, 0xFF, false)]  // 200 base64 characters, all '/', 600 once URL-encoded: POST
    public void Requests_of_255_encoded_characters_or_more_go_by_POST(int length, byte fill, bool get)
    {
        var request = new byte[length];
        Array.Fill(request, fill);

        Assert.Equal(get, OcspRequestEncoder.GetUrl("http://ocsp.test/ocsp", request) is not null);
    }

    [Fact]
    public void A_responder_URL_with_a_query_gets_POST()
    {
        Assert.Null(OcspRequestEncoder.GetUrl("http://ocsp.test/ocsp?tenant=1", [0x30, 0x00]));
    }

    [Fact]
    public async Task OCSP_responses_are_not_cached_so_each_check_asks_the_responder_again()
    {
        using var leaf = Leaf(ocsp: server.Url + "ocsp");
        ServeOcsp("ocsp", TestOcspAnswer.Good);
        var checker = Checker();
        Assert.Equal(RevocationStatus.Good, (await checker.CheckAsync(Chain(leaf), Now)).Status);

        ServeOcsp("ocsp", TestOcspAnswer.Revoked);

        Assert.Equal(RevocationStatus.Revoked, (await checker.CheckAsync(Chain(leaf), Now)).Status);
        Assert.Equal(RevocationStatus.Revoked, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
        Assert.Equal(3, server.RequestsTo("ocsp"));
    }

    [Fact]
    public async Task A_CRL_with_extensions_written_here_is_read_like_any_other()
    {
        // The control for the delta cases below: the same hand-encoded CRL without a delta extension decides.
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.WithExtensions(pki.Intermediate, Now.AddHours(-1), Now.AddDays(7), [])));
        using var leaf = Leaf(crl: server.Url + "ca.crl");

        Assert.Equal(RevocationStatus.Good, (await Checker().CheckAsync(Chain(leaf), Now)).Status);
    }

    [Fact]
    public async Task A_base_CRL_that_points_to_a_delta_CRL_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.WithExtensions(pki.Intermediate, Now.AddHours(-1), Now.AddDays(7), [TestCrl.FreshestCrl(server.Url + "delta.crl")])));
        server.Serve("delta.crl", new ServedResponse.Body(TestCrl.WithExtensions(pki.Intermediate, Now.AddHours(-1), Now.AddDays(1), [TestCrl.DeltaIndicator(1)], crlNumber: 2)));
        using var leaf = Leaf(crl: server.Url + "ca.crl");

        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "it refers to a delta CRL (freshestCRL), which is not supported");
        Assert.Equal(0, server.RequestsTo("delta.crl"));
    }

    [Fact]
    public async Task A_delta_CRL_in_place_of_the_base_CRL_cannot_check()
    {
        server.Serve("ca.crl", new ServedResponse.Body(TestCrl.WithExtensions(pki.Intermediate, Now.AddHours(-1), Now.AddDays(7), [TestCrl.DeltaIndicator(1)], crlNumber: 2)));
        using var leaf = Leaf(crl: server.Url + "ca.crl");

        AssertUnknown(await Checker().CheckAsync(Chain(leaf), Now), "it is a delta CRL, not a base CRL");
    }

    [Fact]
    public async Task A_delta_CRL_file_offline_cannot_check()
    {
        var folder = Directory.CreateTempSubdirectory("pg-crl-files-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "ca.crl"), TestCrl.WithExtensions(pki.Intermediate, Now.AddHours(-1), Now.AddDays(7), [TestCrl.FreshestCrl(server.Url + "delta.crl")]));
            using var leaf = Leaf(crl: server.Url + "ca.crl");

            var result = await Checker(new RevocationOptions { Network = false, CrlDirectories = [folder] }).CheckAsync(Chain(leaf), Now);

            AssertUnknown(result, "freshestCRL");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
