import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateProject } from '../../src/lib/check/validate';
import { repoLinks } from '../../src/lib/history/file-history';
import { buildRun } from '../../src/lib/run/build-run';
import { fixtureProject } from '../fixture-project';

/**
 * Names every JavaScript object already has (`constructor`, `toString`, `hasOwnProperty`, `__proto__`)
 * are ordinary names when authors use them as a playbook question, a client's answer, a role or a
 * team key: looked up as own keys, never found on the prototype, never dropped on the way. Each case
 * is the base fixture with one change.
 */

async function validateAfter(...changes: [file: string, from: string, to: string][]) {
  const dir = await fixtureProject('_base');
  for (const [file, from, to] of changes) {
    const text = await readFile(join(dir, file), 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    await writeFile(join(dir, file), text.replace(from, to));
  }
  return validateProject(dir, { today: '2026-11-25', cache: false });
}

const tuples = (result: Awaited<ReturnType<typeof validateAfter>>) => result.diagnostics.map((d) => [d.file, d.line, d.rule, d.message]);

const PLAYBOOK = 'templates/playbooks/basic.yaml';
const CLIENT = 'content/clients/acme.yaml';
const DECLARED = 'default: true }';
/** The playbook asks `constructor` (required) and `toString` (with a default). */
const ASKS: [string, string, string] = [PLAYBOOK, DECLARED, `${DECLARED}\n  constructor: { type: string, description: Who builds? }\n  toString: { type: number, description: How many?, default: 2 }`];
const answers = (vars: string): [string, string, string] => [CLIENT, 'team: { lead: ana, finance: ben }', `team: { lead: ana, finance: ben }\nvars: ${vars}`];

describe('a playbook question or client answer named like an object property', () => {
  it('is type-checked like any other when answered', async () => {
    expect(tuples(await validateAfter(ASKS, answers('{ constructor: Bob, toString: 3 }')))).toEqual([]);
    expect(tuples(await validateAfter(ASKS, answers('{ constructor: 3, toString: three }')))).toEqual([
      [CLIENT, 7, 'client', 'vars.constructor: expected a string, found 3'],
      [CLIENT, 7, 'client', 'vars.toString: expected a number, found "three"'],
    ]);
  });

  it('is missing when not answered (not found on the prototype), and its default applies', async () => {
    expect(tuples(await validateAfter(ASKS))).toEqual([
      [CLIENT, 1, 'client', 'vars.constructor: the playbook "basic" asks "Who builds?" and this client does not answer'], // no vars: at all
    ]);
  });

  it('is undeclared when the playbook does not ask it', async () => {
    const result = await validateAfter(answers('{ constructor: Bob, hasOwnProperty: true, toString: 1 }'));
    expect(tuples(result).map(([file, line, rule, message]) => [file, line, rule, String(message).split(':')[0]])).toEqual([
      [CLIENT, 7, 'client', 'vars.constructor'],
      [CLIENT, 7, 'client', 'vars.hasOwnProperty'],
      [CLIENT, 7, 'client', 'vars.toString'],
    ]);
    expect(result.diagnostics[0]!.message).toBe('vars.constructor: the playbook "basic" does not ask this');
  });

  it('prints its value in a run\'s email, and an unanswered name prints nothing', async () => {
    const result = await validateAfter(
      ASKS,
      answers('{ constructor: Bob Builder, toString: 3 }'),
      ['templates/emails/hello.md', 'Hi {{ contact.name }},', 'Hi {{ contact.name }}, {{ vars.constructor }} ({{ vars.toString }})'],
    );
    expect(result.diagnostics).toEqual([]);
    const library = result.library!;
    const client = library.clientById.get('acme')!;
    const run = buildRun(client, library.playbookById.get('basic')!, library);
    expect(run.items.find((item) => item.globalId === 'notify#tell')!.email!.text).toContain('Hi Cy Doe, Bob Builder (3)');
  });
});

describe('a `__proto__` key is judged, not dropped without a word', () => {
  it('(zod\'s records drop it without an issue: the loader judges it instead)', () => {
    const vars = parse('{ __proto__: yes, constructor: Bob }') as object;
    expect(Object.hasOwn(vars, '__proto__')).toBe(true); // the YAML parser keeps it as an own key
    const parsed = z.record(z.string(), z.string()).safeParse(vars);
    expect(parsed.success && Object.keys(parsed.data)).toEqual(['constructor']);
  });

  it('as a playbook question: not a variable name', async () => {
    expect(tuples(await validateAfter([PLAYBOOK, DECLARED, `${DECLARED}\n  __proto__: { type: string, description: Proto? }`]))).toEqual([
      [PLAYBOOK, 6, 'schema', 'vars.__proto__: expected a variable name made of letters, digits and _'],
    ]);
  });

  it('as a team key: not a role id (at the key, as for `Lead`)', async () => {
    const lead = await validateAfter([CLIENT, 'finance: ben }', 'finance: ben, Lead: ana }']);
    expect(tuples(lead)).toEqual([
      [CLIENT, 6, 'schema', 'team.Lead: expected a kebab-case id (lower-case letters, digits and hyphens, like "account-lead"), found "Lead"'],
    ]);
    expect(lead.diagnostics[0]!.column).toBe(34);
    expect(tuples(await validateAfter([CLIENT, 'finance: ben }', 'finance: ben, __proto__: ana }']))).toEqual([
      [CLIENT, 6, 'schema', 'team.__proto__: expected a kebab-case id (lower-case letters, digits and hyphens, like "account-lead"), found "__proto__"'],
    ]);
  });

  it('as a link name: not a link name', async () => {
    expect(tuples(await validateAfter(['content/company.yaml', 'links:\n', 'links:\n  __proto__: https://example.com/\n']))).toEqual([
      ['content/company.yaml', 4, 'schema', 'links.__proto__: expected a link name made of letters, digits and _'],
    ]);
  });

  it('as a client answer: refused as a name JavaScript reserves', async () => {
    const found = (await validateAfter(answers('{ __proto__: yes }'))).diagnostics;
    expect(found.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([[CLIENT, 7, 9, 'schema']]);
    expect(found[0]!.message).toBe('vars.__proto__: "__proto__" cannot be used as a name');
  });
});

describe('a role named like an object property', () => {
  const ROLE: [string, string, string] = ['content/team.yaml', '  - id: finance\n', '  - id: constructor\n    title: Builder\n  - id: finance\n'];
  const OWNED: [string, string, string] = ['sops/notify.mdx', '    due: notice+3bd\n', '    due: notice+3bd\n    owner: constructor\n'];

  it('is reported when the client team leaves it empty', async () => {
    const found = (await validateAfter(ROLE, OWNED)).diagnostics;
    expect(found.map((d) => [d.file, d.line, d.message.split(',')[0]])).toEqual([[CLIENT, 6, 'team: nobody is assigned the role "constructor"']]);
  });

  it('is a team key like any other when it is not a role', async () => {
    expect(tuples(await validateAfter([CLIENT, 'finance: ben }', 'finance: ben, constructor: ana }'])).map((t) => t.slice(0, 3))).toEqual([[CLIENT, 6, 'reference']]);
  });
});

describe('template names that objects already have', () => {
  it('`client.constructor` is an unknown variable', async () => {
    const result = await validateAfter(['templates/emails/hello.md', 'Hi {{ contact.name }},', 'Hi {{ contact.toString }} {{ client.constructor }},']);
    expect(tuples(result).map((t) => t[3])).toEqual(['unknown variable `contact.toString`', 'unknown variable `client.constructor`']);
  });

  it('`date: "constructor"` is an unknown date format', async () => {
    const result = await validateAfter(['templates/emails/hello.md', 'date: "medium"', 'date: "constructor"']);
    expect(tuples(result).map((t) => String(t[3]).split(';')[0])).toEqual(['unknown date format "constructor"']);
  });
});

describe('a repository host named like an object property', () => {
  it.each(['constructor', '__proto__'])('https://%s/… gets the GitHub links any unknown host gets', (host) => {
    expect(repoLinks(`https://${host}/acme/offboarding`, 'sops/a.mdx')).toEqual({
      edit: `https://${host}/acme/offboarding/edit/main/sops/a.mdx`,
      history: `https://${host}/acme/offboarding/commits/main/sops/a.mdx`,
    });
  });
});
