using PipelineGuard.Signing;

namespace PipelineGuard.Provenance;

/// <summary>A public key as named in the policy (or on the command line), loaded for verification.</summary>
/// <param name="Name">The name evidence refers to (the path as written).</param>
/// <param name="Verifier">The loaded key.</param>
public sealed record TrustedKey(string Name, IVerifier Verifier)
{
    /// <summary>Loads every key file in <paramref name="names"/>, resolving each with <paramref name="resolve"/>; the first failure is returned as an error.</summary>
    public static async Task<(IReadOnlyList<TrustedKey> Keys, string? Error)> LoadAsync(IEnumerable<string> names, Func<string, string> resolve, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(resolve);
        var keys = new List<TrustedKey>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var path = resolve(name);
            if (!File.Exists(path))
            {
                return ([], $"public key {name} not found ({path})");
            }

            var read = await PublicKeyReader.ReadFileAsync(path, cancellationToken);
            if (!read.Succeeded)
            {
                return ([], $"public key {name}: {read.Error}");
            }

            keys.Add(new TrustedKey(name, read.Value));
        }

        return (keys, null);
    }
}
