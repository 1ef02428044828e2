using System.Text;
using PipelineGuard.Oci;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.Image;

namespace PipelineGuard.Cli.Commands;

/// <summary><c>pipelineguard sbom --image REF</c>: translates the options into <see cref="ImageSbomOptions"/> and prints the SBOM.</summary>
internal static class ImageSbomCommand
{
    public static async Task<int> RunAsync(
        TextWriter stdout,
        TextWriter stderr,
        string image,
        string? platform,
        bool allowHttp,
        string? output,
        SbomFormat format,
        CycloneDxSpecVersion spec,
        long? epoch,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? vulnerabilityDatabases = null,
        IReadOnlyList<string>? vexFiles = null)
    {
        OciPlatform? chosen = null;
        if (platform is not null && (chosen = OciPlatform.TryParse(platform)) is null)
        {
            await stderr.WriteLineAsync($"pipelineguard: --platform '{platform}' is not os/arch[/variant] (for example linux/arm64).");
            return ExitCodes.Usage;
        }

        var options = new ImageSbomOptions
        {
            Image = image,
            Platform = chosen,
            Registry = new RegistryClientOptions { AllowHttp = allowHttp },
            SourceDateEpoch = epoch,
        };
        var result = await TerminalProgress.ForImageLayersAsync(stderr, progress => ImageSbomGenerator.GenerateAsync(options with { Progress = progress }, cancellationToken));
        foreach (var diagnostic in result.Diagnostics)
        {
            await stderr.WriteLineAsync(diagnostic.ToString());
        }

        if (result.Document is null)
        {
            await stderr.WriteLineAsync("pipelineguard: no SBOM written.");
            return result.IsUsageError ? ExitCodes.Usage : ExitCodes.Fail;
        }

        var document = result.Document;
        if (vulnerabilityDatabases is { Count: > 0 })
        {
            // Offline OSV data only: an image's packages are not on a NuGet feed's vulnerability resource.
            var enriched = PipelineGuard.Vulnerabilities.OsvSbomEnricher.Enrich(document, [.. vulnerabilityDatabases.Select(Path.GetFullPath)], [.. (vexFiles ?? []).Select(Path.GetFullPath)], cancellationToken);
            foreach (var error in enriched.Errors)
            {
                await stderr.WriteLineAsync($"pipelineguard: could not check vulnerabilities: {error}");
            }

            if (enriched.Document is null)
            {
                await stderr.WriteLineAsync("pipelineguard: no SBOM written.");
                return ExitCodes.Fail;
            }

            document = epoch is null ? enriched.Document : enriched.Document with { SerialNumber = SbomSerialNumber.FromContent(enriched.Document) };
        }

        if (output is null)
        {
            using var buffer = new MemoryStream();
            SbomWriter.Write(document, buffer, format, spec);
            await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            return ExitCodes.Pass;
        }

        var written = await SbomWriter.WriteFileIfChangedAsync(document, output, format, spec, cancellationToken);
        await stderr.WriteLineAsync($"{(written ? "wrote" : "unchanged")} {output}");
        return ExitCodes.Pass;
    }
}
