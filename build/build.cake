// The repository's own build. ./build.sh --target=<Clean|Build|Test|UnitTest|Pack|Demo>
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

// The platform the tool is compiled ahead of time for (the tool project's ToolPackageRuntimeIdentifiers); other
// platforms get the portable package.
var nativeRid = "linux-x64";
var canCompileNative = IsRunningOnLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

// Debian packages the tests drive for real: the registry server, a second registry client, ShellCheck, and
// Chromium (headless, to open the gate's HTML report).
var debianPrerequisites = new[]
{
    (Program: "docker-registry", Package: "docker-registry"),
    (Program: "skopeo", Package: "skopeo"),
    (Program: "shellcheck", Package: "shellcheck"),
    (Program: "xmllint", Package: "libxml2-utils"),
    (Program: "chromium", Package: "chromium"),
    (Program: "rpm", Package: "rpm"),
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

Task("NativeToolchain")
    .Description("Installs the C toolchain the ahead-of-time compiler links with (clang or gcc), when neither is there.")
    .WithCriteria(() => canCompileNative)
    .Does(() =>
{
    if (!OnPath("clang") && !OnPath("gcc"))
    {
        AptInstall(new[] { "gcc", "libc6-dev" }, () => OnPath("gcc"));
    }
});

Task("Pack")
    .IsDependentOn("Build")
    .IsDependentOn("NativeToolchain")
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

    // The tool is a RID-specific tool package: PipelineGuard.Cli above is the pointer package; `dotnet tool install`
    // takes the natively compiled linux-x64 package on this platform and the portable one (RID any) elsewhere.
    var cli = $"{root}/src/PipelineGuard.Cli/PipelineGuard.Cli.csproj";
    if (canCompileNative)
    {
        Information("Compiling pipelineguard ahead of time for {0} (a few minutes on two cores)", nativeRid);
        DotNetPack(cli, new DotNetPackSettings { Configuration = configuration, Runtime = nativeRid, OutputDirectory = packages });
    }
    else
    {
        Warning("Not on {0}: the native tool package is not made here (the portable one is).", nativeRid);
    }

    DotNetPack(cli, new DotNetPackSettings
    {
        Configuration = configuration,
        Runtime = "any",
        OutputDirectory = packages,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishAot", "false"),
    });

    // The end-to-end tests' private package folder must not serve a stale copy of a package packed again under the same version.
    foreach (var stale in GetDirectories($"{artifacts}/tmp/nuget-packages/pipelineguard.*").Concat(GetDirectories($"{artifacts}/tmp/nuget-packages/cake.pipelineguard")))
    {
        DeleteDirectory(stale, new DeleteDirectorySettings { Recursive = true, Force = true });
    }

    var produced = GetFiles($"{packages}/*.nupkg");
    Information("Packed {0} packages into {1}", produced.Count, packages);
    var expected = canCompileNative ? 6 : 5;
    if (produced.Count != expected)
    {
        throw new CakeException($"Expected {expected} packages in {packages} (4 projects, plus the tool's native and portable packages), found {produced.Count}.");
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
        AptInstall(missing, () => debianPrerequisites.All(p => OnPath(p.Program)));
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

Task("UnitTest")
    .Description("The fast tier: builds the Core and command-line test projects only (no packages, no native compile) and runs every test not tagged Tier=Package. The full run CI calls stays --target=Test.")
    .Does(() =>
{
    foreach (var project in new[] { "PipelineGuard.Core.Tests", "PipelineGuard.Cli.Tests" })
    {
        DotNetTest($"{root}/tests/{project}/{project}.csproj", new DotNetTestSettings
        {
            Configuration = configuration,
            Filter = "Tier!=Package",
            Loggers = new[] { "console;verbosity=minimal" },
        });
    }
});

Task("BuildTool")
    .Description("Builds only the command-line tool (and the libraries it references): what the demo runs.")
    .Does(() =>
{
    DotNetBuild($"{root}/src/PipelineGuard.Cli/PipelineGuard.Cli.csproj", new DotNetBuildSettings { Configuration = configuration });
});

Task("Demo")
    .Description("The main job: the gate over samples/HelloService (offline: its base image is an OCI layout in the repository).")
    .IsDependentOn("BuildTool")
    .Does(() =>
{
    var tool = $"{root}/src/PipelineGuard.Cli/bin/{configuration}/net10.0/pipelineguard.dll";
    var sample = $"{root}/samples/HelloService";
    // The SBOM reads the restored assets file; the sample's one package is already in the package folder after Build.
    if (StartProcess("dotnet", new ProcessSettings { Arguments = new ProcessArgumentBuilder().Append("restore").AppendQuoted(sample) }) != 0)
    {
        throw new CakeException("dotnet restore of samples/HelloService failed.");
    }

    var code = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(tool).Append("gate").AppendQuoted(sample).Append("--output-dir").AppendQuoted($"{artifacts}/gate-report"),
    });
    if (code != 0)
    {
        throw new CakeException($"pipelineguard gate samples/HelloService exited with {code}.");
    }

    Information("Reports in {0}/gate-report (open pipelineguard.html).", artifacts);
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

// Installs Debian packages as root, or through sudo; otherwise stops and prints the command to run.
void AptInstall(IReadOnlyList<string> missing, Func<bool> installed)
{
    var install = $"apt-get install -y --no-install-recommends {string.Join(' ', missing)}";
    var isRoot = StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out var idOutput) == 0
        && idOutput.FirstOrDefault()?.Trim() == "0";
    var sudo = !isRoot && OnPath("sudo") ? "sudo " : string.Empty;
    if (!isRoot && sudo.Length == 0)
    {
        throw new CakeException($"Missing prerequisites: {string.Join(", ", missing)}. Install them with: sudo {install}");
    }

    Information("Installing Debian packages: {0}", string.Join(", ", missing));
    // Wait for the dpkg lock (up to 10 minutes) instead of failing while another apt, such as unattended upgrades at a
    // fresh runner's boot, holds it.
    const string waitForLock = "-o DPkg::Lock::Timeout=600";
    var script = $"export DEBIAN_FRONTEND=noninteractive; {sudo}apt-get {waitForLock} update -qq && {sudo}apt-get {waitForLock} {install["apt-get ".Length..]}";
    if (StartProcess("bash", new ProcessSettings { Arguments = new ProcessArgumentBuilder().Append("-c").AppendQuoted(script) }) != 0)
    {
        throw new CakeException($"Could not install {string.Join(", ", missing)}. Install them with: {sudo}{install}");
    }

    if (!installed())
    {
        throw new CakeException($"Still missing after apt-get: {string.Join(", ", missing)}.");
    }
}

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
