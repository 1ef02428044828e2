#!/usr/bin/env bash
# Regenerates the sample base images (OCI layouts kept in the repository):
#   samples/HelloService/base-image   signed and attested (SLSA provenance v1) with the demo key
#   samples/UnsafeService/base-image  unsigned and old
# then pins HelloService's Dockerfile to the new digest. The demo key's password is "pipelineguard-demo":
# demo only, published on purpose; never use a published password for a real key.
set -euo pipefail
cd "$(dirname "$0")/.."
PIPELINEGUARD_REGENERATE_SAMPLES=1 dotnet test tests/PipelineGuard.Cli.Tests \
  --filter "FullyQualifiedName~PipelineGuard.Cli.Tests.Samples.SampleImageTests" --logger "console;verbosity=minimal"
echo "Sample images regenerated; commit samples/*/base-image and samples/HelloService/Dockerfile."
