using PipelineGuard.IO;
using PipelineGuard.Signing;
using PipelineGuard.Testing;
using Xunit;

namespace PipelineGuard.Core.Tests.IO;

public sealed class AtomicFileTests
{
    /// <summary>A stream that takes a few bytes and then fails as a full disk does.</summary>
    private sealed class FullDisk(Stream inner) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var room = (int)Math.Max(0, 4 - _written);
            inner.Write(buffer, offset, Math.Min(room, count));
            _written += Math.Min(room, count);
            if (count > room)
            {
                throw new IOException("No space left on device");
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_full_disk_leaves_the_old_file_and_nothing_else()
    {
        var dir = RepositoryPaths.NewTempDirectory("atomic-full");
        var path = Path.Combine(dir, "Dockerfile");
        await File.WriteAllTextAsync(path, "FROM debian:12\n");
        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, "FROM debian:12@sha256:0000\n"u8.ToArray(), null, s => new FullDisk(s), CancellationToken.None));
        Assert.Equal("FROM debian:12\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public async Task A_failed_first_write_leaves_no_empty_file()
    {
        var dir = RepositoryPaths.NewTempDirectory("atomic-new");
        var path = Path.Combine(dir, "pipelineguard.json");
        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, new byte[100], null, s => new FullDisk(s), CancellationToken.None));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task A_private_key_replaces_a_symbolic_link_and_never_writes_through_it()
    {
        var dir = RepositoryPaths.NewTempDirectory("atomic-link");
        var victim = Path.Combine(dir, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious\n");
        var key = Path.Combine(dir, "cosign.key");
        File.CreateSymbolicLink(key, victim);
        await KeyFiles.WritePrivateAsync(key, "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
        Assert.Equal("precious\n", await File.ReadAllTextAsync(victim));
        Assert.Null(new FileInfo(key).LinkTarget);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }
}
