using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using PipelineGuard.Sbom;
using PipelineGuard.Sbom.DotNet;
using Directory = System.IO.Directory;
using Path = System.IO.Path;

namespace Cake.PipelineGuard;

public static partial class PipelineGuardAliases
{
    /// <summary>Writes the SBOM of a restored project or solution (CycloneDX 1.6/1.7 JSON or XML, SPDX 2.3 JSON) into the working directory.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="project">A project, a solution, a directory holding one, or a <c>project.assets.json</c>.</param>
    /// <returns>The files written.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("SBOM")]
    public static PipelineGuardSbomResult PipelineGuardSbom(this ICakeContext context, FilePath project) => PipelineGuardSbom(context, project, new PipelineGuardSbomSettings());

    /// <summary>Writes the SBOM of a restored project or solution (CycloneDX 1.6/1.7 JSON or XML, SPDX 2.3 JSON).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="project">A project, a solution, a directory holding one, or a <c>project.assets.json</c>.</param>
    /// <param name="settings">Where and how to write it.</param>
    /// <returns>The files written, or the diagnostics that stopped them (nothing is written then).</returns>
    /// <example>
    /// <code>
    /// PipelineGuardSbom("./src/App/App.csproj", new PipelineGuardSbomSettings()
    ///     .WithOutputFile("./artifacts/App.cdx.json")
    ///     .WithExcludeDevelopmentDependencies());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("SBOM")]
    public static PipelineGuardSbomResult PipelineGuardSbom(this ICakeContext context, FilePath project, PipelineGuardSbomSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "sbom";

        var epoch = settings.SourceDateEpoch;
        if (epoch is null)
        {
            if (!SourceDateEpoch.TryParse(context.Environment.GetEnvironmentVariable(SourceDateEpoch.VariableName), out epoch, out var epochError))
            {
                return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSbomResult([], [], [epochError]));
            }
        }

        var (input, error) = SbomInputResolver.Resolve(CakePaths.Full(context, project));
        if (input is null)
        {
            AliasOutcome.Write(context, LogLevel.Error, error!.ToString());
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSbomResult([], [error], [error.ToString()]));
        }

        var options = input.Projects.Select(p => new ProjectSbomOptions
        {
            AssetsFile = p.AssetsFile,
            ProjectFile = p.ProjectFile,
            Framework = settings.Framework,
            RuntimeIdentifier = string.IsNullOrEmpty(settings.Runtime) ? null : settings.Runtime,
            ExcludeDevelopmentDependencies = settings.ExcludeDevelopmentDependencies,
            SourceDateEpoch = epoch,
        }).ToList();

        // Make every document before writing any, so a failure leaves no partial output.
        var results = new List<(string Name, ProjectSbomResult Result)>();
        if (!input.IsSolution || settings.Merge)
        {
            var result = input.IsSolution ? ProjectSbomGenerator.GenerateMerged(options, input.Name) : ProjectSbomGenerator.Generate(options[0]);
            results.Add((input.IsSolution ? input.Name : result.Document?.Metadata.Component?.Name ?? input.Name, result));
        }
        else
        {
            results.AddRange(input.Projects.Zip(options, (p, o) => (p.Name, ProjectSbomGenerator.Generate(o))));
        }

        var diagnostics = results.SelectMany(r => r.Result.Diagnostics).ToList();
        foreach (var diagnostic in diagnostics)
        {
            AliasOutcome.Write(context, diagnostic.Severity == SbomDiagnosticSeverity.Error ? LogLevel.Error : LogLevel.Warning, diagnostic.ToString());
        }

        if (results.Any(r => !r.Result.Succeeded))
        {
            var errors = diagnostics.Where(d => d.Severity == SbomDiagnosticSeverity.Error).Select(d => d.ToString()).DefaultIfEmpty("no SBOM could be made").ToList();
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSbomResult([], diagnostics, errors));
        }

        var several = results.Count > 1 || (input.IsSolution && !settings.Merge);
        if (several && settings.OutputFile is not null)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSbomResult([], diagnostics, [$"{input.Name} gives {results.Count} SBOMs: set OutputDirectory (or Merge) instead of OutputFile"]));
        }

        var directory = settings.OutputDirectory is null ? context.Environment.WorkingDirectory.FullPath : CakePaths.Full(context, settings.OutputDirectory);
        var files = new List<PipelineGuardSbomFile>();
        try
        {
            foreach (var (name, result) in results)
            {
                var path = settings.OutputFile is null ? Path.Combine(directory, name + SbomWriter.Extension(settings.Format)) : CakePaths.Full(context, settings.OutputFile);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var written = SbomWriter.WriteFileIfChangedAsync(result.Document!, path, settings.Format, settings.SpecVersion).GetAwaiter().GetResult();
                files.Add(new PipelineGuardSbomFile(new FilePath(path), name, result.Document!.Components.Count, written));
                AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard sbom: {(written ? "wrote" : "unchanged")} {path} ({result.Document.Components.Count} components)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSbomResult(files, diagnostics, [$"cannot write the SBOM: {e.Message}"]));
        }

        return new PipelineGuardSbomResult(files, diagnostics, []);
    }
}
