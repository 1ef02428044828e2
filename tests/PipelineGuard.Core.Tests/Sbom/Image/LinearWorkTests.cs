using System.Text;
using PipelineGuard.Oci;
using PipelineGuard.Sbom.Image;
using Xunit;

namespace PipelineGuard.Core.Tests.Sbom.Image;

/// <summary>
/// Tiny hostile inputs that cost quadratic work or memory in a naive reader. The bounds are counted (allocations on
/// this thread, trie steps), never timed.
/// </summary>
public sealed class LinearWorkTests
{
    private static void Add(ImageFileTracker.LayerChanges layer, TarStreamReader reader, string path, TarEntryKind kind, string link = "")
        => layer.AddAsync(path, new TarEntryHeader(path, kind, 0, link, 0, 0), reader, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    [Fact]
    public void A_deps_json_path_of_many_components_costs_memory_linear_in_its_length()
    {
        var tracker = new ImageFileTracker(new ImageScanLimits());
        using var reader = new TarStreamReader(Stream.Null);
        var path = string.Concat(Enumerable.Repeat("a/", 12_000)) + "x.deps.json";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var layer = tracker.BeginLayer("sha256:1");
        Add(layer, reader, path, TarEntryKind.SymbolicLink, "y.deps.json");
        layer.Commit();

        // Storing every directory prefix would allocate about 288 MB here.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.True(tracker.Files.ContainsKey(path));

        // A file replacing one of its directories still hides it.
        var upper = tracker.BeginLayer("sha256:2");
        Add(upper, reader, "a/a/a", TarEntryKind.File);
        upper.Commit();
        Assert.Empty(tracker.Files);
    }

    [Fact]
    public void Whiteouts_cost_work_linear_in_their_paths_not_in_the_tracked_files()
    {
        const int count = 3000;
        var tracker = new ImageFileTracker(new ImageScanLimits());
        using var reader = new TarStreamReader(Stream.Null);
        var lower = tracker.BeginLayer("sha256:1");
        for (var i = 0; i < count; i++)
        {
            Add(lower, reader, $"var/lib/dpkg/status.d/p{i}", TarEntryKind.SymbolicLink, "x");
        }

        lower.Commit();
        var afterInsert = tracker.Steps;
        var upper = tracker.BeginLayer("sha256:2");
        for (var i = 0; i < count; i++)
        {
            Add(upper, reader, $"opt/.wh.q{i}", TarEntryKind.File);
        }

        Add(upper, reader, "var/lib/dpkg/status.d/.wh.p7", TarEntryKind.File);
        upper.Commit();

        // A scan of every tracked file per whiteout would take count × count = 9,000,000 steps.
        var steps = tracker.Steps - afterInsert;
        Assert.True(steps <= 4L * (count + 1), $"{steps} steps");
        Assert.Equal(count - 1, tracker.Files.Count);
        Assert.False(tracker.Files.ContainsKey("var/lib/dpkg/status.d/p7"));

        var opaque = tracker.BeginLayer("sha256:3");
        Add(opaque, reader, "var/lib/dpkg/status.d/.wh..wh..opq", TarEntryKind.File);
        opaque.Commit();
        Assert.Empty(tracker.Files);
    }

    [Fact]
    public void Dpkg_continuation_lines_are_joined_in_linear_memory()
    {
        const int lines = 8000;
        var text = new StringBuilder("Package: big\nStatus: install ok installed\nDescription: many lines\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append(" continuation line ").Append(i).Append('\n');
        }

        text.Append("Version: 1.0\n");
        var input = text.ToString();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var paragraphs = ControlParagraphs.Read(input, apk: false).ToList();

        // Appending each line to the field as it grows would allocate about 1.5 GB here.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated} bytes allocated");
        var fields = Assert.Single(paragraphs).Fields;
        Assert.Equal("1.0", fields["Version"]);
        Assert.Equal(lines + 1, fields["Description"].Split('\n').Length);
        Assert.EndsWith("\ncontinuation line 7999", fields["Description"], StringComparison.Ordinal);
    }
}
