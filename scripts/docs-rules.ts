import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULE_CATALOGUE } from '../src/lib/check/catalogue';
import { replaceRuleTable } from '../src/lib/check/rule-table';

/**
 * `npm run docs:rules`: rewrites the table of rules in README.md (between its `rules:start` and
 * `rules:end` comments) from the catalogue in src/lib/check/catalogue.ts. A unit test fails until it is run.
 */
const file = resolve(import.meta.dirname, '../README.md');
const before = readFileSync(file, 'utf8');
const after = replaceRuleTable(before);
if (after === before) {
  process.stdout.write('README.md: the table of rules is up to date\n');
} else {
  writeFileSync(file, after);
  process.stdout.write(`README.md: rewrote the table of rules (${Object.keys(RULE_CATALOGUE).length} rules)\n`);
}
