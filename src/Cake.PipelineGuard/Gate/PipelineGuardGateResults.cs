using Cake.Core.IO;
using PipelineGuard.Gate;
using PipelineGuard.Provenance;

namespace Cake.PipelineGuard;

/// <summary>What <c>PipelineGuardGate</c> or <c>PipelineGuardCheckBaseImages</c> decided.</summary>
public sealed class PipelineGuardGateResult : PipelineGuardResult
{
    internal PipelineGuardGateResult(GateResult? gate, IReadOnlyList<FilePath> reports, IReadOnlyList<string> errors)
        : base(errors)
    {
        Gate = gate;
        Reports = reports;
    }

    /// <summary>The gate's result (findings, base images with evidence, SBOM summary), or null when the policy could not be loaded.</summary>
    public GateResult? Gate { get; }

    /// <summary>Whether the gate passed.</summary>
    public bool Passed => Gate?.Passed == true;

    /// <summary>The reports written.</summary>
    public IReadOnlyList<FilePath> Reports { get; }
}

/// <summary>What <c>PipelineGuardPin</c> did.</summary>
public sealed class PipelineGuardPinResult : PipelineGuardResult
{
    internal PipelineGuardPinResult(PinResult? pin, bool written, IReadOnlyList<string> errors)
        : base(errors)
    {
        Pin = pin;
        Written = written;
    }

    /// <summary>The changes, the original and the pinned text; null when the Dockerfile could not be read.</summary>
    public PinResult? Pin { get; }

    /// <summary>Whether the Dockerfile was rewritten.</summary>
    public bool Written { get; }
}
