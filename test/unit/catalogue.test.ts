import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_CATALOGUE } from '../../src/lib/check/catalogue';
import type { Diagnostic } from '../../src/lib/check/diagnostics';
import { formatRuleTable, readRuleTable } from '../../src/lib/check/rule-table';
import { validateProject } from '../../src/lib/check/validate';
import { fixtureProject } from '../fixture-project';

/** Catalogued rules that no fixture scenario can report, and where they are tested instead. */
const NOT_IN_FIXTURES: Record<string, string> = {
  'missing-file': 'a scenario is laid over _base and cannot take a file away',
  codeowners: 'needs a CODEOWNERS generated from the library first: test/unit/codeowners.test.ts',
  // New in the loader (src/lib/content/ids.ts, load.ts); take them off once a scenario under test/fixtures/ reports them.
  'file-name': 'new, no fixture yet',
  'duplicate-file': 'new, no fixture yet',
  encoding: 'new, no fixture yet',
  symlink: 'new, no fixture yet',
};

const known = new Set(Object.keys(RULE_CATALOGUE));
const scenarios = readdirSync('test/fixtures', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

describe('the rule catalogue', () => {
  it('is the table of rules in README.md', () => {
    const table = readRuleTable(readFileSync('README.md', 'utf8'));
    expect(table, 'README.md has lost its <!-- rules:start … --> / <!-- rules:end --> comments around the table of rules').not.toBeNull();
    expect(table, 'the table of rules in README.md is out of date: run `npm run docs:rules`').toBe(formatRuleTable());
  });

  it('names every rule id written in src/', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const written = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(join('src', file), 'utf8');
      // `rule: 'cycle'` (also a union type, `rule: 'a' | 'b'`) and `reportAs('cycle')`.
      for (const match of text.matchAll(/\brule: ('[^']*'(?:\s*\|\s*'[^']*')*)|\breportAs\('([^']*)'\)/g)) {
        const ids = match[2] ? [match[2]] : match[1]!.split('|').map((part) => part.trim().slice(1, -1));
        for (const id of ids) written.set(id, `src/${file}`);
      }
    }
    expect(written.size).toBeGreaterThan(10);
    const unknown = [...written].filter(([id]) => !known.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(unknown, 'add these rule ids to RULE_CATALOGUE in src/lib/check/catalogue.ts, then run `npm run docs:rules`').toEqual([]);
  });

  describe('against every fixture scenario', () => {
    const reported: Diagnostic[] = [];
    beforeAll(async () => {
      for (const scenario of scenarios) {
        reported.push(...(await validateProject(await fixtureProject(scenario), { today: '2026-11-25', cache: false })).diagnostics);
      }
    }, 120_000);

    it('has an entry for every rule a diagnostic reports, at its catalogued severity', () => {
      expect(reported.length).toBeGreaterThan(0);
      for (const d of reported) {
        expect(known.has(d.rule), `${d.file}:${d.line} reports rule "${d.rule}", which RULE_CATALOGUE does not list`).toBe(true);
        const entry: { severity: string; also?: { severity: string } } = RULE_CATALOGUE[d.rule];
        expect([entry.severity, entry.also?.severity], `${d.file}:${d.line} (${d.rule}) reports a ${d.severity}`).toContain(d.severity);
      }
    });

    it('has no entry that nothing reports (or it says why in NOT_IN_FIXTURES)', () => {
      const seen = new Set<string>(reported.map((d) => d.rule));
      const unseen = [...known].filter((id) => !seen.has(id));
      expect(unseen.filter((id) => !(id in NOT_IN_FIXTURES)), 'no fixture reports these rules: add a scenario under test/fixtures/, or list them in NOT_IN_FIXTURES with the reason').toEqual([]);
      expect(Object.keys(NOT_IN_FIXTURES).filter((id) => !unseen.includes(id)), 'a fixture reports these now: take them off NOT_IN_FIXTURES').toEqual([]);
    });
  });
});
