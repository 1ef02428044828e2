namespace PipelineGuard.MSBuild;

/// <summary>Where a build finds the signing key's password: the environment only, never a property (properties are logged).</summary>
public static class SigningPassword
{
    /// <summary>The variables read, in order (as the pipelineguard tool reads them).</summary>
    public static IReadOnlyList<string> VariableNames { get; } = ["PIPELINEGUARD_PASSWORD", "COSIGN_PASSWORD"];

    /// <summary>The password from the first variable that is set, or null when none is.</summary>
    public static string? Read()
    {
        foreach (var name in VariableNames)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }
}
