// The repository's own build. ./build.sh --target=<Clean|Build|Test|Pack|Demo>
// Pack also runs build/pipelineguard.cake with the freshly packed Cake.PipelineGuard: SBOMs, lint, signatures, gate report.
using System.Xml.Linq;

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var isCi = string.Equals(EnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

var root = MakeAbsolute(Directory("..")).FullPath;
var solution = $"{root}/PipelineGuard.sln";
var artifacts = $"{root}/artifacts";
var packages = $"{artifacts}/packages";
var testResults = $"{artifacts}/test-results";
var interop = $"{root}/tests/interop";

// Debian packages the tests drive for real: the registry server, a second registry client, and ShellCheck.
var debianPrerequisites = new[]
{
    (Program: "docker-registry", Package: "docker-registry"),
    (Program: "skopeo", Package: "skopeo"),
    (Program: "shellcheck", Package: "shellcheck"),
    (Program: "xmllint", Package: "libxml2-utils"),
};

Task("Clean")
    .Does(() =>
{
    CleanDirectories($"{root}/src/**/bin/{configuration}");
    CleanDirectories($"{root}/src/**/obj");
    CleanDirectories($"{root}/tests/**/bin/{configuration}");
    CleanDirectories($"{root}/tests/**/obj");
    if (DirectoryExists(artifacts))
    {
        DeleteDirectory(artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
    }
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("ContinuousIntegrationBuild", isCi ? "true" : "false"),
    });
});

