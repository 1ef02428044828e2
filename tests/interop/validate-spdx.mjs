// Validates an SPDX 2.3 JSON document against the official SPDX 2.3 JSON schema (draft-07) with ajv and ajv-formats.
// Usage: node validate-spdx.mjs FILE SCHEMA
// Exit 0: valid. Exit 1: invalid (the errors are printed). Exit 2: usage.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const [file, schemaFile] = process.argv.slice(2);
if (!file || !schemaFile) {
  console.error('usage: node validate-spdx.mjs FILE SCHEMA');
  process.exit(2);
}

const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const document = JSON.parse(readFileSync(file, 'utf8'));
if (validate(document)) {
  console.log('valid');
} else {
  console.log(`invalid: ${JSON.stringify(validate.errors, null, 1)}`);
  process.exit(1);
}
