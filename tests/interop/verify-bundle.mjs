// Verifies a Sigstore bundle with @sigstore/verify, offline, against a caller-supplied public key
// and with no transparency log, the way a release engineer would check a PipelineGuard bundle.
// Usage: node verify-bundle.mjs BUNDLE PUBLIC_KEY_PEM [ARTIFACT]
// Exit 0: verified. Exit 1: rejected (the reason is printed). Exit 2: usage.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundlePath, keyPath, artifactPath] = process.argv.slice(2);
if (!bundlePath || !keyPath) {
  console.error('usage: node verify-bundle.mjs BUNDLE PUBLIC_KEY_PEM [ARTIFACT]');
  process.exit(2);
}

try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
  const publicKey = createPublicKey(readFileSync(keyPath, 'utf8'));
  const trust = toTrustMaterial(
    { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] },
    () => ({ publicKey, validFor: () => true }),
  );
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  const artifact = artifactPath ? readFileSync(artifactPath) : undefined;
  if (bundle.content.$case === 'messageSignature' && !artifact) {
    throw new Error('a messageSignature bundle needs the artifact');
  }
  verifier.verify(toSignedEntity(bundle, bundle.content.$case === 'messageSignature' ? artifact : undefined));

  if (bundle.content.$case === 'dsseEnvelope' && artifact) {
    // An attestation must also be about this artifact: one subject's sha256 equals the file's.
    const statement = JSON.parse(Buffer.from(bundle.content.dsseEnvelope.payload).toString('utf8'));
    const digest = createHash('sha256').update(artifact).digest('hex');
    const subjects = statement.subject ?? [];
    if (!subjects.some((s) => s.digest?.sha256 === digest)) {
      throw new Error(`no in-toto subject has sha256 ${digest}`);
    }
  }
  console.log('verified');
} catch (error) {
  console.log(`rejected: ${error.code ?? error.name}: ${error.message}`);
  process.exit(1);
}
