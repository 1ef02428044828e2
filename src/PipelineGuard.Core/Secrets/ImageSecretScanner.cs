using System.Globalization;
using System.Text.Json;
using PipelineGuard.Oci;
using PipelineGuard.Sbom.Image;

namespace PipelineGuard.Secrets;

/// <summary>
/// Secrets in an image: the config's <c>Env</c>, <c>Labels</c> and <c>history[].created_by</c> (build arguments are
/// recorded there), and every regular file of every layer, including files a later layer deletes (the earlier layer
/// still ships them). Each layer is read once through the same store, digest check, decompression and tar reader as
/// the image SBOM, with the same limits; binary files are skipped after their first 8000 bytes unless a file rule
/// (<c>.pfx</c>, <c>.p12</c>, <c>.snk</c>) wants them. Evidence names the layer digest and the history instruction.
/// </summary>
public static class ImageSecretScanner
{
    /// <summary>Scans <paramref name="image"/> (a registry reference, <c>oci:DIR[:TAG]</c> or <c>docker-archive:FILE</c>); an unreadable image is <see cref="SecretScanException"/>.</summary>
    public static async Task<SecretScanResult> ScanAsync(string image, RegistryClientOptions? registry = null, ImageScanLimits? imageLimits = null, SecretScanLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        registry ??= new RegistryClientOptions();
        imageLimits ??= new ImageScanLimits();
        limits ??= new SecretScanLimits();
        if (!ImageLocation.TryParse(image, out var location, out var error))
        {
            throw new SecretScanException($"invalid image '{image}': {error}.");
        }

        try
        {
            using var store = await location.OpenStoreAsync(registry with { IsCommandTarget = true }, imageLimits.TarLimitsFor(-1), cancellationToken);
            var resolved = await ResolvedImage.ResolveAsync(store, location.Repository, location.Reference, null, imageLimits.MaxConfigBytes, cancellationToken: cancellationToken);
            var findings = new List<SecretFinding>();
            var notes = new List<SecretScanNote>();
            var history = ScanConfig(resolved.Config, findings);
            var layers = resolved.Manifest.Layers;
            if (layers.Count > imageLimits.MaxLayers)
            {
                throw new SecretScanException($"{image} has {layers.Count} layers, more than the limit of {imageLimits.MaxLayers}.");
            }

            var files = 0;
            long bytes = 0;
            var found = new List<(int Layer, SecretFinding Finding)>();
            var deletions = new List<(int Layer, string Path, bool Opaque)>();
            for (var i = 0; i < layers.Count; i++)
            {
                var (layerFiles, layerBytes) = await ScanLayerAsync(store, location.Repository, layers[i], i, history.ElementAtOrDefault(i), imageLimits, limits, found, deletions, notes, cancellationToken);
                files += layerFiles;
                bytes += layerBytes;
            }

            foreach (var (layer, finding) in found)
            {
                var deletedBy = deletions.FirstOrDefault(d => d.Layer > layer && (d.Opaque ? finding.Path.StartsWith(d.Path + "/", StringComparison.Ordinal) : finding.Path == d.Path || finding.Path.StartsWith(d.Path + "/", StringComparison.Ordinal)));
                findings.Add(deletedBy.Path is null ? finding : finding with { Evidence = finding.Evidence + string.Create(CultureInfo.InvariantCulture, $"; deleted by layer {deletedBy.Layer + 1}, but still shipped in layer {layer + 1}") });
            }

            return new SecretScanResult($"image {image}", findings, [], notes, files + 1, bytes + resolved.Config.Length);
        }
        catch (OciException e)
        {
            throw new SecretScanException($"{image}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new SecretScanException($"{image}: {e.Message}", e);
        }
    }

    /// <summary>Findings in the config; returns the history instruction of each non-empty layer, in layer order.</summary>
    private static List<string?> ScanConfig(byte[] config, List<SecretFinding> findings)
    {
        var layerHistory = new List<string?>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(config);
        }
        catch (JsonException e)
        {
            throw new SecretScanException($"the image config is not JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SecretScanException("the image config is not a JSON object");
            }

            if (root.TryGetProperty("config", out var runConfig) && runConfig.ValueKind == JsonValueKind.Object)
            {
                if (runConfig.TryGetProperty("Env", out var env) && env.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var entry in env.EnumerateArray())
                    {
                        if (entry.ValueKind == JsonValueKind.String)
                        {
                            var text = entry.GetString()!;
                            var name = text.Split('=', 2)[0];
                            findings.AddRange(SecretContentScanner.ScanValue($"config Env[{index}] {name}", text).Select(f => f with { Evidence = "the image config's Env (every container gets it)" }));
                        }

                        index++;
                    }
                }

                if (runConfig.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object)
                {
                    foreach (var label in labels.EnumerateObject())
                    {
                        if (label.Value.ValueKind == JsonValueKind.String)
                        {
                            findings.AddRange(SecretContentScanner.ScanValue($"config Labels {label.Name}", label.Name + "=" + label.Value.GetString()).Select(f => f with { Column = Math.Max(1, f.Column - label.Name.Length - 1), Evidence = "the image config's Labels" }));
                        }
                    }
                }
            }

            if (root.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var step in history.EnumerateArray())
                {
                    var createdBy = step.ValueKind == JsonValueKind.Object && step.TryGetProperty("created_by", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    var empty = step.ValueKind == JsonValueKind.Object && step.TryGetProperty("empty_layer", out var e) && e.ValueKind == JsonValueKind.True;
                    if (createdBy is not null)
                    {
                        findings.AddRange(SecretContentScanner.ScanValue($"config history[{index}]", createdBy).Select(f => f with { Evidence = "the image config's history (a build argument or command line recorded with the image)" }));
                    }

                    if (!empty)
                    {
                        layerHistory.Add(createdBy is null ? null : SecretRedaction.RedactText(Shorten(createdBy)));
                    }

                    index++;
                }
            }
        }

