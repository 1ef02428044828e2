namespace PipelineGuard.Cli;

/// <summary>Exit codes shared by every verb (DESIGN.md): 0 pass, 1 check failed or could not be completed, 2 usage or configuration error.</summary>
public static class ExitCodes
{
    /// <summary>The check passed.</summary>
    public const int Pass = 0;

    /// <summary>The check failed, or could not be completed (fail closed).</summary>
    public const int Fail = 1;

    /// <summary>The command line or a configuration file was wrong.</summary>
    public const int Usage = 2;
}
