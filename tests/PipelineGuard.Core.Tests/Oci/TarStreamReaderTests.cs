using System.Formats.Tar;
using System.Text;
using PipelineGuard.Oci;
using Xunit;

namespace PipelineGuard.Core.Tests.Oci;

public sealed class TarStreamReaderTests
{
    private static async Task<List<(TarEntryHeader Header, string Data)>> ReadAllAsync(byte[] tar, TarLimits? limits = null, bool seekable = true)
    {
        var list = new List<(TarEntryHeader, string)>();
        Stream stream = seekable ? new MemoryStream(tar) : new NonSeekable(tar);
        using var reader = new TarStreamReader(stream, limits);
        while (await reader.NextAsync() is { } entry)
        {
            list.Add((entry, Encoding.UTF8.GetString(await reader.ReadAllAsync(1 << 20, entry.Name))));
        }

        return list;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_what_the_base_library_writes_in_every_format(bool seekable)
    {
        foreach (var format in new[] { TarEntryFormat.Ustar, TarEntryFormat.Pax, TarEntryFormat.Gnu, TarEntryFormat.V7 })
        {
            using var buffer = new MemoryStream();
            var longName = format switch
            {
                TarEntryFormat.V7 => "short/name.txt",
                TarEntryFormat.Ustar => "deep/" + string.Join('/', Enumerable.Repeat("directory-name-that-is-long", 4)) + "/file.txt",
                _ => "deep/" + string.Join('/', Enumerable.Repeat("directory-name-that-is-long", 12)) + "/file.txt",
            };
            using (var writer = new TarWriter(buffer, format, leaveOpen: true))
            {
                writer.WriteEntry(Entry(format, TarEntryType.Directory, "deep/"));
                var file = Entry(format, format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile, longName);
                file.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(new string('z', 1500)));
                writer.WriteEntry(file);
                var link = Entry(format, TarEntryType.SymbolicLink, "link");
                link.LinkName = LinkTarget(format);
                writer.WriteEntry(link);
            }

            var entries = await ReadAllAsync(buffer.ToArray(), seekable: seekable);
            Assert.Equal(3, entries.Count);
            Assert.Equal(TarEntryKind.Directory, entries[0].Header.Kind);
            Assert.Equal(TarEntryKind.File, entries[1].Header.Kind);
            Assert.Equal(new string('z', 1500), entries[1].Data);
            Assert.Equal(TarEntryKind.SymbolicLink, entries[2].Header.Kind);
            Assert.Equal(LinkTarget(format), entries[2].Header.LinkName);
            Assert.Equal(longName, entries[1].Header.Name);
        }
    }

    private static string LinkTarget(TarEntryFormat format) => format is TarEntryFormat.V7 or TarEntryFormat.Ustar ? "target" : "very/" + new string('t', 150);

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name) => format switch
    {
        TarEntryFormat.Ustar => new UstarTarEntry(type, name),
        TarEntryFormat.Pax => new PaxTarEntry(type, name),
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        _ => new V7TarEntry(type, name),
    };

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854774784")]
    public async Task Rejects_a_pax_size_the_offsets_cannot_hold_as_gnu_tar_and_go_do(string size)
    {
        // A PAX record counts its own length: " size=N\n" plus the two digits of that count.
        var record = $" size={size}\n";
        var pax = Encoding.UTF8.GetBytes($"{record.Length + 2}{record}");
        var tar = RawTar.Archive(RawTar.Entry("PaxHeaders/f", pax, 'x'), RawTar.Entry("f", "data"));
        var error = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(tar));
        Assert.Equal(OciErrorKind.Protocol, error.Kind);
        Assert.Contains(size, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_huge_extended_headers()
    {
        var pax = RawTar.Header("PaxHeader", 'x', 2 * 1024 * 1024);
        var tar = RawTar.Archive([.. pax, .. new byte[2 * 1024 * 1024]]);
        var error = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(tar));
        Assert.Equal(OciErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("PAX", error.Message, StringComparison.Ordinal);

        var gnu = RawTar.Archive([.. RawTar.Header("././@LongLink", 'L', 5000), .. new byte[5120]]);
        var small = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(gnu, new TarLimits { MaxHeaderBytes = 4096 }));
        Assert.Contains("long-name", small.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_truncated_archives()
    {
        var full = RawTar.Archive(RawTar.Entry("a.txt", new string('a', 3000)));
        var cut = full[..1200];
        var error = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(cut, seekable: false));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        var seekError = await Assert.ThrowsAsync<OciException>(async () =>
        {
            using var reader = new TarStreamReader(new MemoryStream(cut));
            await reader.NextAsync();
            await reader.NextAsync();
        });
        Assert.Contains("truncated", seekError.Message, StringComparison.Ordinal);
        var halfHeader = await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(full[..300]));
        Assert.Contains("header", halfHeader.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_bad_checksums_and_enforces_entry_and_size_limits()
    {
        var tar = RawTar.Archive(RawTar.Entry("a", "x"), RawTar.Entry("b", "y"), RawTar.Entry("c", "z"));
        var corrupt = (byte[])tar.Clone();
        corrupt[3] ^= 0x40;
        Assert.Contains("checksum", (await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(corrupt))).Message, StringComparison.Ordinal);
        Assert.Equal(OciErrorKind.LimitExceeded, (await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(tar, new TarLimits { MaxEntries = 2 }))).Kind);
        var big = RawTar.Archive(RawTar.Header("huge", '0', 1L << 32));
        Assert.Equal(OciErrorKind.LimitExceeded, (await Assert.ThrowsAsync<OciException>(() => ReadAllAsync(big, new TarLimits { MaxUncompressedBytes = 1 << 30 }))).Kind);
    }

    [Fact]
    public async Task Hands_over_hostile_names_as_written_for_the_caller_to_judge()
    {
        var tar = RawTar.Archive(RawTar.Entry("../../evil", "x"), RawTar.Entry("/abs/file", "y"), RawTar.Entry("link", [], '2', "../../../etc/passwd"));
        var entries = await ReadAllAsync(tar);
        Assert.Equal(["../../evil", "/abs/file", "link"], entries.Select(e => e.Header.Name));
        Assert.Equal("../../../etc/passwd", entries[2].Header.LinkName);
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
