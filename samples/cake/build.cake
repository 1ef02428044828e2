// A typical release build: clean, restore, build, test, pack. The PipelineGuard lines are marked.
#addin nuget:?package=Cake.PipelineGuard&loaddependencies=true                                   // PipelineGuard

var target = Argument("target", "Pack");
var configuration = Argument("configuration", "Release");
var solution = "./Hello.slnx";
var artifacts = MakeAbsolute(Directory("./artifacts"));

Task("Clean").Does(() =>
{
    CleanDirectories("./src/**/bin");
    CleanDirectories("./tests/**/bin");
    CleanDirectory(artifacts);
});

Task("Restore").IsDependentOn("Clean").Does(() => DotNetRestore(solution));

Task("Build").IsDependentOn("Restore").Does(() =>
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

Task("Test").IsDependentOn("Build").Does(() =>
    DotNetTest(solution, new DotNetTestSettings { Configuration = configuration, NoBuild = true }));

Task("Pack").IsDependentOn("Test").Does(() =>
{
    DotNetPack("./src/Hello/Hello.csproj", new DotNetPackSettings { Configuration = configuration, NoBuild = true, OutputDirectory = artifacts });

    PipelineGuardLint("./Dockerfile");                                                            // PipelineGuard
    PipelineGuardSbom("./src/Hello/Hello.csproj", new PipelineGuardSbomSettings().WithOutputFile($"{artifacts}/Hello.1.0.0.cdx.json")); // PipelineGuard
    foreach (var file in GetFiles($"{artifacts}/*.nupkg"))                                       // PipelineGuard
        PipelineGuardSignBlob(file, new PipelineGuardSignBlobSettings().WithKey(EnvironmentVariable("SIGNING_KEY") ?? "./cosign.key")); // PipelineGuard
});

RunTarget(target);
