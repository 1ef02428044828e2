using PipelineGuard.Signing;
using PipelineGuard.Signing.Keyless;

namespace PipelineGuard.Provenance;

/// <summary>A keyless identity as named in the policy, resolved for verification (identity policy and trusted root loaded).</summary>
/// <param name="Name">The name evidence refers to (<see cref="KeylessIdentity.Name"/>).</param>
/// <param name="Options">What <see cref="KeylessVerifier"/> checks.</param>
public sealed record TrustedIdentity(string Name, KeylessVerificationOptions Options)
{
    /// <summary>
    /// Resolves every identity of <paramref name="identities"/>, reading each trusted root file once (paths resolved with
    /// <paramref name="resolve"/>); the first failure is returned as an error naming the identity and the file.
    /// </summary>
    public static (IReadOnlyList<TrustedIdentity> Identities, string? Error) Load(IEnumerable<KeylessIdentity> identities, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(resolve);
        var roots = new Dictionary<string, TrustedRoot>(StringComparer.Ordinal);
        var resolved = new List<TrustedIdentity>();
        foreach (var identity in identities.Distinct())
        {
            var root = TrustedRoot.PublicGood;
            if (identity.TrustedRoot is { } name)
            {
                var path = resolve(name);
                if (!roots.TryGetValue(path, out root!))
                {
                    if (!File.Exists(path))
                    {
                        return ([], $"trusted root {name} of identity {identity.Name} not found ({path})");
                    }

                    var read = TrustedRootReader.ReadFile(path);
                    if (!read.Succeeded)
                    {
                        return ([], $"trusted root {name} of identity {identity.Name}: {read.Error}");
                    }

                    root = read.Value!;
                    roots[path] = root;
                }
            }

            var policy = CertificateIdentityPolicy.Create(identity.Subject, identity.SubjectRegExp, identity.Issuer, identity.IssuerRegExp, identity.GitHub);
            if (!policy.Succeeded)
            {
                return ([], $"identity {identity.Name}: {policy.Error}");
            }

            resolved.Add(new TrustedIdentity(identity.Name, new KeylessVerificationOptions(root, policy.Value!, identity.InsecureIgnoreTlog, identity.InsecureIgnoreSct)));
        }

        return (resolved, null);
    }
}
