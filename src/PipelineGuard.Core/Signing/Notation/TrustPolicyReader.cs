using System.Text.Json;

namespace PipelineGuard.Signing.Notation;

/// <summary>
/// Reads Notation's OCI trust policy (<c>trustpolicy.json</c> or <c>trustpolicy.oci.json</c>, version 1.0) and checks
/// it as the trust store and trust policy specification requires (OCI Trust Policy Constraints, Trusted Identities Constraints).
/// </summary>
public static class TrustPolicyReader
{
    /// <summary>Trust policies bigger than this are refused.</summary>
    public const int MaximumSize = 1024 * 1024;

    private static readonly string[] StoreTypes = ["ca", "signingAuthority", "tsa"];
    private static readonly string[] MandatoryIdentityAttributes = ["C", "ST", "O"];

    /// <summary>Reads the file; returns the policy, or the errors (never both).</summary>
    public static (TrustPolicyDocument? Policy, IReadOnlyList<TrustPolicyError> Errors) ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, [new TrustPolicyError(path, "(file)", "the trust policy file does not exist", "pass the path of a trustpolicy.json or trustpolicy.oci.json")]);
            }
            if (info.Length > MaximumSize)
            {
                return (null, [new TrustPolicyError(path, "(file)", $"the file is larger than {MaximumSize} bytes", "pass a trust policy file")]);
            }
            // Regular files only: a FIFO or a device is refused instead of blocking the run.
            return Parse(IO.InputFile.ReadAllBytes(path, MaximumSize), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [new TrustPolicyError(path, "(file)", "cannot be read: " + ex.Message, "check the path and its permissions")]);
        }
    }

    /// <summary>Parses a trust policy document; returns the policy, or the errors (never both).</summary>
    /// <param name="json">The document.</param>
    /// <param name="source">Its file name or description, for messages.</param>
    public static (TrustPolicyDocument? Policy, IReadOnlyList<TrustPolicyError> Errors) Parse(ReadOnlyMemory<byte> json, string source)
    {
        var errors = new List<TrustPolicyError>();
        void Error(string field, string problem, string fix) => errors.Add(new TrustPolicyError(source, field, problem, fix));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return (null, [new TrustPolicyError(source, $"line {ex.LineNumber + 1}", "not valid JSON: " + ex.Message, "fix the JSON syntax")]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new TrustPolicyError(source, "(document)", "the trust policy is not a JSON object", "write {\"version\": \"1.0\", \"trustPolicies\": [...]}")]);
            }
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "1.0")
            {
                Error("version", "must be \"1.0\"", "set \"version\": \"1.0\"");
            }
            if (!root.TryGetProperty("trustPolicies", out var policies) || policies.ValueKind != JsonValueKind.Array || policies.GetArrayLength() == 0)
            {
                Error("trustPolicies", "must be a non-empty array of statements", "add at least one trust policy statement");
                return (null, errors);
            }

            var statements = new List<TrustPolicyStatement>();
            var names = new Dictionary<string, int>(StringComparer.Ordinal);
            var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in policies.EnumerateArray())
            {
                var at = $"trustPolicies[{index}]";
                var statement = ReadStatement(element, at, index, Error);
                if (statement is not null)
                {
                    if (names.TryGetValue(statement.Name, out var other))
                    {
                        Error(at + ".name", $"'{statement.Name}' is also the name of trustPolicies[{other}]", "give every statement its own name");
                    }
                    names.TryAdd(statement.Name, index);
                    for (var s = 0; s < statement.RegistryScopes.Count; s++)
                    {
                        var scope = statement.RegistryScopes[s];
                        if (scopes.TryGetValue(scope, out var owner))
                        {
                            Error($"{at}.registryScopes[{s}]", $"scope '{scope}' overlaps with statement '{owner}' (a registry scope may appear in one statement only)", "remove the scope from one of the statements");
                        }
                        scopes.TryAdd(scope, statement.Name);
                    }
                    statements.Add(statement);
                }
                index++;
            }
            return errors.Count == 0 ? (new TrustPolicyDocument(source, statements), []) : (null, errors);
        }
    }

    private static TrustPolicyStatement? ReadStatement(JsonElement element, string at, int index, Action<string, string, string> error)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            error(at, "a statement must be an object", "write {\"name\", \"registryScopes\", \"signatureVerification\", \"trustStores\", \"trustedIdentities\"}");
            return null;
        }
        var failed = false;
        void Fail(string field, string problem, string fix)
        {
            failed = true;
            error(field, problem, fix);
        }

        var name = element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
        if (name.Trim().Length == 0)
        {
            Fail(at + ".name", "a statement needs a non-empty name", "add \"name\"");
        }

        var scopes = StringArray(element, "registryScopes", at, Fail) ?? [];
        if (scopes.Count == 0)
        {
            Fail(at + ".registryScopes", "must list at least one repository (or \"*\")", "add the fully qualified repositories this statement covers, for example \"mcr.microsoft.com/dotnet/aspnet\"");
        }
        if (scopes.Contains("*") && scopes.Count > 1)
        {
            Fail(at + ".registryScopes", "\"*\" must be the only scope of its statement", "move the other scopes to a statement of their own");
        }
        for (var s = 0; s < scopes.Count; s++)
        {
            var problem = ScopeProblem(scopes[s]);
            if (problem is not null)
            {
                Fail($"{at}.registryScopes[{s}]", $"'{scopes[s]}' {problem}", "write the repository as registry/namespace/repo, without tag or digest, for example \"docker.io/library/nginx\"");
            }
        }

        var settings = ReadVerification(element, at, Fail);

        var storeNames = new List<TrustStoreName>();
        var stores = StringArray(element, "trustStores", at, Fail) ?? [];
        for (var s = 0; s < stores.Count; s++)
        {
            var parts = stores[s].Split(':', 2);
            if (parts.Length != 2 || !StoreTypes.Contains(parts[0], StringComparer.Ordinal) || parts[1].Length == 0 || !parts[1].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                Fail($"{at}.trustStores[{s}]", $"'{stores[s]}' is not TYPE:NAME with TYPE ca, signingAuthority or tsa and NAME of letters, digits, '_', '.', '-'", "write for example \"ca:my-store\"");
                continue;
            }
            storeNames.Add(new TrustStoreName(parts[0], parts[1]));
        }

        var identities = StringArray(element, "trustedIdentities", at, Fail) ?? [];
        var anyIdentity = identities.Contains("*");
        var subjects = new List<DistinguishedName>();
        if (anyIdentity && identities.Count > 1)
        {
            Fail(at + ".trustedIdentities", "\"*\" must be the only trusted identity of its statement", "remove the other identities or the \"*\"");
        }
        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i];
            if (identity == "*")
            {
                continue;
            }
            var colon = identity.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                Fail($"{at}.trustedIdentities[{i}]", $"'{identity}' has no identity type prefix", "write \"x509.subject: C=US, ST=WA, O=Example, CN=Signer\" or \"*\"");
                continue;
            }
            if (identity[..colon] != "x509.subject")
            {
                // Other identity types belong to plugins; Notation ignores them for x509 verification.
                continue;
            }
            if (!DistinguishedName.TryParse(identity[(colon + 1)..].Trim(), out var dn, out var problem))
            {
                Fail($"{at}.trustedIdentities[{i}]", $"'{identity}' is not a distinguished name: {problem}", "write the subject as C=..., ST=..., O=..., CN=...");
                continue;
            }
            var missing = MandatoryIdentityAttributes.Where(t => !dn.Has(t)).ToList();
            if (missing.Count > 0)
            {
                Fail($"{at}.trustedIdentities[{i}]", $"'{identity}' lacks {string.Join(", ", missing)} (C, ST or S, and O are mandatory)", "add the missing attributes of the signing certificate's subject");
                continue;
            }
            var overlapping = subjects.FindIndex(other => other.IsSubsetOf(dn) || dn.IsSubsetOf(other));
            if (overlapping >= 0)
            {
                Fail($"{at}.trustedIdentities[{i}]", $"'{identity}' overlaps with another identity of the statement (one is a subset of the other)", "keep only the broader or the narrower identity");
                continue;
            }
            subjects.Add(dn);
        }

        if (settings is { Level: VerificationLevel.Skip })
        {
            if (storeNames.Count > 0 || identities.Count > 0)
            {
                Fail(at, "level \"skip\" must not name trustStores or trustedIdentities", "remove them, or choose another level");
            }
            if (scopes.Contains("*"))
            {
                Fail(at + ".registryScopes", "the global scope \"*\" must not skip verification", "list the repositories to skip explicitly");
            }
        }
        else if (settings is not null)
        {
            if (!storeNames.Any(s => s.Type is "ca" or "signingAuthority"))
            {
                Fail(at + ".trustStores", "names no ca or signingAuthority store", "add for example \"ca:my-store\"");
            }
            if (identities.Count == 0)
            {
                Fail(at + ".trustedIdentities", "is empty", "add \"x509.subject: ...\" identities, or \"*\" to trust any identity the stores vouch for");
            }
            else if (!anyIdentity && subjects.Count == 0 && !failed)
            {
                Fail(at + ".trustedIdentities", "holds no x509.subject identity", "add \"x509.subject: ...\" identities, or \"*\"");
            }
        }

        return failed || settings is null
            ? null
            : new TrustPolicyStatement(name, scopes, settings, storeNames, anyIdentity, subjects, index);
    }

    private static SignatureVerificationSettings? ReadVerification(JsonElement element, string at, Action<string, string, string> fail)
    {
        var field = at + ".signatureVerification";
        if (!element.TryGetProperty("signatureVerification", out var verification) || verification.ValueKind != JsonValueKind.Object)
        {
            fail(field, "is missing or not an object", "add \"signatureVerification\": {\"level\": \"strict\"}");
            return null;
        }
        var levelText = verification.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        VerificationLevel? level = levelText switch
        {
            "strict" => VerificationLevel.Strict,
            "permissive" => VerificationLevel.Permissive,
            "audit" => VerificationLevel.Audit,
            "skip" => VerificationLevel.Skip,
            _ => null,
        };
        if (level is null)
        {
            fail(field + ".level", $"'{levelText}' is not strict, permissive, audit or skip", "choose one of the four levels");
            return null;
        }
        var overrides = new Dictionary<NotationValidation, ValidationAction>();
        var ok = true;
        if (verification.TryGetProperty("override", out var o))
        {
            if (o.ValueKind != JsonValueKind.Object)
            {
                fail(field + ".override", "must be an object", "write for example {\"revocation\": \"log\"}");
                return null;
            }
            if (level == VerificationLevel.Skip)
            {
                fail(field + ".override", "level \"skip\" cannot be customised", "remove \"override\"");
                return null;
            }
            foreach (var property in o.EnumerateObject())
            {
                NotationValidation? validation = property.Name switch
                {
                    "authenticity" => NotationValidation.Authenticity,
                    "authenticTimestamp" => NotationValidation.AuthenticTimestamp,
                    "expiry" => NotationValidation.Expiry,
                    "revocation" => NotationValidation.Revocation,
                    _ => null,
                };
                var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (validation is null)
                {
                    fail($"{field}.override.{property.Name}", property.Name == "integrity" ? "integrity cannot be overridden" : $"'{property.Name}' is not a validation", "override authenticity, authenticTimestamp, expiry or revocation");
                    ok = false;
                    continue;
                }
                ValidationAction? action = value switch
                {
                    "enforce" => ValidationAction.Enforce,
                    "log" => ValidationAction.Log,
                    "skip" when validation == NotationValidation.Revocation => ValidationAction.Skip,
                    _ => null,
                };
                if (action is null)
                {
                    fail($"{field}.override.{property.Name}", $"'{value}' is not allowed", validation == NotationValidation.Revocation ? "use enforce, log or skip" : "use enforce or log");
                    ok = false;
                    continue;
                }
                overrides[validation.Value] = action.Value;
            }
        }
        var always = true;
        if (verification.TryGetProperty("verifyTimestamp", out var vt))
        {
            switch (vt.ValueKind == JsonValueKind.String ? vt.GetString() : null)
            {
                case "always":
                    break;
                case "afterCertExpiry":
                    always = false;
                    break;
                default:
                    fail(field + ".verifyTimestamp", $"'{vt}' is not always or afterCertExpiry", "use \"always\" (the default) or \"afterCertExpiry\"");
                    ok = false;
                    break;
            }
        }
        return ok ? new SignatureVerificationSettings(level.Value, overrides, always) : null;
    }

    private static List<string>? StringArray(JsonElement element, string name, string at, Action<string, string, string> fail)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            fail($"{at}.{name}", "must be an array of strings", $"write \"{name}\": [\"...\"]");
            return null;
        }
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static string? ScopeProblem(string scope)
    {
        if (scope == "*")
        {
            return null;
        }
        if (scope.Contains('*', StringComparison.Ordinal))
        {
            return "uses a wildcard; only \"*\" alone is allowed";
        }
        if (scope.Contains('@', StringComparison.Ordinal))
        {
            return "has a digest";
        }
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == scope.Length - 1)
        {
            return "is not fully qualified (registry/repository)";
        }
        if (scope[(slash + 1)..].Contains(':', StringComparison.Ordinal))
        {
            return "has a tag";
        }
        if (scope.Any(char.IsWhiteSpace) || scope.EndsWith('/'))
        {
            return "is not a repository name";
        }
        return null;
    }
}
