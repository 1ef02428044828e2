using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipelineGuard.Signing;

/// <summary>A base image the build used, pinned by digest.</summary>
/// <param name="Reference">The image name without tag or digest, for example <c>mcr.example/dotnet/aspnet</c>.</param>
/// <param name="Digest">The manifest digest, <c>sha256:...</c>.</param>
public sealed record BaseImageDependency(string Reference, string Digest);

/// <summary>A NuGet package the build resolved.</summary>
/// <param name="Id">The package id.</param>
/// <param name="Version">The resolved version.</param>
/// <param name="Sha512Hex">The package's SHA-512 as lowercase hex, when known.</param>
public sealed record NuGetDependency(string Id, string Version, string? Sha512Hex = null);

/// <summary>
/// Inputs of the SLSA provenance generator. Every field left null is taken from the CI environment (GitHub Actions,
/// GitLab CI, Azure Pipelines); MSBuild and Cake front ends set them explicitly from properties.
/// </summary>
public sealed record SlsaProvenanceOptions
{
    /// <summary>The builder id (<c>runDetails.builder.id</c>).</summary>
    public string? BuilderId { get; init; }

    /// <summary>The build type URI (<c>buildDefinition.buildType</c>).</summary>
    public string? BuildType { get; init; }

    /// <summary>The source repository URI.</summary>
    public string? SourceRepository { get; init; }

    /// <summary>The source commit (git SHA-1 or SHA-256 hex).</summary>
    public string? SourceCommit { get; init; }

    /// <summary>The source ref (branch or tag), if known.</summary>
    public string? SourceRef { get; init; }

    /// <summary>The CI run that built it (<c>runDetails.metadata.invocationId</c>).</summary>
    public string? InvocationId { get; init; }

    /// <summary>When the build started; defaults to the clock's now.</summary>
    public DateTimeOffset? StartedOn { get; init; }

    /// <summary>When the build finished; defaults to the clock's now.</summary>
    public DateTimeOffset? FinishedOn { get; init; }

    /// <summary>Base images, by digest.</summary>
    public IReadOnlyList<BaseImageDependency> BaseImages { get; init; } = [];

    /// <summary>NuGet packages (for example read from the SBOM with <see cref="SlsaProvenanceGenerator.ReadNuGetPackagesFromCycloneDx"/>).</summary>
    public IReadOnlyList<NuGetDependency> NuGetPackages { get; init; } = [];

    /// <summary>Extra external parameters (for example the project and configuration built).</summary>
    public IReadOnlyDictionary<string, string> ExternalParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Outside any CI system, describe the build as a local one (<see cref="SlsaProvenanceGenerator.LocalBuilderId"/>,
    /// <see cref="ProvenanceSource.Local"/>) instead of failing for want of a builder id.
    /// </summary>
    public bool AllowLocalBuild { get; init; }

    /// <summary>For a local build: the git checkout whose remote, commit and branch are the source unless set explicitly.</summary>
    public Provenance.Build.GitCheckout? LocalCheckout { get; init; }
}

/// <summary>Where the values came from.</summary>
public enum ProvenanceSource
{
    /// <summary>Only explicit options.</summary>
    Explicit,

    /// <summary>GitHub Actions variables.</summary>
    GitHubActions,

    /// <summary>GitLab CI variables.</summary>
    GitLabCi,

    /// <summary>Azure Pipelines variables.</summary>
    AzurePipelines,

    /// <summary>A build on a developer's machine or an unknown CI system: nothing vouches for the builder.</summary>
    Local,
}

/// <summary>A generated predicate and where its values came from.</summary>
public sealed record SlsaProvenance(JsonObject Predicate, ProvenanceSource Source)
{
    /// <summary>The in-toto statement about <paramref name="subjects"/>.</summary>
    public InTotoStatement ToStatement(IReadOnlyList<InTotoSubject> subjects) => new(subjects, PredicateTypes.SlsaProvenanceV1, Predicate);
}

/// <summary>Generates SLSA provenance v1 predicates from CI variables or explicit properties.</summary>
public sealed class SlsaProvenanceGenerator
{
    /// <summary>The build type for builds PipelineGuard describes outside GitHub Actions.</summary>
    public const string PipelineGuardBuildType = "https://github.com/pipelineguard/pipelineguard/buildtypes/dotnet/v1";

    /// <summary>GitHub's build type for Actions workflows.</summary>
    public const string GitHubWorkflowBuildType = "https://actions.github.io/buildtypes/workflow/v1";

    /// <summary>The builder id of a local build: it says only that PipelineGuard ran outside any known CI system.</summary>
    public const string LocalBuilderId = "https://github.com/pipelineguard/pipelineguard/builders/local/v1";

    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _clock;

