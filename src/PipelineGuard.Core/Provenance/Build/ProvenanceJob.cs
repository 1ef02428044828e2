using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PipelineGuard.Signing;

namespace PipelineGuard.Provenance.Build;

/// <summary>What <c>pipelineguard provenance</c> (and the front ends) ask for.</summary>
public sealed record ProvenanceJobOptions
{
    /// <summary>The subjects: files (named by their file name, with their SHA-256) or images as <c>NAME@sha256:HEX</c>.</summary>
    public required IReadOnlyList<string> Subjects { get; init; }

    /// <summary>Where the in-toto Statement is written.</summary>
    public required string OutputPath { get; init; }

    /// <summary>A CycloneDX JSON SBOM whose NuGet packages become resolved dependencies, with their SHA-512.</summary>
    public string? SbomPath { get; init; }

    /// <summary>Base images (<c>NAME@sha256:HEX</c>) the build used, listed as resolved dependencies.</summary>
    public IReadOnlyList<string> BaseImages { get; init; } = [];

    /// <summary>Explicit values; each wins over what the CI environment or the git checkout says.</summary>
    public string? BuilderId { get; init; }

    /// <inheritdoc cref="BuilderId"/>
    public string? SourceRepository { get; init; }

    /// <inheritdoc cref="BuilderId"/>
    public string? SourceCommit { get; init; }

    /// <inheritdoc cref="BuilderId"/>
    public string? SourceRef { get; init; }

    /// <summary>The folder whose git checkout gives the source of a local build (the current directory by default).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The environment the CI system is read from (the process's when null).</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>The clock for the build times (the system's when null).</summary>
    public TimeProvider? Clock { get; init; }
}

/// <summary>The statement written, or why none was.</summary>
public sealed record ProvenanceJobResult(InTotoStatement? Statement, ProvenanceSource Source, string? Error);

/// <summary>
/// The <c>provenance</c> use case: an in-toto Statement with a SLSA provenance v1 predicate about files or image
/// digests, its fields from the CI system (GitHub Actions, GitLab CI, Azure Pipelines) or, outside one, from the git
/// checkout as a local build; written atomically, or not at all.
/// </summary>
public static class ProvenanceJob
{
    private static readonly Regex ImageSubject = new("^(?<name>[^@\\s]+)@sha256:(?<hex>[0-9a-f]{64})$", RegexOptions.CultureInvariant);

    /// <summary>Runs the job.</summary>
    public static async Task<ProvenanceJobResult> RunAsync(ProvenanceJobOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Subjects.Count == 0)
        {
            return new(null, ProvenanceSource.Explicit, "no subject: name the files or images (NAME@sha256:HEX) the provenance is about");
        }

        var subjects = new List<InTotoSubject>();
        foreach (var subject in options.Subjects)
        {
            if (!File.Exists(subject) && ImageSubject.Match(subject) is { Success: true } image)
            {
                subjects.Add(new InTotoSubject(image.Groups["name"].Value, new Dictionary<string, string> { ["sha256"] = image.Groups["hex"].Value }));
                continue;
            }

            try
            {
                await using var stream = IO.InputFile.OpenRead(subject);
                var hash = Convert.ToHexString(await SHA256.HashDataAsync(stream, cancellationToken)).ToLowerInvariant();
                subjects.Add(new InTotoSubject(Path.GetFileName(subject), new Dictionary<string, string> { ["sha256"] = hash }));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new(null, ProvenanceSource.Explicit, $"{subject}: cannot read the subject ({e.Message}); name a file, or an image as NAME@sha256:HEX");
            }
        }

        var baseImages = new List<BaseImageDependency>();
        foreach (var baseImage in options.BaseImages)
        {
            if (ImageSubject.Match(baseImage) is not { Success: true } match)
            {
                return new(null, ProvenanceSource.Explicit, $"--base-image '{baseImage}': give the image pinned as NAME@sha256:HEX (64 lower-case hex digits)");
            }

            baseImages.Add(new BaseImageDependency(match.Groups["name"].Value, "sha256:" + match.Groups["hex"].Value));
        }

        IReadOnlyList<NuGetDependency> packages = [];
        if (options.SbomPath is { } sbomPath)
        {
            byte[] sbom;
            try
            {
                sbom = await IO.InputFile.ReadAllBytesAsync(sbomPath, 256 * 1024 * 1024, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new(null, ProvenanceSource.Explicit, $"{sbomPath}: cannot read the SBOM: {e.Message}");
            }

            var read = SlsaProvenanceGenerator.ReadNuGetPackagesFromCycloneDx(sbom);
            if (!read.Succeeded)
            {
                return new(null, ProvenanceSource.Explicit, $"{sbomPath}: {read.Error}");
            }

            packages = read.Value!;
        }

        var git = GitCheckout.Find(options.WorkingDirectory ?? System.Environment.CurrentDirectory);
        var generator = new SlsaProvenanceGenerator(options.Environment, options.Clock);
        var generated = generator.Generate(new SlsaProvenanceOptions
        {
            BuilderId = options.BuilderId,
            SourceRepository = options.SourceRepository,
            SourceCommit = options.SourceCommit,
            SourceRef = options.SourceRef,
            LocalCheckout = git,
            BaseImages = baseImages,
            NuGetPackages = packages,
            AllowLocalBuild = true,
        });
        if (!generated.Succeeded)
        {
            return new(null, ProvenanceSource.Explicit, generated.Error);
        }

        var statement = generated.Value!.ToStatement(subjects);
        try
        {
            await IO.AtomicFile.WriteAsync(options.OutputPath, statement.ToJson(), cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, generated.Value.Source, $"{options.OutputPath}: cannot write the provenance: {e.Message}");
        }

        return new(statement, generated.Value.Source, null);
    }
}
