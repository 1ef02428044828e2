using System.Text;
using System.Text.Json;
using PipelineGuard.Dockerfiles;
using PipelineGuard.Provenance;
using PipelineGuard.Signing.Notation;

namespace PipelineGuard.Gate;

/// <summary>What <c>init</c> writes a starting policy for.</summary>
public sealed record PolicyInitOptions
{
    /// <summary>The folder: its Dockerfiles are read, and <c>pipelineguard.yaml</c> is written there.</summary>
    public required string Folder { get; init; }

    /// <summary>Replace an existing policy file.</summary>
    public bool Force { get; init; }
}

/// <summary>How <c>init</c> chose to trust one base image.</summary>
/// <param name="Image">The image name (<c>registry/repository</c>).</param>
/// <param name="Trust">The form chosen, in words (<c>Notation preset microsoft-dotnet</c>, <c>key keys/demo.pub</c>).</param>
/// <param name="Supplied">False when the user must still supply what verifies it (a key), which the policy says in a TODO comment.</param>
public sealed record PolicyInitChoice(string Image, string Trust, bool Supplied);

/// <summary>The policy written, the choices made, or the errors that stopped it.</summary>
public sealed record PolicyInitResult(string? PolicyFile, IReadOnlyList<PolicyInitChoice> Choices, IReadOnlyList<string> Errors);

