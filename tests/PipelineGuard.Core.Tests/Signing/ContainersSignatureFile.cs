using System.Text;
using PipelineGuard.Signing;

namespace PipelineGuard.Core.Tests.Signing;

/// <summary>
/// Reads the vectors of containers/image's <c>dir:</c> copies: <c>signature-N</c> files (a 0x00 byte, <c>sigstore-json\n</c>,
/// then JSON with mimeType, base64 payload and annotations) and the git symlinks stored as small text files.
/// </summary>
internal static class ContainersSignatureFile
{
    public static SignatureLayer Parse(byte[] bytes) => PipelineGuard.Testing.ContainersDirLayout.ParseSignatureFile(bytes);

    /// <summary>The file's bytes, following a git symlink stored as text; null when the file or its target is missing.</summary>
    public static byte[]? ReadFollowingLinks(string path)
    {
        for (var hops = 0; hops < 4; hops++)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            var text = bytes.Length < 200 ? Encoding.UTF8.GetString(bytes) : string.Empty;
            if (!text.StartsWith("../", StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal))
            {
                return bytes;
            }

            path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, text));
        }

        return null;
    }

    /// <summary>The signature layers of a vector directory (signature-1, signature-2, ...).</summary>
    public static IReadOnlyList<SignatureLayer> ReadDirectory(string directory)
    {
        var layers = new List<SignatureLayer>();
        for (var i = 1; ; i++)
        {
            var bytes = ReadFollowingLinks(Path.Combine(directory, $"signature-{i}"));
            if (bytes is null)
            {
                return layers;
            }

            layers.Add(Parse(bytes));
        }
    }
}
