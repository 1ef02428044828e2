using System.Globalization;
using PipelineGuard.Findings;
using PipelineGuard.Oci;

namespace PipelineGuard.Secrets;

/// <summary>What a secrets scan looks at: exactly one of a path, an image or a build context.</summary>
public enum SecretTargetKind
{
    /// <summary>A folder (every file), one file, or a package (<c>.nupkg</c>, <c>.zip</c>: every entry).</summary>
    Path,

    /// <summary>An image's config and every layer.</summary>
    Image,

    /// <summary>The build context a Dockerfile's build sends, filtered by <c>.dockerignore</c>.</summary>
    Context,
}

/// <summary>An allow-list entry (the policy's <c>secrets.allow</c>): the fields given must all match; one of path, rule or fingerprint is required.</summary>
public sealed record SecretAllowEntry
{
    /// <summary>A path pattern (<c>*</c> within a segment, <c>**</c> across segments) matched against the finding's path, or null for any.</summary>
    public string? Path { get; init; }

    /// <summary>A rule id or name, or null for any.</summary>
    public string? Rule { get; init; }

    /// <summary>The finding's SHA-256 fingerprint (64 hex digits, or at least its first 16), or null for any.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Why it is allowed; shown in every report.</summary>
    public required string Reason { get; init; }

    /// <summary>The last day it applies (inclusive, UTC), or null for no expiry.</summary>
    public DateOnly? Expires { get; init; }

    /// <summary>Where it is written (file:line), for reports.</summary>
    public string? Source { get; init; }

    /// <summary>Whether the entry names <paramref name="finding"/>.</summary>
    public bool Matches(SecretFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        // A rule the registry does not know names nothing (the policy loader refuses it before this is reached).
        return (Rule is null || string.Equals(RuleRegistry.Find(Rule)?.Id, finding.RuleId, StringComparison.OrdinalIgnoreCase))
            && (Fingerprint is null || (Fingerprint.Length >= 16 && finding.Fingerprint.StartsWith(Fingerprint, StringComparison.OrdinalIgnoreCase)))
            && (Path is null || PathPattern.Matches(Path, finding.Path));
    }
}

/// <summary>What the secrets job scans and how.</summary>
public sealed record SecretsJobOptions
{
    /// <summary>What kind of target <see cref="Target"/> is.</summary>
    public SecretTargetKind Kind { get; init; } = SecretTargetKind.Path;

    /// <summary>The folder, file, package, image reference or context folder.</summary>
    public required string Target { get; init; }

    /// <summary>With <see cref="SecretTargetKind.Context"/>: the Dockerfile (default <c>Dockerfile</c> in the context).</summary>
    public string? Dockerfile { get; init; }

    /// <summary>How registries are reached, for an image.</summary>
    public RegistryClientOptions Registry { get; init; } = new();

    /// <summary>The allow list.</summary>
    public IReadOnlyList<SecretAllowEntry> Allow { get; init; } = [];

    /// <summary>Today, for allow-list expiry.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Size, depth and count bounds.</summary>
    public SecretScanLimits Limits { get; init; } = new();

    /// <summary>Archive bounds for packages.</summary>
    public PackageScanLimits PackageLimits { get; init; } = new();
}

/// <summary>The secrets job's outcome: a result, or why there is none (the target could not be read: fail closed).</summary>
/// <param name="Result">The scan, or null.</param>
/// <param name="Error">Why the scan could not run, or null.</param>
/// <param name="IsUsageError">Whether <see cref="Error"/> is the caller's mistake (no such path) rather than a failure to read.</param>
public sealed record SecretsJobResult(SecretScanResult? Result, string? Error, bool IsUsageError)
{
    /// <summary>Whether the scan ran to the end and found nothing that is not allowed.</summary>
    public bool Passed => Result is { } r && r.Findings.Count == 0 && !r.Incomplete;
}

