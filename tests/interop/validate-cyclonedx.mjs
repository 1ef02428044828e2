// Validates a CycloneDX JSON document with CycloneDX's own validator (@cyclonedx/cyclonedx-library,
// strict JSON schema for the given spec version).
// Usage: node validate-cyclonedx.mjs FILE SPEC_VERSION   (SPEC_VERSION: 1.6 or 1.7)
// Exit 0: valid. Exit 1: invalid (the errors are printed). Exit 2: usage.
import { readFileSync } from 'node:fs';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

const [file, version] = process.argv.slice(2);
const versions = { '1.6': Spec.Version.v1dot6, '1.7': Spec.Version.v1dot7 };
if (!file || !versions[version]) {
  console.error('usage: node validate-cyclonedx.mjs FILE 1.6|1.7');
  process.exit(2);
}

const validator = new Validation.JsonStrictValidator(versions[version]);
const errors = await validator.validate(readFileSync(file, 'utf8'));
if (errors === null) {
  console.log('valid');
} else {
  console.log(`invalid: ${JSON.stringify(errors, null, 1)}`);
  process.exit(1);
}
