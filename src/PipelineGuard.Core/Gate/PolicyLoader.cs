using System.Globalization;
using System.Text.RegularExpressions;
using PipelineGuard.Findings;
using PipelineGuard.Provenance;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using GitHubWorkflowClaims = PipelineGuard.Signing.Keyless.GitHubWorkflowClaims;

namespace PipelineGuard.Gate;

/// <summary>
/// Reads <c>pipelineguard.yaml</c> through YamlDotNet's representation model, so each error names the file, line and field.
/// Unknown keys are errors (a misspelt rule must not silently switch a check off). Never throws on user input.
/// </summary>
public static class PolicyLoader
{
    /// <summary>The policy file name the gate looks for.</summary>
    public const string DefaultFileName = "pipelineguard.yaml";

    /// <summary>The policy format version this release reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Loads the policy at <paramref name="path"/>.</summary>
    public static PolicyLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = IO.InputFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new PolicyLoadResult(null, [new PolicyDiagnostic(path, 1, 1, string.Empty, $"cannot read the policy file: {e.Message}")]);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? Environment.CurrentDirectory);
    }

    /// <summary>Parses policy text; <paramref name="fileName"/> is used in diagnostics, <paramref name="baseDirectory"/> for relative paths.</summary>
    public static PolicyLoadResult Parse(string text, string fileName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(fileName);
        if (!IO.YamlText.TryLoad(text, out var stream, out var yamlError))
        {
            return new PolicyLoadResult(null, [new PolicyDiagnostic(fileName, yamlError.Line, yamlError.Column, string.Empty, $"not valid YAML: {yamlError.Message}")]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count > 0 ? stream.Documents[0].RootNode.Start : Mark.Empty;
            return new PolicyLoadResult(null, [new PolicyDiagnostic(fileName, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), string.Empty, "the policy must be one YAML mapping (version: 1, baseImages: ..., ...)")]);
        }

        var policy = reader.ReadPolicy(root, fileName, baseDirectory);
        return reader.Diagnostics.Count == 0
            ? new PolicyLoadResult(policy, []) { Warnings = reader.Warnings }
            : new PolicyLoadResult(null, reader.Diagnostics) { Warnings = reader.Warnings };
    }

    private sealed class Reader(string fileName)
    {
        public List<PolicyDiagnostic> Diagnostics { get; } = [];

        public List<PolicyDiagnostic> Warnings { get; } = [];

        public GatePolicy ReadPolicy(YamlMappingNode root, string file, string baseDirectory)
        {
            var fields = Fields(root, string.Empty, "version", "lint", "sbom", "baseImages", "images", "registries", "vulnerabilities", "rules", "exceptions", "licenses", "secrets");
            if (!fields.TryGetValue("version", out var version))
            {
                Error(root, "version", $"missing; write 'version: {CurrentVersion}' at the top");
            }
            else if (Int(version, "version") is { } v && v != CurrentVersion)
            {
                Error(version, "version", $"version {v} is not supported; this release reads version {CurrentVersion}");
            }

            return new GatePolicy
            {
                SourceFile = Path.GetFullPath(file),
                BaseDirectory = baseDirectory,
                Lint = fields.TryGetValue("lint", out var lint) ? ReadLint(lint) : new LintPolicy(),
                Sbom = fields.TryGetValue("sbom", out var sbom) ? ReadSbom(sbom) : new SbomPolicy(),
                BaseImages = fields.TryGetValue("baseImages", out var baseImages) ? ReadBaseImages(baseImages) : new BaseImageRules(),
                Images = fields.TryGetValue("images", out var images) ? ReadImages(images) : new ProducedImageRules(),
                Registries = fields.TryGetValue("registries", out var registries) ? ReadRegistries(registries) : new RegistryPolicy(),
                Licenses = fields.TryGetValue("licenses", out var licenses) ? ReadLicenses(licenses) : new LicensePolicy(),
                Secrets = fields.TryGetValue("secrets", out var secrets) ? ReadSecrets(secrets) : new SecretsPolicy(),
                Vulnerabilities = fields.TryGetValue("vulnerabilities", out var vulnerabilities) ? ReadVulnerabilities(vulnerabilities) : new Vulnerabilities.VulnerabilityPolicy(),
                Rules = fields.TryGetValue("rules", out var rules) ? ReadRules(rules) : new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase),
                Exceptions = fields.TryGetValue("exceptions", out var exceptions) ? ReadExceptions(exceptions) : [],
            };
        }

        private LintPolicy ReadLint(YamlNode node)
        {
            var f = Fields(node, "lint", "enabled", "config", "failureThreshold", "ignore", "trustedRegistries", "dockerfiles");
            var threshold = Get(f, "failureThreshold", n => OneOf(n, "lint.failureThreshold", "error", "warning", "info", "style", "none"));
            return new LintPolicy
            {
                Enabled = Value(f, "enabled", n => Bool(n, "lint.enabled")) ?? true,
                ConfigFile = Get(f, "config", n => String(n, "lint.config")),
                FailureThreshold = threshold ?? "error",
                Ignore = Get(f, "ignore", n => Strings(n, "lint.ignore")) ?? [],
                TrustedRegistries = Get(f, "trustedRegistries", n => Strings(n, "lint.trustedRegistries")) ?? [],
                Dockerfiles = Get(f, "dockerfiles", n => Strings(n, "lint.dockerfiles")) ?? [],
            };
        }

        private SbomPolicy ReadSbom(YamlNode node)
        {
            var f = Fields(node, "sbom", "enabled", "project", "format", "specVersion", "excludeDev");
            return new SbomPolicy
            {
                Enabled = Value(f, "enabled", n => Bool(n, "sbom.enabled")) ?? true,
                Project = Get(f, "project", n => String(n, "sbom.project")),
                Format = Get(f, "format", n => OneOf(n, "sbom.format", [.. Sbom.SbomFormats.Names])) ?? Sbom.SbomFormats.Names[0],
                SpecVersion = Get(f, "specVersion", n => OneOf(n, "sbom.specVersion", [.. Sbom.SbomFormats.SpecVersionNames])) ?? Sbom.SbomFormats.SpecVersionNames[0],
                ExcludeDev = Value(f, "excludeDev", n => Bool(n, "sbom.excludeDev")) ?? false,
            };
        }

        private BaseImageRules ReadBaseImages(YamlNode node)
        {
            const string P = "baseImages";
            var f = Fields(node, P, "allowedRegistries", "allowedRepositories", "requireDigest", "signature", "attestations", "maxAgeDays", "deny");
            IReadOnlyList<string> deniedImages = [];
            IReadOnlyList<string> deniedTags = [];
            if (f.TryGetValue("deny", out var deny))
            {
                var d = Fields(deny, $"{P}.deny", "images", "tags");
                deniedImages = Get(d, "images", n => Strings(n, $"{P}.deny.images")) ?? [];
                deniedTags = Get(d, "tags", n => Strings(n, $"{P}.deny.tags")) ?? [];
            }

            var maxAge = Value(f, "maxAgeDays", n => Int(n, $"{P}.maxAgeDays"));
            if (maxAge is <= 0)
            {
                Error(f["maxAgeDays"], $"{P}.maxAgeDays", "must be a positive number of days");
            }

            return new BaseImageRules
            {
                AllowedRegistries = Get(f, "allowedRegistries", n => Strings(n, $"{P}.allowedRegistries")) ?? [],
                AllowedRepositories = Get(f, "allowedRepositories", n => Strings(n, $"{P}.allowedRepositories")) ?? [],
                RequireDigest = Value(f, "requireDigest", n => Bool(n, $"{P}.requireDigest")) ?? false,
                Signature = Get(f, "signature", n => ReadSignature(n, $"{P}.signature")),
                Attestations = Get(f, "attestations", ReadAttestations) ?? [],
                MaxAgeDays = maxAge,
                DeniedImages = deniedImages,
                DeniedTags = deniedTags,
            };
        }

        private IReadOnlyList<AttestationRequirement> ReadAttestations(YamlNode node)
        {
            const string P = "baseImages.attestations";
            if (node is not YamlSequenceNode sequence)
            {
                Error(node, P, "must be a list of attestation requirements (- type: ..., keys: [...])");
                return [];
            }

            var list = new List<AttestationRequirement>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var path = $"{P}[{i}]";
                var item = sequence.Children[i];
                var f = Fields(item, path, "type", "keys", "identities", "builderIds", "sourceRepositoryPrefixes");
                var type = Get(f, "type", n => String(n, $"{path}.type"));
                if (type is null && item is YamlMappingNode && !f.ContainsKey("type"))
                {
                    Error(item, $"{path}.type", $"missing; name the predicate type, for example {PredicateTypeNames.SlsaV1}");
                }

                if (type is not null)
                {
                    type = PredicateType(f["type"], type, $"{path}.type");
                }

                var (keys, identities) = Trust(item, f, path);
                list.Add(new AttestationRequirement
                {
                    PredicateType = type ?? string.Empty,
                    Keys = keys,
                    Identities = identities,
                    BuilderIds = Get(f, "builderIds", n => Strings(n, $"{path}.builderIds")) ?? [],
                    SourceRepositoryPrefixes = Get(f, "sourceRepositoryPrefixes", n => Strings(n, $"{path}.sourceRepositoryPrefixes")) ?? [],
                });
            }

            return list;
        }

        private ProducedImageRules ReadImages(YamlNode node)
        {
            const string P = "images";
            var f = Fields(node, P, "references", "signature", "sbomAttestation");
            IReadOnlyList<string> sbomKeys = [];
            IReadOnlyList<KeylessIdentity> sbomIdentities = [];
            IReadOnlyList<string>? sbomTypes = null;
            if (f.TryGetValue("sbomAttestation", out var sbom))
            {
                var s = Fields(sbom, $"{P}.sbomAttestation", "keys", "identities", "types");
                (sbomKeys, sbomIdentities) = Trust(sbom, s, $"{P}.sbomAttestation");
                sbomTypes = Get(s, "types", n => Strings(n, $"{P}.sbomAttestation.types"))?
                    .Select((t, i) => PredicateType(s["types"], t, $"{P}.sbomAttestation.types[{i}]") ?? t).ToList();
            }

            var signature = Get(f, "signature", n => ReadSignature(n, $"{P}.signature"));
            var rules = new ProducedImageRules
            {
                References = Get(f, "references", n => Strings(n, $"{P}.references")) ?? [],
                SignatureKeys = signature?.Keys ?? [],
                SignatureIdentities = signature?.Identities ?? [],
                SignatureNotation = signature?.Notation,
                SbomAttestationKeys = sbomKeys,
                SbomAttestationIdentities = sbomIdentities,
            };
            return sbomTypes is { Count: > 0 } ? rules with { SbomPredicateTypes = sbomTypes } : rules;
        }

        /// <summary>
        /// <c>licenses: { allow, deny, unknown }</c>: each entry one SPDX licence (an id, with <c>+</c> or <c>WITH</c> an
        /// exception, or a <c>LicenseRef-</c>); deny entries may also name a family.
        /// </summary>
        private LicensePolicy ReadLicenses(YamlNode node)
        {
            const string P = "licenses";
            var f = Fields(node, P, "allow", "deny", "unknown", "images");
            var unknown = Get(f, "unknown", n => OneOf(n, $"{P}.unknown", "error", "warning", "off"));
            var images = Get(f, "images", n => OneOf(n, $"{P}.images", "none", "produced", "base", "all"));
            return new LicensePolicy
            {
                Enabled = node is YamlMappingNode,
                Allow = Get(f, "allow", n => LicenseList(n, $"{P}.allow", families: false)) ?? [],
                Deny = Get(f, "deny", n => LicenseList(n, $"{P}.deny", families: true)) ?? [],
                Unknown = unknown switch
                {
                    "error" => Severity.Error,
                    "off" => Severity.Off,
                    _ => Severity.Warning,
                },
                Images = images is null ? Vulnerabilities.VulnerabilityImages.None : Enum.Parse<Vulnerabilities.VulnerabilityImages>(images, ignoreCase: true),
            };
        }

        private List<string>? LicenseList(YamlNode node, string path, bool families)
        {
            var list = Strings(node, path);
            if (list is null)
            {
                return null;
            }

            var valid = new List<string>();
            for (var i = 0; i < list.Count; i++)
            {
                var at = node is YamlSequenceNode sequence ? sequence.Children[i] : node;
                if (families && Licenses.LicenseFamilies.Find(list[i]) is not null)
                {
                    valid.Add(list[i]);
                }
                else if (Licenses.LicenseExpression.ParseLeaf(list[i]) is not null)
                {
                    valid.Add(list[i]);
                }
                else
                {
                    var expected = families ? $"an SPDX licence id (GPL-3.0-only, Apache-2.0, GPL-2.0-or-later WITH Classpath-exception-2.0, LicenseRef-...) or a family ({string.Join(", ", Licenses.LicenseFamilies.Names)})" : "an SPDX licence id (MIT, Apache-2.0, GPL-2.0-or-later WITH Classpath-exception-2.0, LicenseRef-...)";
                    var compound = list[i].Contains(" OR ", StringComparison.Ordinal) || list[i].Contains(" AND ", StringComparison.Ordinal) ? "; list the licences one by one, not as an expression" : string.Empty;
                    Error(at, $"{path}[{i}]", $"'{list[i]}' is not {expected}{compound}");
                }
            }

            return valid;
        }

        private Vulnerabilities.VulnerabilityPolicy ReadVulnerabilities(YamlNode node)
        {
            const string P = "vulnerabilities";
            var f = Fields(node, P, "sources", "failOn", "vex", "images");
            var failOn = Get(f, "failOn", n => OneOf(n, $"{P}.failOn", "critical", "high", "medium", "low"));
            var images = Get(f, "images", n => OneOf(n, $"{P}.images", "none", "produced", "base", "all"));
            var sources = Get(f, "sources", n => Strings(n, $"{P}.sources")) ?? [];
            if (f.TryGetValue("sources", out var sourcesNode) && sources.Count == 0)
            {
                Error(sourcesNode, $"{P}.sources", "name at least one OSV folder or zip, or nuget-feed; leave the section out to switch the check off");
            }

            return new Vulnerabilities.VulnerabilityPolicy
            {
                Sources = sources,
                FailOn = failOn is null ? Vulnerabilities.VulnerabilitySeverity.High : Enum.Parse<Vulnerabilities.VulnerabilitySeverity>(failOn, ignoreCase: true),
                Vex = Get(f, "vex", n => Strings(n, $"{P}.vex")) ?? [],
                Images = images is null ? Vulnerabilities.VulnerabilityImages.Produced : Enum.Parse<Vulnerabilities.VulnerabilityImages>(images, ignoreCase: true),
            };
        }

        private RegistryPolicy ReadRegistries(YamlNode node)
        {
            var f = Fields(node, "registries", "allowHttp", "layouts");
            var layouts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (f.TryGetValue("layouts", out var layoutNode))
            {
                if (layoutNode is YamlMappingNode map)
                {
                    foreach (var (key, value) in map.Children)
                    {
                        var name = ((key as YamlScalarNode)?.Value) ?? string.Empty;
                        if (String(value, $"registries.layouts.{name}") is { } dir)
                        {
                            layouts[name] = dir;
                        }
                    }
                }
                else
                {
                    Error(layoutNode, "registries.layouts", "must map image names to OCI layout folders (name: folder)");
                }
            }

            return new RegistryPolicy
            {
                AllowHttp = Get(f, "allowHttp", n => Strings(n, "registries.allowHttp")) ?? [],
                Layouts = layouts,
            };
        }

        private Dictionary<string, RuleSetting> ReadRules(YamlNode node)
        {
            var result = new Dictionary<string, RuleSetting>(StringComparer.OrdinalIgnoreCase);
            if (node is not YamlMappingNode map)
            {
                Error(node, "rules", "must map rule ids or names to a severity (PG3003: warning, require-digest: off)");
                return result;
            }

            var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                var path = $"rules.{key}";
                var id = RuleId(keyNode, key, path);
                if (id is null)
                {
                    continue;
                }

                if (!keys.TryAdd(id, key))
                {
                    Error(keyNode, path, $"'{key}' and '{keys[id]}' both name {id}; set each rule once");
                    continue;
                }

                if (value is YamlScalarNode)
                {
                    if (SeverityOf(value, path) is { } severity)
                    {
                        result[id] = new RuleSetting(severity, null);
                    }

                    continue;
                }

                var f = Fields(value, path, "severity", "couldNotCheck");
                result[id] = new RuleSetting(
                    Value(f, "severity", n => SeverityOf(n, $"{path}.severity")),
                    Value(f, "couldNotCheck", n => SeverityOf(n, $"{path}.couldNotCheck")));
            }

            return result;
        }

        /// <summary><c>secrets: { enabled, context, paths, allow: [{ path, rule, fingerprint, reason, expires }] }</c>; an allow entry names a PG4xxx rule, a fingerprint of 16 to 64 hex digits, or a path.</summary>
        private SecretsPolicy ReadSecrets(YamlNode node)
        {
            const string P = "secrets";
            var f = Fields(node, P, "enabled", "context", "paths", "allow");
            var allow = new List<Secrets.SecretAllowEntry>();
            if (f.TryGetValue("allow", out var allowNode))
            {
                if (allowNode is not YamlSequenceNode sequence)
                {
                    Error(allowNode, $"{P}.allow", "must be a list (- path: ..., rule: ..., fingerprint: ..., reason: ..., expires: YYYY-MM-DD)");
                }
                else
                {
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        var path = $"{P}.allow[{i}]";
                        var item = sequence.Children[i];
                        var e = Fields(item, path, "path", "rule", "fingerprint", "reason", "expires");
                        if (item is not YamlMappingNode)
                        {
                            continue;
                        }

                        var pattern = Get(e, "path", n => NonEmpty(n, $"{path}.path"));
                        var rule = Get(e, "rule", n => String(n, $"{path}.rule"));
                        if (rule is not null && RuleRegistry.Find(rule) is not { Family: RuleFamily.Secrets })
                        {
                            Error(e["rule"], $"{path}.rule", $"'{rule}' is not a secrets rule; name one of PG4001-PG4040 by id or name (docs/secrets.md)");
                        }

                        var fingerprint = Get(e, "fingerprint", n => String(n, $"{path}.fingerprint"));
                        if (fingerprint is not null && fingerprint.StartsWith("sha256:", StringComparison.Ordinal))
                        {
                            fingerprint = fingerprint["sha256:".Length..];
                        }

                        if (fingerprint is not null && (fingerprint.Length is < 16 or > 64 || !fingerprint.All(char.IsAsciiHexDigit)))
                        {
                            Error(e["fingerprint"], $"{path}.fingerprint", "must be the finding's SHA-256 fingerprint (64 hex digits, or at least the first 16), as the reports show it");
                        }

                        if (pattern is null && rule is null && fingerprint is null)
                        {
                            Error(item, path, "name what is allowed: a path, a rule, a fingerprint, or several of them");
                        }

                        var reason = Required(e, item, path, "reason", n => String(n, $"{path}.reason"), "every allowed secret needs a reason");
                        if (reason is { Length: 0 })
                        {
                            Error(e["reason"], $"{path}.reason", "must not be empty");
                        }

                        allow.Add(new Secrets.SecretAllowEntry
                        {
                            Path = pattern,
                            Rule = rule,
                            Fingerprint = fingerprint,
                            Reason = reason ?? string.Empty,
                            Expires = Value(e, "expires", n => Date(n, $"{path}.expires")),
                            Source = $"{Path.GetFileName(fileName)}:{item.Start.Line}",
                        });
                    }
                }
            }

            return new SecretsPolicy
            {
                Enabled = node is YamlMappingNode && (Value(f, "enabled", n => Bool(n, $"{P}.enabled")) ?? true),
                Context = Value(f, "context", n => Bool(n, $"{P}.context")) ?? true,
                Paths = Get(f, "paths", n => Strings(n, $"{P}.paths")) ?? [],
                Allow = allow,
            };
        }

        private List<PolicyExemption> ReadExceptions(YamlNode node)
        {
            var list = new List<PolicyExemption>();
            if (node is not YamlSequenceNode sequence)
            {
                Error(node, "exceptions", "must be a list (- rule: ..., expires: YYYY-MM-DD, reason: ...)");
                return list;
            }

            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var path = $"exceptions[{i}]";
                var item = sequence.Children[i];
                var f = Fields(item, path, "rule", "image", "file", "package", "expires", "reason");
                if (item is not YamlMappingNode)
                {
                    continue;
                }

                var rule = Required(f, item, path, "rule", n => String(n, $"{path}.rule"), "name the rule id (PG3003) or name (require-digest)");
                var ruleId = rule is null ? null : RuleId(f["rule"], rule, $"{path}.rule");
                var expires = Required(f, item, path, "expires", n => Date(n, $"{path}.expires"), "every exception needs an expiry date (YYYY-MM-DD)");
                var reason = Required(f, item, path, "reason", n => String(n, $"{path}.reason"), "every exception needs a reason");
                if (reason is { Length: 0 })
                {
                    Error(f["reason"], $"{path}.reason", "must not be empty");
                }

                if (ruleId is not null && expires is { } date && !string.IsNullOrEmpty(reason))
                {
                    list.Add(new PolicyExemption
                    {
                        Rule = ruleId,
                        Image = Get(f, "image", n => String(n, $"{path}.image")),
                        File = Get(f, "file", n => String(n, $"{path}.file")),
                        Package = Get(f, "package", n => NonEmpty(n, $"{path}.package")),
                        Expires = date,
                        Reason = reason,
                        Line = (int)item.Start.Line,
                    });
                }
            }

            return list;
        }

        private string? RuleId(YamlNode at, string key, string path)
        {
            if (RuleRegistry.Resolve(key) is { } resolved)
            {
                if (resolved.Deprecation is { } deprecation)
                {
                    Warnings.Add(new PolicyDiagnostic(fileName, Math.Max(1, (int)at.Start.Line), Math.Max(1, (int)at.Start.Column), path, deprecation));
                }

                return resolved.Rule.Id;
            }

            Error(at, path, $"unknown rule '{key}'; name a rule by id or name: {string.Join(", ", GateRules.All.Select(r => $"{r.Id} ({r.Name})"))}, a Dockerfile rule (DL3007, PG1003 or verification-disabled; docs/lint-rules.md) or a ShellCheck code (SC2086)");
            return null;
        }

        /// <summary>A predicate type as the policy may write it: a URI or cosign's short name (<c>slsaprovenance1</c>), resolved by the one table.</summary>
        private string? PredicateType(YamlNode at, string written, string path)
        {
            var resolved = Signing.PredicateTypes.Resolve(written);
            if (resolved.Succeeded)
            {
                return resolved.Value;
            }

            Error(at, path, resolved.Error!.Replace("--type ", string.Empty, StringComparison.Ordinal));
            return null;
        }

        /// <summary>
        /// A signature requirement: <c>keys</c>, keyless <c>identities</c>, a <c>notation</c> trust policy, or several (any
        /// one verifying meets it).
        /// </summary>
        private SignatureRequirement ReadSignature(YamlNode node, string path)
        {
            var f = Fields(node, path, "keys", "identities", "notation");
            var notation = Get(f, "notation", n => ReadNotation(n, $"{path}.notation"));
            List<string> keys = [];
            List<KeylessIdentity> identities = [];
            if (!f.ContainsKey("notation") || f.ContainsKey("keys") || f.ContainsKey("identities"))
            {
                (keys, identities) = Trust(node, f, path);
            }

            return new SignatureRequirement(keys) { Identities = identities, Notation = notation };
        }

        /// <summary><c>notation: { trustPolicy, trustStore }</c> or <c>notation: { preset }</c>.</summary>
        private NotationRequirement? ReadNotation(YamlNode node, string path)
        {
            var f = Fields(node, path, "trustPolicy", "trustStore", "preset");
            if (node is not YamlMappingNode)
            {
                return null;
            }

            var trustPolicy = Get(f, "trustPolicy", n => String(n, $"{path}.trustPolicy"));
            var trustStore = Get(f, "trustStore", n => String(n, $"{path}.trustStore"));
            var preset = Get(f, "preset", n => OneOf(n, $"{path}.preset", [.. Signing.Notation.NotationPresets.Names]));
            if (f.ContainsKey("preset"))
            {
                if (f.ContainsKey("trustPolicy") || f.ContainsKey("trustStore"))
                {
                    Error(node, path, "give either 'preset' or 'trustPolicy' with 'trustStore', not both");
                    return null;
                }

                return preset is null ? null : new NotationRequirement { Preset = preset };
            }

            if (!f.ContainsKey("trustPolicy") || !f.ContainsKey("trustStore"))
            {
                Error(node, path, $"needs 'trustPolicy' (a Notation trustpolicy.json) and 'trustStore' (the folder holding x509/), or 'preset' ({string.Join(", ", Signing.Notation.NotationPresets.Names)})");
                return null;
            }

            return trustPolicy is null || trustStore is null ? null : new NotationRequirement { TrustPolicy = trustPolicy, TrustStore = trustStore };
        }

        /// <summary>
        /// Who is trusted to sign: <c>keys</c> (public key files) and <c>identities</c> (keyless signers); at least one of
        /// the two. <paramref name="f"/> are the fields already read from <paramref name="node"/>.
        /// </summary>
        private (List<string> Keys, List<KeylessIdentity> Identities) Trust(YamlNode node, Dictionary<string, YamlNode> f, string path)
        {
            if (node is not YamlMappingNode)
            {
                return ([], []);
            }

            if (!f.ContainsKey("keys") && !f.ContainsKey("identities"))
            {
                Error(node, $"{path}.keys", "missing; list the public key files (PEM) to trust, or keyless signers under 'identities' (issuer and subject, or a preset)");
                return ([], []);
            }

            var keys = new List<string>();
            if (f.TryGetValue("keys", out var keyNode))
            {
                keys = Strings(keyNode, $"{path}.keys") ?? [];
                if (keyNode is YamlSequenceNode { Children.Count: 0 })
                {
                    Error(keyNode, $"{path}.keys", "must list at least one public key file");
                }
            }

            return (keys, f.TryGetValue("identities", out var identities) ? ReadIdentities(identities, $"{path}.identities") : []);
        }

        /// <summary>A list of keyless identities, or one mapping (<c>identities: { preset: chainguard }</c>).</summary>
        private List<KeylessIdentity> ReadIdentities(YamlNode node, string path)
        {
            var list = new List<KeylessIdentity>();
            switch (node)
            {
                case YamlMappingNode single:
                    list.AddRange(ReadIdentity(single, path));
                    break;
                case YamlSequenceNode { Children.Count: 0 }:
                    Error(node, path, "must list at least one keyless identity (- issuer: ..., subject: ...) or preset");
                    break;
                case YamlSequenceNode sequence:
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        list.AddRange(ReadIdentity(sequence.Children[i], $"{path}[{i}]"));
                    }

                    break;
                default:
                    Error(node, path, "must be a list of keyless identities (- issuer: ..., subject: ... | subjectRegExp: ...) or { preset: NAME }");
                    break;
            }

            return list;
        }

        private IReadOnlyList<KeylessIdentity> ReadIdentity(YamlNode item, string path)
        {
            var f = Fields(item, path, "issuer", "issuerRegExp", "subject", "subjectRegExp", "github", "trustedRoot", "preset");
            if (item is not YamlMappingNode)
            {
                return [];
            }

            if (f.TryGetValue("preset", out var presetNode))
            {
                foreach (var (key, value) in f.Where(e => e.Key != "preset"))
                {
                    Error(value, $"{path}.{key}", "a preset names its identities and trust itself; write either 'preset' or the identity's own fields");
                }

                var name = NonEmpty(presetNode, $"{path}.preset");
                if (name is null)
                {
                    return [];
                }

                if (KeylessIdentityPresets.Find(name) is { } preset)
                {
                    return preset.Identities;
                }

                Error(presetNode, $"{path}.preset", $"unknown preset '{name}'; the presets are {string.Join(", ", KeylessIdentityPresets.Names)}");
                return [];
            }

            var issuer = OneOfPair(item, f, path, "issuer", "issuerRegExp", "the OIDC issuer (issuer: https://token.actions.githubusercontent.com)");
            var subject = OneOfPair(item, f, path, "subject", "subjectRegExp", "the certificate identity (subject: an email or a workflow URI)");
            var github = GitHubWorkflowClaims.None;
            if (f.TryGetValue("github", out var githubNode))
            {
                var g = Fields(githubNode, $"{path}.github", "repository", "ref", "sha", "trigger", "name");
                github = new GitHubWorkflowClaims(
                    Get(g, "trigger", n => NonEmpty(n, $"{path}.github.trigger")),
                    Get(g, "sha", n => NonEmpty(n, $"{path}.github.sha")),
                    Get(g, "name", n => NonEmpty(n, $"{path}.github.name")),
                    Get(g, "repository", n => NonEmpty(n, $"{path}.github.repository")),
                    Get(g, "ref", n => NonEmpty(n, $"{path}.github.ref")));
            }

            if (issuer is null || subject is null)
            {
                return [];
            }

            return
            [
                new KeylessIdentity
                {
                    Issuer = issuer.Value.Exact,
                    IssuerRegExp = issuer.Value.Pattern,
                    Subject = subject.Value.Exact,
                    SubjectRegExp = subject.Value.Pattern,
                    GitHub = github,
                    TrustedRoot = Get(f, "trustedRoot", n => NonEmpty(n, $"{path}.trustedRoot")),
                },
            ];
        }

        /// <summary>Exactly one of an exact value (<paramref name="exact"/>) and a regular expression (<paramref name="pattern"/>), as cosign's flags.</summary>
        private (string? Exact, string? Pattern)? OneOfPair(YamlNode item, Dictionary<string, YamlNode> f, string path, string exact, string pattern, string what)
        {
            var hasExact = f.TryGetValue(exact, out var exactNode);
            var hasPattern = f.TryGetValue(pattern, out var patternNode);
            if (hasExact == hasPattern)
            {
                Error(hasPattern ? patternNode! : item, $"{path}.{exact}", hasExact
                    ? $"give '{exact}' or '{pattern}', not both"
                    : $"missing; name {what}, or a regular expression as '{pattern}'");
                return null;
            }

            if (hasExact)
            {
                return NonEmpty(exactNode!, $"{path}.{exact}") is { } value ? (value, null) : null;
            }

            var text = NonEmpty(patternNode!, $"{path}.{pattern}");
            if (text is null)
            {
                return null;
            }

            try
            {
                _ = new Regex(text, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
                return (null, text);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // NonBacktracking (linear time, as Go's RE2) refuses lookarounds and backreferences with NotSupportedException.
                Error(patternNode!, $"{path}.{pattern}", $"'{text}' is not a regular expression this release accepts: {e.Message}");
                return null;
            }
        }

        private string? NonEmpty(YamlNode node, string path)
        {
            var value = String(node, path);
            if (value is { Length: 0 })
            {
                Error(node, path, "must not be empty");
                return null;
            }

            return value;
        }

        private Dictionary<string, YamlNode> Fields(YamlNode node, string path, params string[] allowed)
        {
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            if (node is not YamlMappingNode map)
            {
                Error(node, path, $"must be a mapping with the keys {string.Join(", ", allowed)}");
                return result;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                var field = path.Length == 0 ? key : $"{path}.{key}";
                if (!allowed.Contains(key, StringComparer.Ordinal))
                {
                    var near = allowed.FirstOrDefault(a => string.Equals(a, key, StringComparison.OrdinalIgnoreCase))
                        ?? allowed.Where(a => Distance(a, key) <= 2).OrderBy(a => Distance(a, key)).FirstOrDefault();
                    Error(keyNode, field, near is null
                        ? $"unknown key '{key}'; expected one of {string.Join(", ", allowed)}"
                        : $"unknown key '{key}'; did you mean '{near}'?");
                    continue;
                }

                if (!result.TryAdd(key, value))
                {
                    Error(keyNode, field, $"'{key}' is given twice");
                }
            }

            return result;
        }

        /// <summary>Edit distance, for 'did you mean' on misspelt keys.</summary>
        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                previous = current;
            }

            return previous[b.Length];
        }

        private static T? Get<T>(Dictionary<string, YamlNode> fields, string key, Func<YamlNode, T?> read)
            where T : class => fields.TryGetValue(key, out var node) ? read(node) : null;

        private static T? Value<T>(Dictionary<string, YamlNode> fields, string key, Func<YamlNode, T?> read)
            where T : struct => fields.TryGetValue(key, out var node) ? read(node) : null;

        private T? Required<T>(Dictionary<string, YamlNode> fields, YamlNode parent, string path, string key, Func<YamlNode, T?> read, string hint)
        {
            if (fields.TryGetValue(key, out var node))
            {
                return read(node);
            }

            Error(parent, $"{path}.{key}", $"missing; {hint}");
            return default;
        }

        private string? String(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: { } value })
            {
                return value;
            }

            Error(node, path, "must be a text value");
            return null;
        }

        private string? OneOf(YamlNode node, string path, params string[] allowed)
        {
            var value = String(node, path);
            if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                Error(node, path, $"'{value}' is not one of {string.Join(", ", allowed)}");
                return null;
            }

            return value;
        }

        private bool? Bool(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: "true" or "True" or "false" or "False" } scalar)
            {
                return scalar.Value is "true" or "True";
            }

            Error(node, path, "must be true or false");
            return null;
        }

        private int? Int(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: { } value } && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            Error(node, path, "must be a whole number");
            return null;
        }

        private DateOnly? Date(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: { } value } && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(node, path, "must be a date written YYYY-MM-DD");
            return null;
        }

        private Severity? SeverityOf(YamlNode node, string path) => OneOf(node, path, "error", "warning", "note", "off") switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            "note" => Severity.Note,
            "off" => Severity.Off,
            _ => null,
        };

        private List<string>? Strings(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } single })
            {
                return [single];
            }

            if (node is not YamlSequenceNode sequence)
            {
                Error(node, path, "must be a list of text values");
                return null;
            }

            var list = new List<string>();
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                if (String(sequence.Children[i], $"{path}[{i}]") is { } value)
                {
                    list.Add(value);
                }
            }

            return list;
        }

        private void Error(YamlNode node, string field, string message) =>
            Diagnostics.Add(new PolicyDiagnostic(fileName, Math.Max(1, (int)node.Start.Line), Math.Max(1, (int)node.Start.Column), field, message));
    }
}
