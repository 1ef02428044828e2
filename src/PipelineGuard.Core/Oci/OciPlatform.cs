namespace PipelineGuard.Oci;

/// <summary>An image platform: <c>os/architecture[/variant]</c>, for example <c>linux/arm64/v8</c>.</summary>
public sealed record OciPlatform(string Os, string Architecture, string? Variant = null)
{
    /// <summary>linux/amd64, the default platform.</summary>
    public static OciPlatform LinuxAmd64 { get; } = new("linux", "amd64");

    /// <summary>Parses <c>os/arch[/variant]</c>; null when malformed.</summary>
    public static OciPlatform? TryParse(string? text)
    {
        var parts = text?.Split('/') ?? [];
        return parts.Length is 2 or 3 && parts.All(p => p.Length > 0)
            ? new OciPlatform(parts[0], parts[1], parts.Length == 3 ? parts[2] : null)
            : null;
    }

    /// <summary>Whether an index entry for <paramref name="candidate"/> serves this platform (a missing variant matches any).</summary>
    public bool Matches(OciPlatform candidate)
        => string.Equals(Os, candidate.Os, StringComparison.Ordinal)
           && string.Equals(Architecture, candidate.Architecture, StringComparison.Ordinal)
           && (Variant is null || candidate.Variant is null || string.Equals(Variant, candidate.Variant, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
