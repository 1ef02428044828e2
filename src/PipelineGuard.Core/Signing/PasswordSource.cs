namespace PipelineGuard.Signing;

/// <summary>
/// Where key passwords come from: <c>PIPELINEGUARD_PASSWORD</c>, then <c>COSIGN_PASSWORD</c> (set but empty means an
/// empty password, as cosign reads it), then the front end's terminal prompt. Never from a command-line flag.
/// </summary>
public sealed class PasswordSource
{
    /// <summary>The first variable read.</summary>
    public const string PipelineGuardVariable = "PIPELINEGUARD_PASSWORD";

    /// <summary>The second variable read, cosign's.</summary>
    public const string CosignVariable = "COSIGN_PASSWORD";

    private readonly Func<string, string?> _environment;
    private readonly Func<string, bool, string?>? _prompt;

    /// <summary>Creates a source.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="prompt">Asks on a terminal without echo, given the prompt text and whether to ask twice to confirm; returns null when there is no terminal. Null for hosts that cannot prompt (MSBuild, Cake).</param>
    public PasswordSource(Func<string, string?> environment, Func<string, bool, string?>? prompt)
    {
        _environment = environment;
        _prompt = prompt;
    }

    /// <summary>A source reading the process environment, with an optional prompt.</summary>
    public static PasswordSource FromProcessEnvironment(Func<string, bool, string?>? prompt = null) => new(Environment.GetEnvironmentVariable, prompt);

    /// <summary>A fixed password (for hosts that get it from their own secret store).</summary>
    public static PasswordSource Fixed(string password) => new(_ => null, (_, _) => password);

    /// <summary>The password, or why there is none.</summary>
    /// <param name="purpose">What the password is for, shown in the prompt, for example "Enter password for private key".</param>
    /// <param name="confirm">Ask twice on a terminal (for new keys).</param>
    public SigningResult<string> GetPassword(string purpose, bool confirm = false)
    {
        foreach (var variable in new[] { PipelineGuardVariable, CosignVariable })
        {
            var value = _environment(variable);
            if (value is not null)
            {
                return SigningResult<string>.Success(value);
            }
        }

        var prompted = _prompt?.Invoke(purpose, confirm);
        return prompted is null
            ? SigningResult<string>.Failure($"no key password: set {PipelineGuardVariable} (or {CosignVariable}), or run on a terminal to be asked")
            : SigningResult<string>.Success(prompted);
    }

    /// <inheritdoc />
    public override string ToString() => "PasswordSource";
}
