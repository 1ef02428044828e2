// Answers licence questions with spdx-satisfies, the reference for PipelineGuard's licence evaluator.
// Usage: node spdx-satisfies.mjs CASES.json
// CASES.json is an array of {"expression": "...", "allow": ["...", ...]}; prints a JSON array with, for each case,
// true or false (spdx-satisfies' answer) or {"error": "..."} when spdx-satisfies throws.
// Exit 0: answered. Exit 2: usage.
import { readFileSync } from 'node:fs';
import satisfies from 'spdx-satisfies';

const [casesFile] = process.argv.slice(2);
if (!casesFile) {
  console.error('usage: node spdx-satisfies.mjs CASES.json');
  process.exit(2);
}

const answers = JSON.parse(readFileSync(casesFile, 'utf8')).map(({ expression, allow }) => {
  try {
    return satisfies(expression, allow);
  } catch (e) {
    return { error: String(e.message) };
  }
});
console.log(JSON.stringify(answers));
