using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PipelineGuard.Testing;

/// <summary>
/// Builds rpm's sqlite package database (<c>rpmdb.sqlite</c>, as Fedora and RHEL images have it) from header blobs,
/// for the image SBOM tests, in process and against the native tool alike.
/// </summary>
public static class RpmDatabaseBuilder
{
    /// <summary>The path of the database inside an image's filesystem.</summary>
    public const string ImagePath = "usr/lib/sysimage/rpm/rpmdb.sqlite";

    /// <summary>
    /// An rpm header blob as rpm stores it in the Packages table: index count, data size, 16-byte entries, data.
    /// An int value is an INT32 tag; a string is a STRING tag, or I18NSTRING for the summary (tag 1004).
    /// </summary>
    public static byte[] Header(params (int Tag, object Value)[] tags)
    {
        var data = new List<byte>();
        var entries = new List<byte[]>();
        foreach (var (tag, value) in tags)
        {
            var entry = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(entry, tag);
            if (value is int number)
            {
                while (data.Count % 4 != 0)
                {
                    data.Add(0);
                }

                BinaryPrimitives.WriteInt32BigEndian(entry.AsSpan(4), 4);
                BinaryPrimitives.WriteInt32BigEndian(entry.AsSpan(8), data.Count);
                var bytes = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(bytes, number);
                data.AddRange(bytes);
            }
            else
            {
                BinaryPrimitives.WriteInt32BigEndian(entry.AsSpan(4), tag == 1004 ? 9 : 6);
                BinaryPrimitives.WriteInt32BigEndian(entry.AsSpan(8), data.Count);
                data.AddRange(Encoding.UTF8.GetBytes((string)value));
                data.Add(0);
            }

            BinaryPrimitives.WriteInt32BigEndian(entry.AsSpan(12), 1);
            entries.Add(entry);
        }

        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, entries.Count);
        BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(4), data.Count);
        return [.. head, .. entries.SelectMany(e => e), .. data];
    }

    /// <summary>The bytes of an sqlite database whose Packages table holds <paramref name="headers"/>, as rpm lays it out.</summary>
    public static byte[] Database(params byte[][] headers)
    {
        var file = Path.Combine(RepositoryPaths.NewTempDirectory("rpmdb"), "rpmdb.sqlite");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)";
            create.ExecuteNonQuery();
            foreach (var header in headers)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO Packages (blob) VALUES ($blob)";
                insert.Parameters.AddWithValue("$blob", header);
                insert.ExecuteNonQuery();
            }
        }

        return File.ReadAllBytes(file);
    }
}
