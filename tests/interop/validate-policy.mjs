// Validates policy documents (pipelineguard.yaml converted to JSON) against schemas/pipelineguard.schema.json with ajv.
// Usage: node validate-policy.mjs SCHEMA FILE...
// Exit 0: every file valid. Exit 1: some file invalid (the errors are printed). Exit 2: usage.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [schemaFile, ...files] = process.argv.slice(2);
if (!schemaFile || files.length === 0) {
  console.error('usage: node validate-policy.mjs SCHEMA FILE...');
  process.exit(2);
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
let failed = false;
for (const file of files) {
  if (validate(JSON.parse(readFileSync(file, 'utf8')))) {
    console.log(`valid: ${file}`);
  } else {
    failed = true;
    console.log(`invalid: ${file}: ${JSON.stringify(validate.errors)}`);
  }
}

process.exit(failed ? 1 : 0);