        return layerHistory;
    }

    private static async Task<(int Files, long Bytes)> ScanLayerAsync(IImageStore store, string repository, Oci.OciDescriptor layer, int index, string? createdBy, ImageScanLimits imageLimits, SecretScanLimits limits, List<(int, SecretFinding)> found, List<(int, string, bool)> deletions, List<SecretScanNote> notes, CancellationToken cancellationToken)
    {
        var digest = layer.Digest.ToString();
        var evidence = string.Create(CultureInfo.InvariantCulture, $"layer {index + 1} {digest}") + (createdBy is null ? string.Empty : $" created by `{createdBy}`");
        var tarLimits = imageLimits.TarLimitsFor(layer.Size);
        var verifying = await store.OpenBlobAsync(repository, layer.Digest, layer.Size, cancellationToken);
        var files = 0;
        long bytes = 0;
        var sniff = new byte[8000];
        await using (var tarStream = await LayerDecompression.OpenAsync(verifying, layer.MediaType, cancellationToken))
        {
            using var reader = new TarStreamReader(tarStream, tarLimits, leaveOpen: true);
            try
            {
                while (await reader.NextAsync(cancellationToken) is { } entry)
                {
                    if (ImagePath.Normalize(entry.Name) is not { } path)
                    {
                        continue;
                    }

                    var name = path[(path.LastIndexOf('/') + 1)..];
                    if (name.StartsWith(".wh.", StringComparison.Ordinal))
                    {
                        var folder = path.Contains('/', StringComparison.Ordinal) ? "/" + path[..path.LastIndexOf('/')] : string.Empty;
                        deletions.Add(name == ".wh..wh..opq" ? (index, folder, true) : (index, folder + "/" + name[4..], false));
                        continue;
                    }

                    if (entry.Kind != TarEntryKind.File || entry.Size == 0)
                    {
                        continue;
                    }

                    var imagePath = "/" + path;
                    var head = await ReadUpToAsync(reader, sniff, cancellationToken);
                    var binary = SecretContentScanner.IsBinary(sniff.AsSpan(0, head));
                    var extension = Path.GetExtension(name).ToLowerInvariant();
                    if (binary && extension is not (".pfx" or ".p12" or ".snk"))
                    {
                        files++;
                        bytes += head;
                        continue;
                    }

                    if (entry.Size > limits.MaxFileBytes)
                    {
                        notes.Add(new SecretScanNote(imagePath, $"not scanned: {entry.Size} bytes, larger than the limit of {limits.MaxFileBytes} bytes ({evidence})", Incomplete: true));
                        continue;
                    }

                    var content = new byte[entry.Size];
                    sniff.AsSpan(0, head).CopyTo(content);
                    var offset = head;
                    while (offset < content.Length)
                    {
                        offset += await reader.ReadAsync(content.AsMemory(offset), cancellationToken);
                    }

                    files++;
                    bytes += content.Length;
                    foreach (var finding in SecretContentScanner.Scan(imagePath, content))
                    {
                        found.Add((index, finding with { Evidence = evidence }));
                    }
                }
            }
            catch (InvalidDataException e)
            {
                throw new SecretScanException($"layer {digest}: the compressed data is corrupt ({e.Message}).", e);
            }

            // Read to the end so the whole blob passes through the digest check.
            var rest = new byte[64 * 1024];
            long after = 0;
            int read;
            while ((read = await tarStream.ReadAsync(rest, cancellationToken)) > 0)
            {
                after += read;
                if (after > tarLimits.MaxUncompressedBytes)
                {
                    throw new SecretScanException($"layer {digest}: data after the end of the tar archive exceeds the uncompressed-size limit (decompression bomb?).");
                }
            }
        }

        if (!verifying.Verified)
        {
            await verifying.DrainAsync(cancellationToken);
        }

        if (!verifying.Verified)
        {
            throw new SecretScanException($"layer {digest} was not fully verified.");
        }

        return (files, bytes);
    }

    private static async Task<int> ReadUpToAsync(TarStreamReader reader, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static string Shorten(string createdBy)
    {
        var text = createdBy.Replace("/bin/sh -c #(nop) ", string.Empty, StringComparison.Ordinal).Trim();
        text = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 160 ? text[..160] + "..." : text;
    }
}