/// <summary>
/// The secrets use case, for the command line, the gate, MSBuild and Cake: scan one target, then apply the allow list
/// (an expired entry allows nothing and says so in a note).
/// </summary>
public static class SecretsJob
{
    /// <summary>Runs the scan.</summary>
    public static async Task<SecretsJobResult> RunAsync(SecretsJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        SecretScanResult result;
        try
        {
            switch (options.Kind)
            {
                case SecretTargetKind.Image:
                    result = await ImageSecretScanner.ScanAsync(options.Target, options.Registry, limits: options.Limits, cancellationToken: cancellationToken);
                    break;
                case SecretTargetKind.Context:
                    if (!Directory.Exists(options.Target))
                    {
                        return new SecretsJobResult(null, $"{options.Target}: no such folder (the build context).", IsUsageError: true);
                    }

                    var dockerfile = options.Dockerfile ?? System.IO.Path.Combine(options.Target, "Dockerfile");
                    if (!File.Exists(dockerfile))
                    {
                        return new SecretsJobResult(null, $"{dockerfile}: no such Dockerfile.", IsUsageError: true);
                    }

                    result = BuildContextScanner.Scan(options.Target, dockerfile, options.Limits, cancellationToken);
                    break;
                default:
                    if (Directory.Exists(options.Target))
                    {
                        result = SecretFolderScanner.Scan(options.Target, options.Limits, cancellationToken: cancellationToken);
                    }
                    else if (File.Exists(options.Target))
                    {
                        result = PackageSecretScanner.IsPackage(options.Target)
                            ? PackageSecretScanner.Scan(options.Target, options.Limits, options.PackageLimits, cancellationToken)
                            : ScanOneFile(options.Target, options.Limits, cancellationToken);
                    }
                    else
                    {
                        return new SecretsJobResult(null, $"{options.Target}: no such file or folder.", IsUsageError: true);
                    }

                    break;
            }
        }
        catch (SecretScanException e)
        {
            return new SecretsJobResult(null, e.Message, IsUsageError: false);
        }

        return new SecretsJobResult(ApplyAllowList(result, options.Allow, options.Now), null, IsUsageError: false);
    }

    /// <summary>Moves the findings an unexpired entry of <paramref name="allow"/> names to the result's allowed list.</summary>
    public static SecretScanResult ApplyAllowList(SecretScanResult result, IReadOnlyList<SecretAllowEntry> allow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(allow);
        if (allow.Count == 0)
        {
            return result;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var findings = new List<SecretFinding>();
        var allowed = result.Allowed.ToList();
        var notes = result.Notes.ToList();
        foreach (var finding in result.Findings)
        {
            var entry = allow.FirstOrDefault(a => a.Matches(finding));
            if (entry is null)
            {
                findings.Add(finding);
            }
            else if (entry.Expires is { } expires && today > expires)
            {
                findings.Add(finding);
                notes.Add(new SecretScanNote(finding.Path, string.Create(CultureInfo.InvariantCulture, $"the allow-list entry {entry.Source ?? string.Empty} for {finding.RuleId} expired on {expires:yyyy-MM-dd}; the finding stands"), Incomplete: false));
            }
            else
            {
                allowed.Add(new AllowedSecret(finding, entry.Reason));
            }
        }

        return result with { Findings = findings, Allowed = allowed, Notes = notes };
    }

    private static SecretScanResult ScanOneFile(string file, SecretScanLimits limits, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(file);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        var notes = new List<SecretScanNote>();
        var files = new[] { new SecretFolderScanner.FolderFile(full, System.IO.Path.GetFileName(full)) };
        return SecretFolderScanner.ScanFiles($"file {file}", files, notes, limits, _ => null, cancellationToken) with { BaseFolder = folder };
    }
}

/// <summary>Path patterns of allow lists: <c>*</c> and <c>?</c> within a segment, <c>**</c> for any number of segments; <c>/</c>-separated, case-sensitive.</summary>
internal static class PathPattern
{
    public static bool Matches(string pattern, string path) => Match(pattern.Replace('\\', '/').TrimStart('/'), 0, path, 0, 0);

    private static bool Match(string pattern, int p, string path, int s, int depth)
    {
        // Linear per call; '**' recursion is bounded by path length, and depth guards against pathological patterns.
        if (depth > 64)
        {
            return false;
        }

        while (p < pattern.Length)
        {
            if (pattern[p] == '*' && p + 1 < pattern.Length && pattern[p + 1] == '*')
            {
                var next = p + 2;
                if (next < pattern.Length && pattern[next] == '/')
                {
                    next++;
                }
                else if (next == pattern.Length)
                {
                    return true;
                }

                for (var i = s; i <= path.Length; i++)
                {
                    if ((i == s || path[i - 1] == '/') && Match(pattern, next, path, i, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (pattern[p] == '*')
            {
                for (var i = s; i <= path.Length && (i == s || path[i - 1] != '/'); i++)
                {
                    if (Match(pattern, p + 1, path, i, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (s >= path.Length || (pattern[p] != '?' && pattern[p] != path[s]) || (pattern[p] == '?' && path[s] == '/'))
            {
                return false;
            }

            p++;
            s++;
        }

        return s == path.Length;
    }
}
