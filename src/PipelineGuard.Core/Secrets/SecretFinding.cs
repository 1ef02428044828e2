namespace PipelineGuard.Secrets;

/// <summary>
/// One secret found: its rule, where it is, and only what identifies it without revealing it: a redacted preview
/// (<see cref="SecretRedaction.Preview"/>) and the SHA-256 of its bytes. The secret itself is never kept.
/// </summary>
/// <param name="RuleId">The PG4xxx rule.</param>
/// <param name="Kind">What was found, for people ("GitHub token").</param>
/// <param name="Path">Where: a path relative to the scanned folder (<c>/</c> separators), an image path, or an image config field.</param>
/// <param name="Line">1-based line of the secret's first character (1 for a whole file or a config field).</param>
/// <param name="Column">1-based column.</param>
/// <param name="Preview">The redacted preview.</param>
/// <param name="Fingerprint">The SHA-256 of the secret's bytes, 64 lower-case hex digits: stable, so a baseline or an allow list can name it.</param>
public sealed record SecretFinding(string RuleId, string Kind, string Path, int Line, int Column, string Preview, string Fingerprint)
{
    /// <summary>
    /// What ships it or where it came from: the COPY or ADD instruction that takes the file into an image, or the layer
    /// digest and the history instruction that created the layer; null for a plain folder.
    /// </summary>
    public string? Evidence { get; init; }
}

/// <summary>Something the scan could not look at, or looked at only in part (a file too large, unreadable, a special file, a symlink out of the context).</summary>
/// <param name="Path">The file.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="Incomplete">True when content that may hold a secret was not scanned (the scan is incomplete and fails closed).</param>
public sealed record SecretScanNote(string Path, string Message, bool Incomplete);

/// <summary>A finding an allow list (policy or inline) let pass, with the reason.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Reason">Why it is allowed.</param>
public sealed record AllowedSecret(SecretFinding Finding, string Reason);

/// <summary>The outcome of a secrets scan.</summary>
/// <param name="Target">What was scanned, for people ("folder src", "image oci:out:app", "build context . for Dockerfile").</param>
/// <param name="Findings">The secrets found and not allowed, in path and line order.</param>
/// <param name="Allowed">Findings an allow list let pass.</param>
/// <param name="Notes">What could not be scanned.</param>
/// <param name="FilesScanned">Files (or layer entries and config fields) whose content was scanned.</param>
/// <param name="BytesScanned">Bytes of content scanned.</param>
public sealed record SecretScanResult(string Target, IReadOnlyList<SecretFinding> Findings, IReadOnlyList<AllowedSecret> Allowed, IReadOnlyList<SecretScanNote> Notes, int FilesScanned, long BytesScanned)
{
    /// <summary>The full path of the scanned folder that finding paths are relative to; null when paths are inside an image.</summary>
    public string? BaseFolder { get; init; }

    /// <summary>The full path of the scanned package when finding paths are entries inside it; null otherwise.</summary>
    public string? Archive { get; init; }

    /// <summary>Whether some content was not scanned (a failure to read, a size cap): such a scan cannot pass.</summary>
    public bool Incomplete => Notes.Any(n => n.Incomplete);
}
