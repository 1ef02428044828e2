using System.Text.Json;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Provenance;

/// <summary>A documented keyless signer of a popular base image, read from the embedded <c>Presets/keyless-identities.json</c>.</summary>
/// <param name="Name">The name a policy uses (<c>identities: [{ preset: NAME }]</c>).</param>
/// <param name="Description">What it covers.</param>
/// <param name="Source">The publisher's page that documents the identity.</param>
/// <param name="Identities">The identities, each carrying <see cref="KeylessIdentity.Preset"/>.</param>
public sealed record KeylessIdentityPreset(string Name, string Description, string Source, IReadOnlyList<KeylessIdentity> Identities)
{
    /// <summary>The image names (<c>registry/repository</c> patterns) the publisher signs this way; <c>init</c> picks the preset for them.</summary>
    public IReadOnlyList<string> Images { get; init; } = [];
}

/// <summary>The keyless identity presets: data embedded in the assembly, not code (see <c>Presets/README.md</c>).</summary>
public static class KeylessIdentityPresets
{
    private const string ResourceName = "PipelineGuard.Provenance.Presets.keyless-identities.json";
    private static readonly Lazy<IReadOnlyList<KeylessIdentityPreset>> s_all = new(Load);

    /// <summary>Every preset, in file order.</summary>
    public static IReadOnlyList<KeylessIdentityPreset> All => s_all.Value;

    /// <summary>The preset names.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(p => p.Name)];

    /// <summary>The preset called <paramref name="name"/> (exact, case-sensitive), or null.</summary>
    public static KeylessIdentityPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    private static List<KeylessIdentityPreset> Load()
    {
        using var stream = typeof(KeylessIdentityPresets).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var document = JsonDocument.Parse(stream);
        var presets = new List<KeylessIdentityPreset>();
        foreach (var entry in document.RootElement.GetProperty("presets").EnumerateArray())
        {
            var name = entry.GetProperty("name").GetString()!;
            var identities = entry.GetProperty("identities").EnumerateArray().Select(i => new KeylessIdentity
            {
                Issuer = Text(i, "issuer"),
                IssuerRegExp = Text(i, "issuerRegExp"),
                Subject = Text(i, "subject"),
                SubjectRegExp = Text(i, "subjectRegExp"),
                GitHub = i.TryGetProperty("github", out var g)
                    ? new GitHubWorkflowClaims(Text(g, "trigger"), Text(g, "sha"), Text(g, "name"), Text(g, "repository"), Text(g, "ref"))
                    : GitHubWorkflowClaims.None,
                Preset = name,
            }).ToList();
            presets.Add(new KeylessIdentityPreset(name, entry.GetProperty("description").GetString()!, entry.GetProperty("source").GetString()!, identities)
            {
                Images = entry.TryGetProperty("images", out var images) ? [.. images.EnumerateArray().Select(i => i.GetString()!)] : [],
            });
        }

        return presets;
    }

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
