using System.Globalization;
using System.Text.Json.Nodes;
using PipelineGuard.Gate;
using PipelineGuard.Testing;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PipelineGuard.Core.Tests.Gate;

/// <summary>The published JSON schema, checked with ajv against the sample policies and against what the loader accepts and refuses.</summary>
public sealed class PolicySchemaTests
{
    private static string Schema => Path.Combine(RepositoryPaths.Root, "schemas", "pipelineguard.schema.json");

    /// <summary>YAML to JSON as editors see it: plain scalars that look like numbers or booleans become those.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static string WriteAsJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var path = Path.Combine(RepositoryPaths.NewTempDirectory("schema"), "policy.json");
        File.WriteAllText(path, ToJson(stream.Documents[0].RootNode)!.ToJsonString());
        return path;
    }

    [Fact]
    public async Task The_sample_policies_and_a_policy_using_every_field_are_valid_and_load()
    {
        var texts = new[]
        {
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "HelloService", "pipelineguard.yaml")),
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "UnsafeService", "pipelineguard.yaml")),
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "pipelineguard.example.yaml")),
        };
        foreach (var text in texts)
        {
            var loaded = PolicyLoader.Parse(text, "pipelineguard.yaml", "/repo");
            Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        }

        var result = await NodeInterop.RunAsync("validate-policy.mjs", [Schema, .. texts.Select(WriteAsJson)]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("version: 1\nbaseImages:\n  requireDigests: true\n")]
    [InlineData("version: 1\nbaseImages:\n  signature: {}\n")]
    [InlineData("version: 1\nrules:\n  PG3003: fatal\n")]
    [InlineData("version: 1\nrules:\n  no-such-rule: error\n")]
    [InlineData("version: 1\nexceptions:\n  - rule: PG3003\n    reason: later\n")]
    [InlineData("version: 2\n")]
    [InlineData("baseImages: {}\n")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation: { preset: microsoft-dotnet, trustPolicy: tp.json }\n")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation: { preset: no-such-preset }\n")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation: { trustPolicy: tp.json }\n")]
    [InlineData("version: 1\nimages:\n  references: [a]\n  signature:\n    notation: { trustStore: store, trustPolcy: tp.json }\n")]
    [InlineData("version: 1\nlicenses:\n  unknown: fatal\n")]
    [InlineData("version: 1\nlicenses:\n  alow: [MIT]\n")]
    [InlineData("version: 1\nlicenses:\n  allow: [MIT OR ISC]\n")]
    [InlineData("version: 1\nexceptions:\n  - rule: denied-license\n    package: \"\"\n    expires: 2027-01-01\n    reason: r\n")]
    public async Task Policies_the_loader_refuses_are_refused_by_the_schema_too(string yaml)
    {
        Assert.False(PolicyLoader.Parse(yaml, "pipelineguard.yaml", "/repo").Success);
        var result = await NodeInterop.RunAsync("validate-policy.mjs", Schema, WriteAsJson(yaml));
        Assert.True(result.ExitCode == 1, result.ToString());
    }

    [Theory]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    notation: { preset: microsoft-dotnet }\n")]
    [InlineData("version: 1\nbaseImages:\n  allowedRegistries: [mcr.microsoft.com]\n  requireDigest: true\n  signature:\n    notation:\n      preset: microsoft-dotnet\n")]
    [InlineData("version: 1\nbaseImages:\n  signature:\n    keys: [base.pub]\n    notation: { trustPolicy: notation/trustpolicy.json, trustStore: notation }\n")]
    [InlineData("version: 1\nimages:\n  references: [registry.example/app:1]\n  signature:\n    notation: { trustPolicy: tp.json, trustStore: store }\n")]
    public async Task Notation_signature_forms_are_accepted_by_the_loader_and_the_schema(string yaml)
    {
        var loaded = PolicyLoader.Parse(yaml, "pipelineguard.yaml", "/repo");
        Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        var notation = loaded.Policy!.BaseImages.Signature?.Notation ?? loaded.Policy.Images.SignatureNotation;
        Assert.NotNull(notation);
        var result = await NodeInterop.RunAsync("validate-policy.mjs", Schema, WriteAsJson(yaml));
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