/// <summary>
/// <c>pipelineguard init</c>: writes a starting <c>pipelineguard.yaml</c> for a folder from its Dockerfiles' <c>FROM</c>
/// lines. Each base gets the trust its publisher documents: the Notation preset whose trust policy names the repository
/// (mcr.microsoft.com/dotnet), the keyless preset whose images match (Chainguard, distroless), and otherwise the public
/// keys found in the folder, with a local OCI layout mapped when one holds the pinned digest. What cannot be chosen is a
/// TODO comment naming what to supply, so the policy either passes the gate or says what is missing.
/// </summary>
public static class PolicyInitJob
{
    /// <summary>Writes the policy.</summary>
    public static async Task<PolicyInitResult> RunAsync(PolicyInitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.GetFullPath(options.Folder);
        if (!Directory.Exists(folder))
        {
            return new PolicyInitResult(null, [], [$"{options.Folder}: no such directory"]);
        }

        var target = Path.Combine(folder, PolicyLoader.DefaultFileName);
        if (File.Exists(target) && !options.Force)
        {
            return new PolicyInitResult(null, [], [$"{target} exists; pass --force to replace it"]);
        }

        var dockerfiles = DockerfileLinter.FindDockerfiles(folder).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var bases = new List<DockerfileBaseImage>();
        foreach (var file in dockerfiles)
        {
            string text;
            try
            {
                text = await IO.InputFile.ReadAllTextAsync(file, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new PolicyInitResult(null, [], [$"{file}: {e.Message}"]);
            }

            bases.AddRange(DockerfileBaseImages.List(DockerfileParser.Parse(text, file), Path.GetRelativePath(folder, file)).Where(b => !b.Facts.IsScratch));
        }

        var images = bases.Where(b => b.Reference is not null).GroupBy(b => b.Facts.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var keys = FindPublicKeys(folder);
        var layouts = FindLayouts(folder);
        var choices = new List<PolicyInitChoice>();
        var notationPresets = new SortedSet<string>(StringComparer.Ordinal);
        var keylessPresets = new SortedSet<string>(StringComparer.Ordinal);
        var layoutMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var keyed = new List<string>();
        foreach (var image in images)
        {
            var name = image.Facts.Name;
            if (NotationPresets.Names.FirstOrDefault(p => NotationPresets.Find(p)!.Policy.Statements.Any(s => s.RegistryScopes.Contains(name, StringComparer.Ordinal))) is { } notation)
            {
                notationPresets.Add(notation);
                choices.Add(new PolicyInitChoice(name, $"Notation preset {notation}", true));
                continue;
            }

            if (KeylessIdentityPresets.All.FirstOrDefault(p => p.Images.Any(pattern => WildcardPattern.IsMatch(pattern, name))) is { } keyless)
            {
                keylessPresets.Add(keyless.Name);
                choices.Add(new PolicyInitChoice(name, $"keyless preset {keyless.Name}", true));
                continue;
            }

            if (image.Facts.WrittenDigest is { } digest && layouts.TryGetValue(digest, out var layout))
            {
                layoutMap[name] = layout;
            }

            keyed.Add(name);
            choices.Add(new PolicyInitChoice(name, keys.Count > 0 ? $"key {string.Join(", ", keys)}" : "a key (none found in the folder)", keys.Count > 0));
        }

        var policy = Write(images, bases, keys, keyed, notationPresets, keylessPresets, layoutMap, FindProject(folder));
        await IO.AtomicFile.WriteTextAsync(target, policy, cancellationToken: cancellationToken);
        return new PolicyInitResult(target, choices, []);
    }

    private static string Write(
        List<DockerfileBaseImage> images, List<DockerfileBaseImage> bases, List<string> keys, List<string> keyed,
        SortedSet<string> notationPresets, SortedSet<string> keylessPresets, SortedDictionary<string, string> layouts, string? project)
    {
        var yaml = new StringBuilder();
        yaml.Append("# A starting policy written by `pipelineguard init` from the Dockerfiles' FROM lines. See docs/policy.md.\n");
        yaml.Append("version: 1\n\n");
        yaml.Append("lint:\n  failureThreshold: error\n\n");
        if (project is null)
        {
            yaml.Append("sbom:\n  # No project file in this folder: name one with 'project:' to have the gate write its SBOM.\n  enabled: false\n\n");
        }
        else
        {
            yaml.Append("sbom:\n  project: ").Append(Quote(project)).Append('\n').Append("  format: cyclonedx-json\n\n");
        }

        if (images.Count == 0)
        {
            yaml.Append("# No FROM image was found (or only scratch), so there are no base-image rules yet.\n");
            return yaml.ToString();
        }

        yaml.Append("baseImages:\n");
        var registries = images.Select(i => i.Facts.Registry).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        yaml.Append("  allowedRegistries: [").Append(string.Join(", ", registries.Select(Quote))).Append("]\n");
        var unpinned = bases.Where(b => b.Reference is not null && b.Facts.WrittenDigest is null).Select(b => b.Facts.Written).Distinct(StringComparer.Ordinal).ToList();
        if (unpinned.Count == 0)
        {
            yaml.Append("  requireDigest: true\n");
        }
        else
        {
            yaml.Append("  # TODO: pin ").Append(string.Join(", ", unpinned)).Append(" (pipelineguard pin --write), then require digests.\n");
            yaml.Append("  requireDigest: false\n");
        }

        var forms = new List<string>();
        if (keyed.Count > 0 && keys.Count > 0)
        {
            forms.Add("    keys: [" + string.Join(", ", keys.Select(Quote)) + "]\n");
        }

        if (keylessPresets.Count > 0)
        {
            forms.Add("    identities:\n" + string.Concat(keylessPresets.Select(p => "      - preset: " + p + "\n")));
        }

        if (notationPresets.Count > 0)
        {
            // One Notation form per requirement: the first preset (there is one built in today).
            forms.Add("    notation:\n      preset: " + notationPresets.First() + "\n");
        }

        if (keyed.Count > 0 && keys.Count == 0)
        {
            yaml.Append("  # TODO: no signer is known for ").Append(string.Join(", ", keyed)).Append(": add 'keys: [public key file]'\n");
            yaml.Append("  # (cosign), 'identities:' (keyless) or 'notation:' under 'signature:' here.\n");
        }

        if (forms.Count > 0)
        {
            yaml.Append("  # A signature by any of these verifies: ").Append(string.Join("; ", images.Select(i => i.Facts.Name))).Append(".\n");
            yaml.Append("  signature:\n").Append(string.Concat(forms));
        }

        yaml.Append("  deny:\n    tags: [latest]\n");
        if (layouts.Count > 0)
        {
            yaml.Append("\nregistries:\n  # Local OCI layouts that hold the pinned base images.\n  layouts:\n");
            foreach (var (name, folder) in layouts)
            {
                yaml.Append("    ").Append(Quote(name)).Append(": ").Append(Quote(folder)).Append('\n');
            }
        }

        return yaml.ToString();
    }

    /// <summary>PEM public keys in the folder and its <c>keys/</c> folder (cosign's <c>*.pub</c>), as paths relative to it.</summary>
    private static List<string> FindPublicKeys(string folder)
    {
        var found = new List<string>();
        foreach (var directory in new[] { folder, Path.Combine(folder, "keys") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.pub").Order(StringComparer.Ordinal))
            {
                if (new FileInfo(file).Length < 16 * 1024 && File.ReadAllText(file).Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
                {
                    found.Add(Path.GetRelativePath(folder, file).Replace('\\', '/'));
                }
            }
        }

        return found;
    }

    /// <summary>OCI layouts (a folder with <c>oci-layout</c> and <c>index.json</c>) directly in the folder, by the manifest digests their index lists.</summary>
    private static Dictionary<string, string> FindLayouts(string folder)
    {
        var byDigest = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var directory in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var index = Path.Combine(directory, "index.json");
            if (!File.Exists(Path.Combine(directory, "oci-layout")) || !File.Exists(index) || new FileInfo(index).Length > 1024 * 1024)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(index));
                if (json.RootElement.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
                {
                    foreach (var manifest in manifests.EnumerateArray())
                    {
                        if (manifest.TryGetProperty("digest", out var digest) && digest.GetString() is { } text)
                        {
                            byDigest.TryAdd(text, Path.GetRelativePath(folder, directory).Replace('\\', '/'));
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not a layout init can use; the policy then names no layout for it.
            }
        }

        return byDigest;
    }

    private static string? FindProject(string folder) =>
        Directory.EnumerateFiles(folder, "*.csproj").Concat(Directory.EnumerateFiles(folder, "*.fsproj")).Order(StringComparer.Ordinal)
            .Select(Path.GetFileName).FirstOrDefault();

    private static string Quote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_') && text.Length > 0 && char.IsAsciiLetterOrDigit(text[0])
            ? text
            : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