Task("Pack")
    .IsDependentOn("Build")
    .Does(() =>
{
    EnsureDirectoryExists(packages);
    CleanDirectory(packages);
    foreach (var project in new[] { "PipelineGuard.Core", "PipelineGuard.Cli", "PipelineGuard.MSBuild", "Cake.PipelineGuard" })
    {
        DotNetPack($"{root}/src/{project}/{project}.csproj", new DotNetPackSettings
        {
            Configuration = configuration,
            NoBuild = true,
            OutputDirectory = packages,
        });
    }

    // The end-to-end tests' private package folder must not serve a stale copy of a package packed again under the same version.
    foreach (var stale in GetDirectories($"{artifacts}/tmp/nuget-packages/pipelineguard.*").Concat(GetDirectories($"{artifacts}/tmp/nuget-packages/cake.pipelineguard")))
    {
        DeleteDirectory(stale, new DeleteDirectorySettings { Recursive = true, Force = true });
    }

    var produced = GetFiles($"{packages}/*.nupkg");
    Information("Packed {0} packages into {1}", produced.Count, packages);
    if (produced.Count != 4)
    {
        throw new CakeException($"Expected 4 packages in {packages}, found {produced.Count}.");
    }

    // Dogfooding: a second script loads the Cake.PipelineGuard just packed (through a nuget.config that puts
    // artifacts/packages first) to make SBOMs, lint the samples, sign every package and write the gate report.
    var dogfood = $"{artifacts}/pipelineguard";
    if (DirectoryExists(dogfood))
    {
        DeleteDirectory(dogfood, new DeleteDirectorySettings { Recursive = true, Force = true });
    }

    EnsureDirectoryExists(dogfood);
    System.IO.File.WriteAllText($"{dogfood}/nuget.config", $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="pipelineguard-local" value="{packages}" />
          </packageSources>
        </configuration>
        """);
    var arguments = new ProcessArgumentBuilder()
        .Append("cake").AppendQuoted($"{root}/build/pipelineguard.cake")
        .Append($"--root={root}")
        .Append($"--paths_tools={dogfood}/tools")
        .Append("--settings_skippackageversioncheck=true");
    var code = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = dogfood,
        EnvironmentVariables = new Dictionary<string, string> { ["NUGET_PACKAGES"] = $"{artifacts}/tmp/nuget-packages" },
    });
    if (code != 0)
    {
        throw new CakeException($"build/pipelineguard.cake (the PipelineGuard checks of the packages) exited with {code}.");
    }
});

Task("Prerequisites")
    .Description("Installs what the tests drive for real: Debian's docker-registry, skopeo and shellcheck, and the pinned npm verifiers.")
    .Does(() =>
{
    var missing = debianPrerequisites.Where(p => !OnPath(p.Program)).Select(p => p.Package).ToList();
    if (missing.Count > 0)
    {
        var install = $"apt-get install -y --no-install-recommends {string.Join(' ', missing)}";
        var isRoot = StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out var idOutput) == 0
            && idOutput.FirstOrDefault()?.Trim() == "0";
        var sudo = !isRoot && OnPath("sudo") ? "sudo " : string.Empty;
        if (!isRoot && sudo.Length == 0)
        {
            throw new CakeException($"Missing test prerequisites: {string.Join(", ", missing)}. Install them with: sudo {install}");
        }

        Information("Installing Debian packages: {0}", string.Join(", ", missing));
        var script = $"export DEBIAN_FRONTEND=noninteractive; {sudo}apt-get update -qq && {sudo}{install}";
        if (StartProcess("bash", new ProcessSettings { Arguments = new ProcessArgumentBuilder().Append("-c").AppendQuoted(script) }) != 0)
        {
            throw new CakeException($"Could not install {string.Join(", ", missing)}. Install them with: {sudo}{install}");
        }

        var stillMissing = debianPrerequisites.Where(p => !OnPath(p.Program)).Select(p => p.Package).ToList();
        if (stillMissing.Count > 0)
        {
            throw new CakeException($"Still missing after apt-get: {string.Join(", ", stillMissing)}.");
        }
    }

    if (!OnPath("node") || !OnPath("npm"))
    {
        throw new CakeException("Node.js and npm are needed for the interop tests. Install them with: apt-get install -y nodejs npm");
    }

    if (StartProcess("npm", new ProcessSettings { Arguments = "ci --no-audit --no-fund --loglevel=error", WorkingDirectory = interop }) != 0)
    {
        throw new CakeException($"'npm ci' failed in {interop}; the interop tests need its packages.");
    }
});

Task("Test")
    .IsDependentOn("Pack")
    .IsDependentOn("Prerequisites")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);
    var failed = false;
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            ResultsDirectory = testResults,
            Loggers = new[] { "trx", "console;verbosity=normal" },
        });
    }
    catch (CakeException)
    {
        failed = true;
    }

    var (passed, failedCount, skipped) = CountTrxResults(testResults);
    // The plain closing line CI reads: "N passed, N failed, N skipped".
    // Plain text, no colour, alone on its line.
    Console.WriteLine($"tests: {passed} passed, {failedCount} failed, {skipped} skipped");
    if (failed || failedCount > 0 || passed == 0)
    {
        throw new CakeException("Tests failed.");
    }
});

Task("Demo")
    .Description("The main job on its embedded default: the freshly built pipelineguard tool.")
    .IsDependentOn("Build")
    .Does(() =>
{
    var tool = $"{root}/src/PipelineGuard.Cli/bin/{configuration}/net10.0/pipelineguard.dll";
    var code = StartProcess("dotnet", new ProcessSettings { Arguments = new ProcessArgumentBuilder().AppendQuoted(tool).Append("version") });
    if (code != 0)
    {
        throw new CakeException($"pipelineguard exited with {code}.");
    }
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

bool OnPath(string program)
{
    return (EnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => System.IO.File.Exists(System.IO.Path.Combine(dir, program)));
}

(int Passed, int Failed, int Skipped) CountTrxResults(string directory)
{
    int passed = 0, failedCount = 0, skipped = 0;
    foreach (var trx in GetFiles($"{directory}/**/*.trx"))
    {
        var counters = XDocument.Load(trx.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters is null)
        {
            continue;
        }

        int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var value) ? value : 0;
        passed += Read("passed");
        failedCount += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
        skipped += Read("notExecuted");
    }

    return (passed, failedCount, skipped);
}
