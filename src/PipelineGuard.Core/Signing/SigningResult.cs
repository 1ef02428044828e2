using System.Diagnostics.CodeAnalysis;

namespace PipelineGuard.Signing;

// Success/Failure factories on the generic type read better at call sites than a separate non-generic factory class.
#pragma warning disable CA1000

/// <summary>A value, or the reason it could not be produced. Errors the user can cause are results, not exceptions.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed record SigningResult<T>
{
    private SigningResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; only meaningful when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Why it failed, in words for the user; null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether a value was produced; when true the compiler knows <see cref="Value"/> is set, when false that <see cref="Error"/> is.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static SigningResult<T> Success(T value) => new(value, null);

    /// <summary>A failure with a message for the user.</summary>
    public static SigningResult<T> Failure(string error) => new(default, error);

    /// <summary>The value, or an <see cref="InvalidOperationException"/> with the error (for callers that already checked).</summary>
    public T GetValueOrThrow() => Succeeded ? Value : throw new InvalidOperationException(Error);
}
#pragma warning restore CA1000
