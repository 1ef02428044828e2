namespace PipelineGuard.Oci;

/// <summary>The kind of a tar entry, reduced to what image readers care about.</summary>
public enum TarEntryKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    SymbolicLink,

    /// <summary>A hard link to an earlier entry.</summary>
    HardLink,

    /// <summary>Anything else (devices, FIFOs).</summary>
    Other,
}

/// <summary>One tar entry's header: its name as written (not yet made safe), kind, size, link target and where its data starts.</summary>
public sealed record TarEntryHeader(string Name, TarEntryKind Kind, long Size, string LinkName, int Mode, long DataOffset);
