namespace PipelineGuard.Testing;

/// <summary>
/// Third-party checks of SBOM files: CycloneDX JSON with CycloneDX's own validator (node), CycloneDX XML with
/// <c>xmllint --schema</c> against the XSDs that the same npm package ships (libxml2-utils; the Test target installs it).
/// </summary>
public static class SbomValidators
{
    /// <summary>Validates a CycloneDX JSON file; returns the validator's result (exit 0 when valid).</summary>
    public static Task<ProcessResult> CycloneDxJsonAsync(string path, string specVersion)
        => NodeInterop.RunAsync("validate-cyclonedx.mjs", path, specVersion);

    /// <summary>
    /// Validates an SPDX 2.3 JSON file against the official SPDX 2.3 JSON schema (Schemas/spdx-2.3-schema.json, see the
    /// README there) with ajv; returns the validator's result (exit 0 when valid).
    /// </summary>
    public static Task<ProcessResult> SpdxJsonAsync(string path)
        => NodeInterop.RunAsync("validate-spdx.mjs", path, Path.Combine(RepositoryPaths.Root, "tests", "PipelineGuard.Testing", "Schemas", "spdx-2.3-schema.json"));

    /// <summary>Validates a CycloneDX XML file against bom-SPEC.SNAPSHOT.xsd, offline; returns xmllint's result.</summary>
    public static Task<ProcessResult> CycloneDxXmlAsync(string path, string specVersion)
    {
        var xmllint = ProcessRunner.Require("xmllint", "install Debian package libxml2-utils");
        var schema = Path.Combine(RepositoryPaths.Interop, "node_modules", "@cyclonedx", "cyclonedx-library", "res", "schema", $"bom-{specVersion}.SNAPSHOT.xsd");
        if (!File.Exists(schema))
        {
            throw new FileNotFoundException($"{schema} is missing: run 'npm ci' in tests/interop (the Test target does it).");
        }

        return ProcessRunner.RunAsync(xmllint, ["--noout", "--nonet", "--schema", schema, path], timeout: TimeSpan.FromMinutes(1));
    }
}
