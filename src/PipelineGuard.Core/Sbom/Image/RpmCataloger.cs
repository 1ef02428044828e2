using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PipelineGuard.Sbom.Image;

/// <summary>
/// Reads rpm's SQLite database (<c>rpmdb.sqlite</c>, Fedora 33+, RHEL 9+): each row of the <c>Packages</c> table is an
/// rpm header blob (index count, data size, 16-byte index entries, data store, all big-endian) from which NAME, VERSION,
/// RELEASE, EPOCH, ARCH, LICENSE, SOURCERPM, SUMMARY and VENDOR are taken. The older BerkeleyDB <c>Packages</c> file is not read.
/// </summary>
public static class RpmCataloger
{
    private const int TagName = 1000;
    private const int TagVersion = 1001;
    private const int TagRelease = 1002;
    private const int TagEpoch = 1003;
    private const int TagSummary = 1004;
    private const int TagVendor = 1011;
    private const int TagLicense = 1014;
    private const int TagArch = 1022;
    private const int TagSourceRpm = 1044;
    private const int MaxIndexEntries = 100_000;

    /// <summary>
    /// The packages in <paramref name="database"/> (the bytes of rpmdb.sqlite). SQLite needs a file, so the bytes are
    /// written to a private temporary folder that is deleted afterwards. Returns an error message when unreadable.
    /// </summary>
    public static (IReadOnlyList<ImagePackage> Packages, string? Error) Parse(byte[] database, string location, string layerDigest)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pipelineguard-rpmdb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var sqliteLoaded = false;
        try
        {
            var file = Path.Combine(folder, "rpmdb.sqlite");
            File.WriteAllBytes(file, database);
            var packages = new List<ImagePackage>();
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
            {
                sqliteLoaded = true;
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT blob FROM Packages ORDER BY hnum";
                using var reader = command.ExecuteReader();
                var row = 0;
                while (reader.Read())
                {
                    row++;
                    if (reader.IsDBNull(0))
                    {
                        continue;
                    }

                    var header = ReadHeader((byte[])reader.GetValue(0));
                    if (header is null)
                    {
                        return ([], $"package row {row} is not a valid rpm header");
                    }

                    if (!header.TryGetValue(TagName, out var name) || !header.TryGetValue(TagVersion, out var version) || name == "gpg-pubkey")
                    {
                        continue;
                    }

                    var release = header.GetValueOrDefault(TagRelease);
                    var source = header.GetValueOrDefault(TagSourceRpm);
                    packages.Add(new ImagePackage(ImagePackageKind.Rpm, name, release is null ? version : $"{version}-{release}", location, layerDigest)
                    {
                        Architecture = header.GetValueOrDefault(TagArch),
                        Epoch = header.GetValueOrDefault(TagEpoch),
                        License = header.GetValueOrDefault(TagLicense),
                        Description = header.GetValueOrDefault(TagSummary),
                        Maintainer = header.GetValueOrDefault(TagVendor),
                        Source = source,
                    });
                }
            }

            return (packages, null);
        }
        catch (SqliteException ex)
        {
            return ([], $"not a readable SQLite rpm database ({ex.Message})");
        }
        catch (Exception ex) when (!sqliteLoaded && ex is TypeInitializationException or DllNotFoundException)
        {
            // The native tool carries SQLite as libe_sqlite3.so beside its executable; an executable copied without it
            // cannot open rpm databases, which is reported like any unreadable database instead of ending the run.
            var cause = ex;
            while (cause.InnerException is not null)
            {
                cause = cause.InnerException;
            }

            return ([], $"SQLite could not be loaded, so the rpm database was not read (libe_sqlite3.so must sit beside the pipelineguard executable): {cause.Message.Split(". ")[0].TrimEnd('.')}");
        }
        finally
        {
            if (sqliteLoaded)
            {
                SqliteConnection.ClearAllPools();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The string and INT32 tags of one header blob; null when the blob is malformed.</summary>
    internal static Dictionary<int, string>? ReadHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 8)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(blob);
        var dataLength = BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        if (count <= 0 || count > MaxIndexEntries || dataLength < 0 || 8L + (16L * count) + dataLength > blob.Length)
        {
            return null;
        }

        var data = blob.Slice(8 + (16 * count), dataLength);
        var tags = new Dictionary<int, string>();
        for (var i = 0; i < count; i++)
        {
            var entry = blob.Slice(8 + (16 * i), 16);
            var tag = BinaryPrimitives.ReadInt32BigEndian(entry);
            var type = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
            if (tag is < TagName or > TagSourceRpm || offset < 0 || offset >= data.Length)
            {
                continue;
            }

            switch (type)
            {
                case 6 or 8 or 9: // STRING, STRING_ARRAY, I18NSTRING: the first NUL-terminated string
                    var end = data[offset..].IndexOf((byte)0);
                    if (end < 0)
                    {
                        return null;
                    }

                    tags.TryAdd(tag, Encoding.UTF8.GetString(data.Slice(offset, end)));
                    break;
                case 4 when offset + 4 <= data.Length: // INT32
                    tags.TryAdd(tag, BinaryPrimitives.ReadInt32BigEndian(data[offset..]).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        return tags;
    }
}
