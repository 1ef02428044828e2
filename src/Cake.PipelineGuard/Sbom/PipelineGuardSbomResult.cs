using Cake.Core.IO;
using PipelineGuard.Sbom;

namespace Cake.PipelineGuard;

/// <summary>What <see cref="PipelineGuardAliases.PipelineGuardSbom(Cake.Core.ICakeContext, FilePath, PipelineGuardSbomSettings)"/> produced.</summary>
public sealed class PipelineGuardSbomResult : PipelineGuardResult
{
    internal PipelineGuardSbomResult(IReadOnlyList<PipelineGuardSbomFile> files, IReadOnlyList<SbomDiagnostic> diagnostics, IReadOnlyList<string> errors)
        : base(errors)
    {
        Files = files;
        Diagnostics = diagnostics;
    }

    /// <summary>The SBOMs made, one per project (or one merged); empty when it failed (no partial output).</summary>
    public IReadOnlyList<PipelineGuardSbomFile> Files { get; }

    /// <summary>Warnings and errors met while making them, each naming its file.</summary>
    public IReadOnlyList<SbomDiagnostic> Diagnostics { get; }
}

/// <summary>One SBOM written.</summary>
/// <param name="Path">The file.</param>
/// <param name="Name">The project (or solution) it describes.</param>
/// <param name="Components">How many components it lists.</param>
/// <param name="Written">False when the file already held the same content and was left alone.</param>
public sealed record PipelineGuardSbomFile(FilePath Path, string Name, int Components, bool Written);
