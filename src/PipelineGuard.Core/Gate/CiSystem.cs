namespace PipelineGuard.Gate;

/// <summary>The CI system the gate runs in, which decides the annotation syntax.</summary>
public enum CiSystem
{
    /// <summary>None recognised: plain <c>file:line:col: severity RULE: message</c> lines.</summary>
    None,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>): workflow commands.</summary>
    GitHubActions,

    /// <summary>GitLab CI (<c>GITLAB_CI=true</c>): log lines plus a Code Quality report.</summary>
    GitLab,

    /// <summary>Azure Pipelines (<c>TF_BUILD=True</c>): logging commands.</summary>
    AzurePipelines,

    /// <summary>
    /// MSBuild (asked for, never detected): canonical <c>path(line,col): error RULE: message</c> lines, which MSBuild's
    /// Exec task turns into build errors and warnings.
    /// </summary>
    MSBuild,
}

/// <summary>Recognises the CI system from its environment variables.</summary>
public static class CiDetector
{
    /// <summary>The CI system named by <paramref name="environment"/> (a variable lookup, so tests pass their own).</summary>
    public static CiSystem Detect(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (IsTrue(environment("GITHUB_ACTIONS")))
        {
            return CiSystem.GitHubActions;
        }

        if (IsTrue(environment("GITLAB_CI")))
        {
            return CiSystem.GitLab;
        }

        return IsTrue(environment("TF_BUILD")) ? CiSystem.AzurePipelines : CiSystem.None;
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
