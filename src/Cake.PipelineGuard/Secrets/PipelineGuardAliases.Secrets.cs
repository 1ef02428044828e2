using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using PipelineGuard.Oci;
using PipelineGuard.Secrets;
using Path = Cake.Core.IO.Path;

namespace Cake.PipelineGuard;

public static partial class PipelineGuardAliases
{
    /// <summary>Scans a folder, a file or a package (<c>.nupkg</c>, <c>.zip</c>) for secrets.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">The folder, file or package.</param>
    /// <returns>The findings.</returns>
    [CakeMethodAlias]
    [CakeAliasCategory("Secrets")]
    public static PipelineGuardSecretsResult PipelineGuardSecrets(this ICakeContext context, Path path) => PipelineGuardSecrets(context, path, new PipelineGuardSecretsSettings());

    /// <summary>
    /// Scans for secrets, as <c>pipelineguard secrets</c> does: a folder, a file, a package entry by entry, a folder as a
    /// Dockerfile's build context (<see cref="PipelineGuardSecretsSettings.Dockerfile"/>), or an image
    /// (<see cref="PipelineGuardSecretsSettings.Image"/>; the path is then ignored). Each finding is logged as a
    /// canonical error showing the rule, a redacted preview and the fingerprint, never the secret; the alias fails when
    /// a secret is found or the scan could not look at everything.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">The folder, file or package.</param>
    /// <param name="settings">The options.</param>
    /// <returns>The findings.</returns>
    /// <example>
    /// <code>
    /// PipelineGuardSecrets(File("./artifacts/packages/App.1.0.0.nupkg"), new PipelineGuardSecretsSettings().WithReport("./artifacts/secrets.sarif"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Secrets")]
    public static PipelineGuardSecretsResult PipelineGuardSecrets(this ICakeContext context, Path path, PipelineGuardSecretsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(settings);
        const string verb = "secrets";
        var target = path is DirectoryPath directory ? CakePaths.Full(context, directory) : CakePaths.Full(context, new FilePath(path.FullPath));
        var options = settings.Image is { } image
            ? new SecretsJobOptions { Kind = SecretTargetKind.Image, Target = image, Registry = new RegistryClientOptions { AllowHttp = settings.AllowHttpRegistry } }
            : settings.Dockerfile is { } dockerfile
                ? new SecretsJobOptions { Kind = SecretTargetKind.Context, Target = target, Dockerfile = CakePaths.Full(context, dockerfile) }
                : new SecretsJobOptions { Target = target };
        var job = SecretsJob.RunAsync(options).GetAwaiter().GetResult();
        if (job.Result is not { } result)
        {
            return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSecretsResult(null, [job.Error ?? "the scan could not run"]));
        }

        foreach (var diagnostic in SecretReportWriter.MSBuildDiagnostics(result))
        {
            AliasOutcome.Write(context, LogLevel.Error, diagnostic.ToString());
        }

        if (settings.Report is { } report)
        {
            var file = CakePaths.Full(context, report);
            var form = System.IO.Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".sarif" => SecretReportFormat.Sarif,
                ".json" => SecretReportFormat.Json,
                ".md" => SecretReportFormat.Markdown,
                ".html" or ".htm" => SecretReportFormat.Html,
                _ => SecretReportFormat.Tty,
            };
            var root = global::PipelineGuard.Findings.SourceRoot.Find(result.BaseFolder ?? context.Environment.WorkingDirectory.FullPath, name => context.Environment.GetEnvironmentVariable(name), context.Environment.WorkingDirectory.FullPath);
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            global::PipelineGuard.IO.AtomicFile.Write(file, System.Text.Encoding.UTF8.GetBytes(SecretReportWriter.Write(result, form, root)));
        }

        var errors = job.Passed ? [] : new List<string> { result.Findings.Count > 0 ? $"{result.Findings.Count} secret(s) found in {result.Target}" : $"the scan of {result.Target} is incomplete" };
        AliasOutcome.Write(context, LogLevel.Information, $"pipelineguard secrets: {result.Target}: {result.FilesScanned} file(s) scanned, {result.Findings.Count} secret(s) found, {result.Allowed.Count} allowed");
        return AliasOutcome.Complete(context, settings, verb, new PipelineGuardSecretsResult(result, errors));
    }
}
