using Microsoft.Build.Framework;
using PipelineGuard.Signing;

namespace PipelineGuard.MSBuild;

/// <summary>
/// Signs files with a cosign-compatible key and writes a Sigstore bundle beside each, <c>&lt;file&gt;.sigstore.json</c>.
/// The key's password comes from PIPELINEGUARD_PASSWORD, then COSIGN_PASSWORD; a build never prompts.
/// </summary>
public sealed class SignFiles : PipelineGuardTask
{
    /// <summary>The files to sign.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>The private key file, <c>$(PipelineGuardSigningKey)</c>.</summary>
    [Required]
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>The bundles written.</summary>
    [Output]
    public ITaskItem[] Bundles { get; set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(KeyFile))
        {
            Log.LogError(null, "PGMSB010", null, null, 0, 0, 0, 0, $"PipelineGuardSigningKey '{KeyFile}' does not exist. Make a key with 'pipelineguard generate-key-pair' and point the property at its .key file.");
            return false;
        }

        if (SigningPassword.Read() is null)
        {
            Log.LogError(null, "PGMSB011", null, KeyFile, 0, 0, 0, 0, $"No password for the signing key: set {string.Join(" or ", SigningPassword.VariableNames)} in the environment of the build (an empty value means a key without password).");
            return false;
        }

        // No prompt: a build has no terminal to ask on.
        var passwords = PasswordSource.FromProcessEnvironment(prompt: null);
        var bundles = new List<ITaskItem>();
        foreach (var file in Files)
        {
            var path = file.GetMetadata("FullPath");
            var bundle = path + ".sigstore.json";
            var result = BlobSigning.SignAsync(new SignBlobOptions(path, KeyFile, bundle), passwords, CancellationToken).GetAwaiter().GetResult();
            if (!result.Succeeded)
            {
                Log.LogError(null, "PGMSB012", null, path, 0, 0, 0, 0, $"Could not sign: {result.Error}");
                return false;
            }

            bundles.Add(new Microsoft.Build.Utilities.TaskItem(bundle));
            LogWork($"signed {Path.GetFileName(path)} -> {bundle}");
        }

        Bundles = [.. bundles];
        return true;
    }
}
