// Validates a SARIF log against the official SARIF 2.1.0 JSON schema (rtm.5, as shipped by @microsoft/jest-sarif),
// with the draft-04-capable ajv that package depends on.
// Usage: node validate-sarif.mjs FILE
// Exit 0: valid. Exit 1: invalid (the errors are printed). Exit 2: usage.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node validate-sarif.mjs FILE');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const sarifPackage = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const fromSarif = createRequire(sarifPackage);
const Ajv = fromSarif('ajv');
const schema = JSON.parse(readFileSync(sarifPackage, 'utf8'));
const ajv = new Ajv({ schemaId: 'id', allErrors: true, meta: false, validateSchema: false });
ajv.addMetaSchema(fromSarif('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);
const log = JSON.parse(readFileSync(file, 'utf8'));
if (validate(log)) {
  console.log(`valid (${schema.title})`);
} else {
  console.log(`invalid: ${JSON.stringify(validate.errors, null, 1)}`);
  process.exit(1);
}
