using System.Security.Cryptography;
using System.Text;

namespace PipelineGuard.Signing.Revocation;

/// <summary>
/// The on-disk CRL cache: one file per distribution point URL (the SHA-256 of the URL), holding the DER CRL. An entry is
/// used only while the CRL verifies and is before its nextUpdate; the caller checks both on every read. Cache failures
/// (an unwritable folder, a damaged file) never fail a check: the CRL is fetched again, as Notation does.
/// </summary>
internal sealed class CrlCache(string directory, long maximumSize)
{
    /// <summary>The cached bytes for <paramref name="url"/>, or null.</summary>
    public byte[]? Read(string url)
    {
        try
        {
            var file = new FileInfo(PathFor(url));
            if (!file.Exists || file.Length > maximumSize || file.LinkTarget is not null)
            {
                return null;
            }
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="crl"/> for <paramref name="url"/> (written to a temporary file, then moved into place).</summary>
    public void Write(string url, byte[] crl)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var target = PathFor(url);
            var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, crl);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs a download next time.
        }
    }

    private string PathFor(string url) => Path.Combine(directory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url))) + ".crl");
}
