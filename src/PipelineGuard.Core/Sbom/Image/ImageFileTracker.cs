using PipelineGuard.Oci;

namespace PipelineGuard.Sbom.Image;

/// <summary>A file of interest as it stands in the merged filesystem, and the layer that wrote it.</summary>
internal sealed record TrackedFile(string Path, byte[]? Content, string? LinkTarget, bool HardLink, string LayerDigest);

/// <summary>
/// The merged view of the files that catalogers read, built layer by layer without extracting anything: a layer's
/// whiteouts (<c>.wh.NAME</c>), opaque markers (<c>.wh..wh..opq</c>) and non-directories replacing directories hide
/// what lower layers wrote, then the layer's own files are laid on top. A layer's changes are applied only after its
/// digest was verified. Tracked paths also live in a trie of path components, so a whiteout removes what lies under
/// its directory by walking that subtree only, and "is this a directory?" is a walk of the path's components: the
/// work is linear in the entries and their path lengths, however many whiteouts or components there are.
/// </summary>
internal sealed class ImageFileTracker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";
    private readonly Dictionary<string, TrackedFile> _files = new(StringComparer.Ordinal);
    private readonly PathNode _root = new(null, string.Empty);
    private readonly ImageScanLimits _limits;
    private long _bytes;

    public ImageFileTracker(ImageScanLimits limits)
    {
        _limits = limits;
    }

    /// <summary>Whether catalogers want the file at <paramref name="path"/> (root-relative).</summary>
    public static bool IsInteresting(string path)
        => path is "etc/os-release" or "usr/lib/os-release" || ImagePackageCatalogers.For(path) is not null;

    public IReadOnlyDictionary<string, TrackedFile> Files => _files;

    /// <summary>Trie nodes visited so far (tests bound the work with it).</summary>
    internal long Steps { get; private set; }

    /// <summary>Starts recording one layer's changes.</summary>
    public LayerChanges BeginLayer(string layerDigest) => new(this, layerDigest);

    /// <summary>Follows symbolic and hard links from <paramref name="path"/> (at most 40 hops); null when the chain ends outside the tracked files.</summary>
    public TrackedFile? Resolve(string path)
    {
        for (var hops = 0; hops < 40; hops++)
        {
            if (!_files.TryGetValue(path, out var file))
            {
                return null;
            }

            if (file.LinkTarget is null)
            {
                return file;
            }

            path = file.HardLink ? file.LinkTarget : ImagePath.ResolveLink(path, file.LinkTarget);
        }

        return null;
    }

    private void Apply(LayerChanges changes)
    {
        foreach (var path in changes.Deleted)
        {
            Remove(path, includeSelf: true);
        }

        foreach (var directory in changes.Opaque.Concat(changes.Hidden))
        {
            Remove(directory, includeSelf: false);
        }

        foreach (var file in changes.Files.Values)
        {
            if (_files.TryGetValue(file.Path, out var previous))
            {
                _bytes -= previous.Content?.LongLength ?? 0;
            }

            _files[file.Path] = file;
            _bytes += file.Content?.LongLength ?? 0;
            Node(file.Path, create: true)!.IsFile = true;
        }
    }

    /// <summary>Whether a tracked file lies below <paramref name="path"/>.</summary>
    private bool IsDirectory(string path) => Node(path, create: false) is { Children.Count: > 0 };

    /// <summary>The trie node of <paramref name="path"/>; null when absent and not to be created.</summary>
    private PathNode? Node(string path, bool create)
    {
        var node = _root;
        var start = 0;
        while (start <= path.Length)
        {
            var slash = path.IndexOf('/', start);
            var end = slash < 0 ? path.Length : slash;
            var name = path[start..end];
            Steps++;
            if (!node.Children.TryGetValue(name, out var child))
            {
                if (!create)
                {
                    return null;
                }

                child = new PathNode(node, name);
                node.Children[name] = child;
            }

            node = child;
            if (slash < 0)
            {
                break;
            }

            start = slash + 1;
        }

        return node;
    }

    private void Remove(string path, bool includeSelf)
    {
        var node = Node(path, create: false);
        if (node is null)
        {
            return;
        }

        var pending = new Stack<(PathNode Node, string Path)>();
        foreach (var (name, child) in node.Children)
        {
            pending.Push((child, $"{path}/{name}"));
        }

        node.Children.Clear();
        if (includeSelf)
        {
            Forget(path, node);
        }

        while (pending.Count > 0)
        {
            var (current, currentPath) = pending.Pop();
            Steps++;
            if (current.IsFile)
            {
                _bytes -= _files[currentPath].Content?.LongLength ?? 0;
                _files.Remove(currentPath);
            }

            foreach (var (name, child) in current.Children)
            {
                pending.Push((child, $"{currentPath}/{name}"));
            }
        }

        Prune(node);
    }

    private void Forget(string path, PathNode node)
    {
        if (node.IsFile)
        {
            _bytes -= _files[path].Content?.LongLength ?? 0;
            _files.Remove(path);
            node.IsFile = false;
        }
    }

    /// <summary>Drops nodes left with neither a file nor children, up towards the root.</summary>
    private static void Prune(PathNode node)
    {
        while (node.Parent is { } parent && !node.IsFile && node.Children.Count == 0)
        {
            parent.Children.Remove(node.Name);
            node = parent;
        }
    }

    /// <summary>One component of tracked paths.</summary>
    private sealed class PathNode(PathNode? parent, string name)
    {
        public PathNode? Parent { get; } = parent;

        public string Name { get; } = name;

        public Dictionary<string, PathNode> Children { get; } = new(StringComparer.Ordinal);

        public bool IsFile { get; set; }
    }

    /// <summary>One layer's whiteouts and files, applied by <see cref="Commit"/>.</summary>
    internal sealed class LayerChanges(ImageFileTracker tracker, string layerDigest)
    {
        public List<string> Deleted { get; } = [];

        public List<string> Opaque { get; } = [];

        public List<string> Hidden { get; } = [];

        public Dictionary<string, TrackedFile> Files { get; } = new(StringComparer.Ordinal);

        private long _bytes;

        /// <summary>Records one entry; reads its data from <paramref name="reader"/> when a cataloger wants it.</summary>
        public async ValueTask AddAsync(string path, TarEntryHeader entry, TarStreamReader reader, CancellationToken cancellationToken)
        {
            var slash = path.LastIndexOf('/');
            var name = slash < 0 ? path : path[(slash + 1)..];
            if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var parent = slash < 0 ? string.Empty : path[..slash];
                if (name == OpaqueMarker)
                {
                    Opaque.Add(parent);
                }
                else if (!name.StartsWith(WhiteoutPrefix + WhiteoutPrefix, StringComparison.Ordinal))
                {
                    Deleted.Add(slash < 0 ? name[WhiteoutPrefix.Length..] : $"{parent}/{name[WhiteoutPrefix.Length..]}");
                }

                return;
            }

            if (entry.Kind != TarEntryKind.Directory && tracker.IsDirectory(path))
            {
                Hidden.Add(path);
            }

            if (!IsInteresting(path))
            {
                return;
            }

            switch (entry.Kind)
            {
                case TarEntryKind.File:
                    var limits = tracker._limits;
                    var content = await reader.ReadAllAsync(limits.MaxCatalogFileBytes, $"/{path} (layer {layerDigest})", cancellationToken);
                    _bytes += content.LongLength;
                    if (tracker._bytes + _bytes > limits.MaxCatalogBytesTotal)
                    {
                        throw new OciException(OciErrorKind.LimitExceeded, $"package databases in the image exceed {limits.MaxCatalogBytesTotal} bytes in memory (limit); raise MaxCatalogBytesTotal if this image is expected.");
                    }

                    Files[path] = new TrackedFile(path, content, null, false, layerDigest);
                    break;
                case TarEntryKind.SymbolicLink:
                    Files[path] = new TrackedFile(path, null, entry.LinkName, false, layerDigest);
                    break;
                case TarEntryKind.HardLink when ImagePath.Normalize(entry.LinkName) is { } target:
                    var source = Files.GetValueOrDefault(target) ?? tracker._files.GetValueOrDefault(target);
                    Files[path] = source?.Content is not null
                        ? new TrackedFile(path, source.Content, null, false, layerDigest)
                        : new TrackedFile(path, null, target, true, layerDigest);
                    break;
                default:
                    Files.Remove(path);
                    break;
            }
        }

        /// <summary>Lays this layer over the lower ones.</summary>
        public void Commit() => tracker.Apply(this);
    }
}
