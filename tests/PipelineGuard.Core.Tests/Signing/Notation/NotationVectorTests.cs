using System.Text.Json;
using PipelineGuard.Signing.Notation;
using PipelineGuard.Signing.Revocation;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.Signing.Notation;

/// <summary>
/// Every case of the shared notation vectors (envelopes from notation-go, its trust stores and our derived policies)
/// gives its documented outcome. The tests run offline, so "fail-offline" cases (a TSA chain with CRL/OCSP endpoints
/// under a level that enforces the timestamp) must fail.
/// </summary>
public sealed class NotationVectorTests
{
    // The vectors were described for December 2026: the 2033 leaf is valid, the 2024 one has expired.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (RepositoryPaths.Vectors is null)
        {
            data.Add("(vectors absent)");
            return data;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "cases.json")));
        foreach (var item in document.RootElement.EnumerateArray())
        {
            data.Add(item.GetProperty("id").GetString()!);
        }
        return data;
    }

    private static string Folder => Path.Combine(RepositoryPaths.Vectors!, "notation");

    [VectorTheory]
    [MemberData(nameof(Cases))]
    public async Task Each_case_gives_its_documented_outcome(string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "cases.json")));
        var item = document.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        string Field(string name) => item.GetProperty(name).GetString()!;

        var (policy, errors) = TrustPolicyReader.ReadFile(Path.Combine(Folder, Field("policy")));
        Assert.True(policy is not null, string.Join("\n", errors));
        var store = NotationTrustStore.FromDirectories(Field("trustStoreRoots").Split(':').Select(r => Path.Combine(Folder, r)).ToList());
        using var descriptorJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, Field("descriptor"))));
        var artifact = PipelineGuard.Oci.OciDescriptor.FromJson(descriptorJson.RootElement, "descriptor");
        var repository = Field("reference").Split('@')[0];
        var verifier = new NotationVerifier(policy, store, new OfflineRevocationChecker(), new FixedClock(Now));

        var result = await verifier.VerifyAsync(File.ReadAllBytes(Path.Combine(Folder, Field("envelope"))), Field("mediaType"), repository, artifact);

        var expected = Field("expect") == "pass";
        Assert.True(expected == result.IsValid, $"{id}: expected {Field("expect")} ({Field("why")}), got {(result.IsValid ? "pass" : "fail")}: {result.Message}");

        // The reference verifier's record of the case: which validation failed, and which were only logged.
        var reference = Reference(id);
        if (reference.TryGetProperty("failedCheck", out var failedCheck))
        {
            var check = failedCheck.GetString() == "descriptor" ? "integrity" : failedCheck.GetString();
            var failed = result.Validations.Where(v => !v.Passed && v.Action == ValidationAction.Enforce).Select(v => v.Name).ToList();
            Assert.True(failed.Count == 1 && failed[0] == check, $"{id}: expected {check} to fail, got [{string.Join(", ", failed)}]: {result.Message}");
        }
        if (reference.TryGetProperty("warnings", out var warnings))
        {
            var expectedWarnings = warnings.EnumerateArray().Select(w => w.GetString()!.Split(':')[0]).ToList();
            Assert.Equal(expectedWarnings, result.Warnings.Select(w => w.Name).ToList());
        }
    }

    private static JsonElement Reference(string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "results", "ref-verify.json")));
        return document.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).Clone();
    }
}