    /// <summary>Creates a generator reading <paramref name="environment"/> (the process environment when null).</summary>
    public SlsaProvenanceGenerator(Func<string, string?>? environment = null, TimeProvider? clock = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Builds the predicate; fails when no builder id or source can be found.</summary>
    public SigningResult<SlsaProvenance> Generate(SlsaProvenanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (source, ci) = DetectCi();
        if (source == ProvenanceSource.Explicit && options.AllowLocalBuild && options.BuilderId is null)
        {
            source = ProvenanceSource.Local;
            ci = ci with { BuilderId = LocalBuilderId, Repository = options.LocalCheckout?.RemoteUrl, Commit = options.LocalCheckout?.Commit, Ref = options.LocalCheckout?.Ref };
        }

        var builderId = options.BuilderId ?? ci.BuilderId;
        var repository = options.SourceRepository ?? ci.Repository;
        var commit = options.SourceCommit ?? ci.Commit;
        if (string.IsNullOrEmpty(builderId))
        {
            return SigningResult<SlsaProvenance>.Failure("no builder id: run in GitHub Actions, GitLab CI or Azure Pipelines, or set the builder id explicitly");
        }

        if (string.IsNullOrEmpty(repository) || string.IsNullOrEmpty(commit))
        {
            return SigningResult<SlsaProvenance>.Failure("no source repository and commit: run in a CI job, or set them explicitly");
        }

        var now = _clock.GetUtcNow();
        var sourceRef = options.SourceRef ?? ci.Ref;
        var external = new JsonObject();
        if (ci.Workflow is { } workflow)
        {
            // GitHub's workflow build type: the workflow (its repository, path and ref) is the only required parameter.
            external["workflow"] = workflow.DeepClone();
        }
        else
        {
            foreach (var (key, value) in ci.External.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                external[key] = value;
            }

            external["source"] = new JsonObject { ["uri"] = repository, ["ref"] = sourceRef, ["digest"] = new JsonObject { ["gitCommit"] = commit } };
        }

        foreach (var (key, value) in options.ExternalParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            external[key] = value;
        }

        var dependencies = new JsonArray
        {
            (JsonNode)new JsonObject
            {
                ["uri"] = "git+" + repository + (sourceRef is null ? string.Empty : "@" + sourceRef),
                ["digest"] = new JsonObject { ["gitCommit"] = commit },
            },
        };
        foreach (var image in options.BaseImages)
        {
            var hex = image.Digest.StartsWith("sha256:", StringComparison.Ordinal) ? image.Digest["sha256:".Length..] : image.Digest;
            dependencies.Add((JsonNode)new JsonObject
            {
                ["uri"] = $"pkg:docker/{image.Reference}@{Uri.EscapeDataString(image.Digest)}",
                ["digest"] = new JsonObject { ["sha256"] = hex },
            });
        }

        foreach (var package in options.NuGetPackages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
        {
            var entry = new JsonObject { ["uri"] = $"pkg:nuget/{package.Id}@{package.Version}" };
            if (package.Sha512Hex is not null)
            {
                entry["digest"] = new JsonObject { ["sha512"] = package.Sha512Hex };
            }

            dependencies.Add((JsonNode)entry);
        }

        var metadata = new JsonObject();
        if ((options.InvocationId ?? ci.InvocationId) is { } invocation)
        {
            metadata["invocationId"] = invocation;
        }

        metadata["startedOn"] = Timestamp(options.StartedOn ?? now);
        metadata["finishedOn"] = Timestamp(options.FinishedOn ?? now);

        var predicate = new JsonObject
        {
            ["buildDefinition"] = new JsonObject
            {
                ["buildType"] = options.BuildType ?? ci.BuildType ?? PipelineGuardBuildType,
                ["externalParameters"] = external,
                ["internalParameters"] = ci.Internal?.DeepClone() ?? new JsonObject { ["ci"] = source.ToString() },
                ["resolvedDependencies"] = dependencies,
            },
            ["runDetails"] = new JsonObject
            {
                ["builder"] = new JsonObject { ["id"] = builderId },
                ["metadata"] = metadata,
            },
        };
        return SigningResult<SlsaProvenance>.Success(new SlsaProvenance(predicate, source));
    }

    /// <summary>NuGet packages of a CycloneDX JSON SBOM: components whose purl is <c>pkg:nuget/...</c>, with their SHA-512.</summary>
    public static SigningResult<IReadOnlyList<NuGetDependency>> ReadNuGetPackagesFromCycloneDx(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            return SigningResult<IReadOnlyList<NuGetDependency>>.Failure($"the SBOM is not JSON: {e.Message}");
        }

        var packages = new List<NuGetDependency>();
        foreach (var component in (root?["components"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var purl = (component["purl"] as JsonValue)?.GetValue<string>();
            if (purl is null || !purl.StartsWith("pkg:nuget/", StringComparison.Ordinal))
            {
                continue;
            }

            var nameAndVersion = purl["pkg:nuget/".Length..].Split('?', '#')[0];
            var at = nameAndVersion.LastIndexOf('@');
            if (at <= 0)
            {
                continue;
            }

            var sha512 = (component["hashes"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(h => (h["alg"] as JsonValue)?.GetValue<string>() == "SHA-512")
                .Select(h => (h["content"] as JsonValue)?.GetValue<string>()?.ToLowerInvariant())
                .FirstOrDefault();
            packages.Add(new NuGetDependency(Uri.UnescapeDataString(nameAndVersion[..at]), Uri.UnescapeDataString(nameAndVersion[(at + 1)..]), sha512));
        }

        return SigningResult<IReadOnlyList<NuGetDependency>>.Success(packages);
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record CiValues(string? BuilderId, string? BuildType, string? Repository, string? Commit, string? Ref, string? InvocationId, IReadOnlyDictionary<string, string> External)
    {
        /// <summary>GitHub's <c>externalParameters.workflow</c>: ref, repository and path of the workflow file.</summary>
        public JsonObject? Workflow { get; init; }

        /// <summary>The CI system's own <c>internalParameters</c>, when its build type defines them.</summary>
        public JsonObject? Internal { get; init; }
    }

    private (ProvenanceSource Source, CiValues Values) DetectCi()
    {
        string? Get(string name) => _environment(name) is { Length: > 0 } value ? value : null;
        var external = new Dictionary<string, string>(StringComparer.Ordinal);

        if (Get("GITHUB_ACTIONS") == "true")
        {
            var server = Get("GITHUB_SERVER_URL") ?? "https://github.com";
            var repository = Get("GITHUB_REPOSITORY");
            var runner = Get("RUNNER_ENVIRONMENT") ?? "github-hosted";
            // GITHUB_WORKFLOW_REF is OWNER/REPO/PATH@REF: the workflow file, which may live in another repository.
            JsonObject? workflow = null;
            if (Get("GITHUB_WORKFLOW_REF") is { } workflowRef && workflowRef.LastIndexOf('@') is var at and > 0)
            {
                var location = workflowRef[..at];
                var parts = location.Split('/', 3);
                if (parts.Length == 3)
                {
                    workflow = new JsonObject { ["ref"] = workflowRef[(at + 1)..], ["repository"] = $"{server}/{parts[0]}/{parts[1]}", ["path"] = parts[2] };
                }
            }

            var github = new JsonObject();
            foreach (var (key, variable) in new[] { ("event_name", "GITHUB_EVENT_NAME"), ("repository_id", "GITHUB_REPOSITORY_ID"), ("repository_owner_id", "GITHUB_REPOSITORY_OWNER_ID"), ("runner_environment", "RUNNER_ENVIRONMENT") })
            {
                if (Get(variable) is { } value)
                {
                    github[key] = value;
                }
            }

            return (ProvenanceSource.GitHubActions, new CiValues(
                $"{server}/actions/runner/{runner}",
                GitHubWorkflowBuildType,
                repository is null ? null : $"{server}/{repository}",
                Get("GITHUB_SHA"),
                Get("GITHUB_REF"),
                repository is null || Get("GITHUB_RUN_ID") is null ? null : $"{server}/{repository}/actions/runs/{Get("GITHUB_RUN_ID")}/attempts/{Get("GITHUB_RUN_ATTEMPT") ?? "1"}",
                external) { Workflow = workflow, Internal = new JsonObject { ["github"] = github } });
        }

        if (Get("GITLAB_CI") == "true")
        {
            var server = Get("CI_SERVER_URL");
            AddIfSet(external, "pipeline", Get("CI_PIPELINE_URL"));
            AddIfSet(external, "job", Get("CI_JOB_NAME"));
            return (ProvenanceSource.GitLabCi, new CiValues(
                server is null || Get("CI_RUNNER_ID") is null ? server : $"{server}/{Get("CI_PROJECT_PATH")}/-/runners/{Get("CI_RUNNER_ID")}",
                PipelineGuardBuildType,
                Get("CI_PROJECT_URL"),
                Get("CI_COMMIT_SHA"),
                Get("CI_COMMIT_REF_NAME"),
                Get("CI_JOB_URL"),
                external));
        }

        if (string.Equals(Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var collection = Get("SYSTEM_COLLECTIONURI")?.TrimEnd('/');
            var project = Get("SYSTEM_TEAMPROJECT");
            AddIfSet(external, "definition", Get("BUILD_DEFINITIONNAME"));
            return (ProvenanceSource.AzurePipelines, new CiValues(
                collection is null ? null : $"{collection}/{project}/_build?agent={Uri.EscapeDataString(Get("AGENT_NAME") ?? "agent")}",
                PipelineGuardBuildType,
                Get("BUILD_REPOSITORY_URI"),
                Get("BUILD_SOURCEVERSION"),
                Get("BUILD_SOURCEBRANCH"),
                collection is null || Get("BUILD_BUILDID") is null ? null : $"{collection}/{project}/_build/results?buildId={Get("BUILD_BUILDID")}",
                external));
        }

        return (ProvenanceSource.Explicit, new CiValues(null, null, null, null, null, null, external));
    }

    private static void AddIfSet(Dictionary<string, string> map, string key, string? value)
    {
        if (value is not null)
        {
            map[key] = value;
        }
    }
}
