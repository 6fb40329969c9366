import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/lib/record/answers';
import { fixtureProject } from '../fixture-project';
import { sendoff } from './helpers/sendoff';

const TODAY = '2026-11-25';
const ACME = 'content/clients/acme.yaml';

/** No git identity unless a test gives one: the machine's own `git config user.email` must not leak in. */
const NO_GIT_USER = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', SENDOFF_TODAY: '' };

/** The record-valid fixture (acme, with a commented done: block) and a `done` runner in it. */
async function project(scenario = 'record-valid') {
  const dir = await fixtureProject(scenario);
  const read = () => readFile(join(dir, ACME), 'utf8');
  const before = await read();
  const done = (args: string[], env: Record<string, string> = {}) => sendoff(['done', ...args, '--root', dir, '--today', TODAY, '--no-cache'], { ...NO_GIT_USER, ...env });
  return { dir, read, before, done };
}

describe('sendoff done: one task recorded in the client file', () => {
  it('appends the entry under done:, keeping the comment, the block entry and the order', async () => {
    const { read, before, done } = await project();
    const result = await done(['acme', 'pay#invoice', '--by', 'ben', '--note', 'Sent: by post, too']);
    expect(result).toEqual({ code: 0, stdout: 'recorded in content/clients/acme.yaml: “Send the final invoice” (pay#invoice) done by Ben Ode on 2026-11-25\n', stderr: '' });
    expect(await read()).toBe(`${before.trimEnd()}\n  pay#invoice: { on: 2026-11-25, by: ben, note: "Sent: by post, too" }\n`);
  });

  it('creates done: in a file that has none, and takes --by from git config user.email', async () => {
    const { read, before, done } = await project('_base');
    const gitConfig = join(await mkdtemp(join(tmpdir(), 'sendoff-git-')), 'config');
    await writeFile(gitConfig, '[user]\n\temail = Ana@Example.com\n');
    const result = await done(['acme', 'tell', '--on', '2026-11-20'], { GIT_CONFIG_GLOBAL: gitConfig });
    expect(result.code).toBe(0);
    expect(await read()).toBe(`${before}done:\n  notify#tell: { on: 2026-11-20, by: ana }\n`);
  });

  it('asks for --by when git does not say who you are, naming the task’s owner for this client', async () => {
    const { read, before, done } = await project('_base');
    const result = await done(['acme', 'notify#tell']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(`
      "sendoff done: --by is needed: \`git config user.email\` is not set, so who you are is not known
        hint: say who did it with a person id, e.g. --by ana (Ana Lima, Acme's account lead); or set \`git config user.email\` to your address in content/team.yaml
      "
    `);
    expect(await read()).toBe(before);
  });

  it('replaces an entry (in its block style) and undoes one, leaving the rest of the file as it was', async () => {
    const { read, before, done } = await project();
    expect((await done(['acme', 'confirm', '--by', 'ana', '--on', '2026-11-24', '--answer', 'Cy Doe (Owner), 2026-11-23'])).code).toBe(0);
    expect(await read()).toBe(before.replace('    on: 2026-11-25\n', '    on: 2026-11-24\n').replace('on: 2026-11-24 }', 'on: 2026-11-23 }'));
    const undo = await done(['acme', 'notify#rate', '--undo']);
    expect(undo.stdout).toBe('removed from content/clients/acme.yaml: “Ask how we did” (notify#rate), recorded as done by Ana Lima on 2026-01-01\n');
    expect(await read()).not.toContain('notify#rate');
    expect(await read()).toContain('# Half-way through');
    expect(await done(['acme', 'notify#rate', '--undo'])).toEqual({ code: 0, stdout: 'nothing to undo: “Ask how we did” (notify#rate) is not recorded for Acme\n', stderr: '' });
  });

  it('reads --answer by the task’s spec: a choice in any case, written as the option is spelt', async () => {
    const { read, done } = await project();
    await done(['acme', 'tell', '--undo']);
    expect((await done(['acme', 'tell', '--by', 'ana', '--answer', 'moved IN-HOUSE'])).code).toBe(0);
    expect(await read()).toContain('  notify#tell: { on: 2026-11-25, by: ana, answer: Moved in-house }\n');
  });

  it.each([
    [['acme', 'pay#invoce', '--by', 'ben'], 'sendoff done: Acme: no task "pay#invoce" in this client\'s run (playbook "basic")\n  hint: did you mean "pay#invoice"? A task is named by its global id, <sop-id>#<item-id>.\n'],
    [['acme', 'remind', '--by', 'ben'], 'sendoff done: Acme: "Remind" is not in this client\'s run: its condition `when: outstanding.invoices.size > 0` is false for this client\n  hint: remove this entry, or, if the task did apply, correct the client\'s answers the condition reads\n'],
    [['acme', 'old', '--by', 'ana'], 'sendoff done: Acme: "Fax the contract" is not in this client\'s run: the playbook "basic" skips it (`skip:`)\n  hint: remove this entry: nobody has to do a task the run leaves out\n'],
    [['acme', 'tell', '--by', 'Ana'], 'sendoff done: --by: no person "Ana" in content/team.yaml\n  hint: did you mean "ana"?\n'],
    [['acme', 'rate', '--by', 'ana', '--answer', '11'], 'sendoff done: --answer: "How would you rate us?" takes a whole number from 1 to 10, found the number 11\n  hint: give --answer a whole number from 1 to 10\n'],
    [['acme', 'tell', '--by', 'ana', '--answer', 'budgte'], 'sendoff done: --answer: "budgte" is not one of the options of "Primary reason for leaving?" (Budget, Moved in-house)\n  hint: did you mean "Budget"? give --answer one of: Budget, Moved in-house\n'],
    [['acme', 'invoice', '--by', 'ben', '--answer', 'yes'], 'sendoff done: --answer: “Send the final invoice” asks for no answer\n  hint: leave out --answer, or put what you wanted to say in --note\n'],
    [['acme', 'tell', '--undo', '--by', 'ana'], 'sendoff done: --undo removes the record: --by would be thrown away\n  hint: leave them out to undo, or leave out --undo to record again\n'],
    [['acmee', 'tell'], 'sendoff done: no client "acmee" in content/clients/\n  hint: did you mean "acme"?\n'],
  ])('refuses %j with a reason and a hint, and writes nothing', async (args, stderr) => {
    const { read, before, done } = await project();
    expect(await done(args)).toEqual({ code: 1, stdout: '', stderr });
    expect(await read()).toBe(before);
  });

  it('checks the edited file with check’s own rules before writing: a future date is refused at its line', async () => {
    const { read, before, done } = await project();
    const result = await done(['acme', 'pay#invoice', '--by', 'ben', '--on', '2026-12-01']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(`
      "sendoff done: nothing written: the new record of “Send the final invoice” (pay#invoice) would not pass \`npm run check\` (lines as they would be in content/clients/acme.yaml):

      content/clients/acme.yaml:15:22 error done.pay#invoice.on: the day it was done (2026-12-01) is after today (2026-11-25) (record)
        14 |   notify#rate: { on: 2026-01-01, by: ana, answer: 10 }
      > 15 |   pay#invoice: { on: 2026-12-01, by: ben }
           |                       ^
        16 |
        hint: write the day the task was done; a future date is usually a typo in the month or the year (\`check\` takes today from --today or SENDOFF_TODAY when given)

      1 error, 0 warnings in 1 file
      "
    `);
    expect(await read()).toBe(before);
  });

  it('records a task that asks for an answer without one, and warns', async () => {
    const { read, done } = await project();
    await done(['acme', 'notify#rate', '--undo']);
    const result = await done(['acme', 'rate', '--by', 'ana']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning done.notify#rate: "Ask how we did" asks "How would you rate us?" and the record has no answer');
    expect(result.stdout).toContain('to add the answer: npm run done -- acme notify#rate --answer <a whole number>');
    expect(await read()).toContain('  notify#rate: { on: 2026-11-25, by: ana }\n');
  });

  it('updates an entry with what is given and keeps the rest: an answer added later keeps the day and the person', async () => {
    const { read, done } = await project();
    const result = await done(['acme', 'tell', '--answer', 'budget'], { SENDOFF_TODAY: '2026-11-25' });
    expect(result.stdout).toBe('updated in content/clients/acme.yaml: “Tell the client” (notify#tell) done by Ana Lima on 2026-11-02\n');
    expect(await read()).toContain('  notify#tell: { on: 2026-11-02, by: ana, note: "Their new CMO, #1 priority", answer: Budget }\n');
    expect((await done(['acme', 'tell', '--note', ''])).code).toBe(0);
    expect(await read()).toContain('  notify#tell: { on: 2026-11-02, by: ana, answer: Budget }\n');
  });
});

describe('parseAnswer: --answer read by the item’s answer spec', () => {
  const choice = { type: 'choice', question: 'Why?', options: ['Budget', 'Moved in-house', 'budget cuts'] } as const;
  it.each([
    [choice, ' moved in-house ', { value: 'Moved in-house' }],
    [choice, 'BUDGET', { value: 'Budget' }],
    [{ type: 'rating', question: 'Rate us', scale: 10 }, '7', { value: 7 }],
    [{ type: 'text', question: 'Anything else?' }, '42', { value: '42' }],
    [{ type: 'signoff', question: 'Signed' }, 'Ana Ruiz, 2026-11-30', { value: { name: 'Ana Ruiz', on: '2026-11-30' } }],
    [{ type: 'signoff', question: 'Signed' }, 'Ana Ruiz (Principal), 2026-11-30', { value: { name: 'Ana Ruiz', title: 'Principal', on: '2026-11-30' } }],
  ] as const)('%j reads %j', (spec, text, expected) => {
    expect(parseAnswer({ ...spec } as never, text)).toEqual(expected);
  });

  it.each([
    [{ type: 'rating', question: 'Rate us', scale: 10 }, '7.5', '"Rate us" takes a whole number from 1 to 10, found the number 7.5'],
    [{ type: 'rating', question: 'Rate us', scale: 5 }, 'great', '"Rate us" takes a whole number from 1 to 5, found "great"'],
    [{ type: 'signoff', question: 'Signed' }, 'Ana Ruiz', '"Signed" takes a sign-off, written "Name, 2026-11-30" or "Name (Title), 2026-11-30"; found "Ana Ruiz"'],
    [{ type: 'signoff', question: 'Signed' }, 'Ana Ruiz, 2026-02-30', '"Signed" takes a sign-off, written "Name, 2026-11-30" or "Name (Title), 2026-11-30"; found "Ana Ruiz, 2026-02-30" ("2026-02-30" is not a date: February 2026 has 28 days)'],
    [{ type: 'text', question: 'Anything else?' }, '  ', '"Anything else?" needs an answer, found nothing'],
  ] as const)('%j refuses %j', (spec, text, message) => {
    const parsed = parseAnswer({ ...spec } as never, text);
    expect('problem' in parsed && parsed.problem.message).toBe(message);
  });
});
