using Xunit;

// Every test here drives a packed package (artifacts/packages): the full tier only (./build.sh --target=Test);
// the fast tier (--target=UnitTest) selects tests with --filter "Tier!=Package".
[assembly: AssemblyTrait("Tier", "Package")]
