// Verifies a keyless Sigstore bundle with @sigstore/verify, offline, against a trusted_root.json and an identity
// (exact SAN and OIDC issuer), with sigstore-js's default thresholds (one log entry, one SCT).
// Usage: node verify-keyless.mjs BUNDLE TRUSTED_ROOT SAN ISSUER [ARTIFACT]
// Exit 0: verified. Exit 1: rejected (the reason is printed). Exit 2: usage.
import { readFileSync } from 'node:fs';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundlePath, rootPath, san, issuer, artifactPath] = process.argv.slice(2);
if (!bundlePath || !rootPath || !san || !issuer) {
  console.error('usage: node verify-keyless.mjs BUNDLE TRUSTED_ROOT SAN ISSUER [ARTIFACT]');
  process.exit(2);
}

try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
  const trust = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(readFileSync(rootPath, 'utf8'))));
  const artifact = artifactPath ? readFileSync(artifactPath) : undefined;
  const signer = new Verifier(trust).verify(toSignedEntity(bundle, artifact), { subjectAlternativeName: san, extensions: { issuer } });
  console.log(`verified: ${signer.identity.subjectAlternativeName} / ${signer.identity.extensions.issuer}`);
} catch (error) {
  console.log(`rejected: ${error.code ?? error.name}: ${error.message}`);
  process.exit(1);
}
