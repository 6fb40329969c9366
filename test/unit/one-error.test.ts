import { readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { fixtureProject } from '../fixture-project';

/**
 * One mistake, one message. `test/fixtures/cascade` is the base fixture whose SOPs, emails and pages
 * lean on each other: an SOP tests `vars.keepsDomains`, an email prints `vars.handoverLink`, an SOP
 * links to an SOP, an email, a playbook and a client page. Each case breaks one file and expects
 * only that file's own diagnostics, not everything that could no longer be judged because of it.
 */

type Change = (dir: string) => Promise<void>;

const replaceIn = (file: string, from: string, to: string): Change => async (dir) => {
  const text = await readFile(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  await writeFile(join(dir, file), text.replace(from, to));
};

/** Replaces a file by a symbolic link to a copy of it outside the content folders. */
const linked = (file: string): Change => async (dir) => {
  const outside = join(dir, file.replaceAll('/', '-'));
  await rename(join(dir, file), outside);
  await symlink(outside, join(dir, file));
};

/** Renames a file (to a name that is not an id). */
const renamed = (file: string, to: string): Change => (dir) => rename(join(dir, file), join(dir, to));

async function diagnosticsAfter(scenario: string, change?: Change) {
  const dir = await fixtureProject(scenario);
  await change?.(dir);
  const { diagnostics } = await validateProject(dir, { today: '2026-11-25', cache: false });
  return diagnostics.map((d) => [d.file, d.line, d.rule]);
}

const PLAYBOOK = 'templates/playbooks/basic.yaml';

describe('a playbook question\'s default is of the question\'s type', () => {
  // Each row changes the base playbook's `keepsDomains: { type: boolean, …, default: true }` (line 5).
  it.each([
    ['a boolean written "false" (Liquid reads it as true)', 'default: true', 'default: "false"', 'vars.keepsDomains.default: the question is a boolean, so its default must be true or false, found "false" (write it without quotes)'],
    ['a boolean written 1', 'default: true', 'default: 1', 'vars.keepsDomains.default: the question is a boolean, so its default must be true or false, found 1'],
    ['a number written true', 'type: boolean', 'type: number', 'vars.keepsDomains.default: the question is a number, so its default must be a number such as 30, found true'],
    ['a string written true', 'type: boolean', 'type: string', 'vars.keepsDomains.default: the question is a string, so its default must be text, found true (quote it: "true")'],
    ['a date that does not exist', 'type: boolean, description: Keeps domains?, default: true', 'type: date, description: Keeps domains?, default: 2027-02-30', 'vars.keepsDomains.default: "2027-02-30" is not a date: February 2027 has 28 days'],
    ['a date written true', 'type: boolean', 'type: date', 'vars.keepsDomains.default: the question is a date, so its default must be a date written YYYY-MM-DD, found true'],
  ])('%s is an error at the default', async (_case, from, to, message) => {
    const dir = await fixtureProject('_base');
    await replaceIn(PLAYBOOK, from, to)(dir);
    const { diagnostics } = await validateProject(dir, { today: '2026-11-25', cache: false });
    expect(diagnostics.map((d) => [d.file, d.line, d.rule, d.message])).toEqual([[PLAYBOOK, 5, 'schema', message]]);
  });

  it('accepts a default of each type', async () => {
    const dir = await fixtureProject('_base');
    await replaceIn(PLAYBOOK, '  keepsDomains:', [
      '  handover: { type: date, description: Handover day, default: 2027-01-15 }',
      '  seats: { type: number, description: Seats, default: 3 }',
      '  tone: { type: string, description: Tone, default: warm }',
      '  keepsDomains:',
    ].join('\n'))(dir);
    expect((await validateProject(dir, { today: '2026-11-25', cache: false })).diagnostics).toEqual([]);
  });
});

describe('one root cause, one error', () => {
  it('the cascade fixture is valid as it is', async () => {
    expect(await diagnosticsAfter('cascade')).toEqual([]);
  });

  it.each<[string, string, Change, (string | number)[][]]>([
    // The playbook that declares the vars: its SOPs' `when:`, its emails' `vars.*` and the link to its page.
    ['_base', 'a playbook missing its title', replaceIn(PLAYBOOK, 'title: Basic\n', ''), [[PLAYBOOK, 1, 'schema']]],
    ['cascade', 'a playbook missing its title', replaceIn(PLAYBOOK, 'title: Basic\n', ''), [[PLAYBOOK, 1, 'schema']]],
    ['cascade', 'a playbook whose YAML does not parse', replaceIn(PLAYBOOK, 'title: Basic', 'title: [Basic'), [[PLAYBOOK, 2, 'yaml']]],
    ['cascade', 'a playbook default of the wrong type', replaceIn(PLAYBOOK, 'default: true', 'default: "false"'), [[PLAYBOOK, 5, 'schema']]],
    ['cascade', 'a playbook that is a symbolic link', linked(PLAYBOOK), [[PLAYBOOK, 1, 'symlink']]],
    ['cascade', 'a playbook whose file name is not an id', renamed(PLAYBOOK, 'templates/playbooks/Basic.yaml'), [['templates/playbooks/Basic.yaml', 1, 'file-name']]],
    // An SOP: the playbook listing it, the email only it sends, links to its page.
    ['cascade', 'an SOP missing its title', replaceIn('sops/pay.mdx', 'title: Get paid\n', ''), [['sops/pay.mdx', 2, 'schema']]],
    ['cascade', 'an SOP that is a symbolic link', linked('sops/pay.mdx'), [['sops/pay.mdx', 1, 'symlink']]],
    ['cascade', 'an SOP that is not UTF-8', async (dir) => writeFile(join(dir, 'sops/pay.mdx'), Buffer.from((await readFile(join(dir, 'sops/pay.mdx'), 'utf8')).replace('Body.', 'Caf\xe9.'), 'latin1')), [['sops/pay.mdx', 19, 'encoding']]],
    ['cascade', 'an SOP whose file name is not an id', renamed('sops/pay.mdx', 'sops/Pay.mdx'), [['sops/Pay.mdx', 1, 'file-name']]],
    ['cascade', 'an SOP whose item another SOP waits for', replaceIn('sops/notify.mdx', 'title: Notify everyone\n', ''), [['sops/notify.mdx', 2, 'schema']]],
    // An email: the SOP item that sends it, links to its page.
    ['cascade', 'an email missing its title', replaceIn('templates/emails/hello.md', 'title: Hello\n', ''), [['templates/emails/hello.md', 2, 'schema']]],
    ['cascade', 'an email that is a symbolic link', linked('templates/emails/hello.md'), [['templates/emails/hello.md', 1, 'symlink']]],
    // A client: links to its page.
    ['cascade', 'a client missing its name', replaceIn('content/clients/acme.yaml', 'name: Acme\n', ''), [['content/clients/acme.yaml', 1, 'schema']]],
    // The files everything reads: nothing else is judged until they are valid.
    ['cascade', 'a team file with a role missing its title', replaceIn('content/team.yaml', '    title: Finance\n', ''), [['content/team.yaml', 4, 'schema']]],
    ['cascade', 'a company file missing its name', replaceIn('content/company.yaml', 'name: Fixture Co\n', ''), [['content/company.yaml', 1, 'schema']]],
    ['cascade', 'a phase missing its title', replaceIn('content/phases.yaml', '  title: End\n', ''), [['content/phases.yaml', 4, 'schema']]],
  ])('%s: %s gives only its own error', async (scenario, _what, change, expected) => {
    expect(await diagnosticsAfter(scenario, change)).toEqual(expected);
  });

  it('still reports a `vars.*` that a valid playbook using the SOP does not declare, beside a broken playbook', async () => {
    const found = await diagnosticsAfter('cascade', async (dir) => {
      // A second playbook, broken, and an SOP condition the valid one cannot answer.
      await writeFile(join(dir, 'templates/playbooks/broken.yaml'), 'description: No title.\nsops: [notify]\n');
      await replaceIn('sops/notify.mdx', 'when: vars.keepsDomains', 'when: vars.keepDomains')(dir);
    });
    expect(found).toEqual([
      ['sops/notify.mdx', 16, 'when'],
      ['templates/playbooks/broken.yaml', 1, 'schema'],
    ]);
  });
});
