namespace PipelineGuard.Gate;

/// <summary>A problem in a policy file, naming the file, the line and column, and the field.</summary>
/// <param name="File">The policy file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Field">The field's path (<c>baseImages.signature.keys[0]</c>), or empty for the document.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record PolicyDiagnostic(string File, int Line, int Column, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0
        ? $"{File}:{Line}:{Column}: {Message}"
        : $"{File}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>A loaded policy, or the diagnostics that stopped it loading; never both.</summary>
/// <param name="Policy">The policy, when there were no diagnostics.</param>
/// <param name="Diagnostics">Every problem found.</param>
public sealed record PolicyLoadResult(GatePolicy? Policy, IReadOnlyList<PolicyDiagnostic> Diagnostics)
{
    /// <summary>Things the policy should change that do not stop it loading (a retired rule id), each naming the field.</summary>
    public IReadOnlyList<PolicyDiagnostic> Warnings { get; init; } = [];

    /// <summary>Whether the policy loaded.</summary>
    public bool Success => Policy is not null;
}
