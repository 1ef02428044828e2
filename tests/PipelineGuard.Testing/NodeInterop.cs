namespace PipelineGuard.Testing;

/// <summary>
/// Runs a script of <c>tests/interop</c> with node, against the third-party verifiers pinned in its
/// <c>package-lock.json</c> (<c>@sigstore/verify</c>, <c>@cyclonedx/cyclonedx-library</c>, ajv).
/// The Test target installs them with <c>npm ci</c>; a missing install fails the test, never skips it.
/// </summary>
public static class NodeInterop
{
    /// <summary>Runs <c>node tests/interop/SCRIPT ARGS...</c> and returns what it printed and its exit code.</summary>
    public static async Task<ProcessResult> RunAsync(string script, params string[] arguments)
    {
        var node = ProcessRunner.Require("node", "install Node.js (Debian package nodejs)");
        var modules = Path.Combine(RepositoryPaths.Interop, "node_modules");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"{modules} is missing: run 'npm ci' in tests/interop (the Test target does it).");
        }

        var scriptPath = Path.Combine(RepositoryPaths.Interop, script);
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException($"No interop script {scriptPath}.");
        }

        return await ProcessRunner.RunAsync(node, [scriptPath, .. arguments], RepositoryPaths.Interop, timeout: TimeSpan.FromMinutes(2));
    }
}
