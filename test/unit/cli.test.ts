import { describe, expect, it } from 'vitest';
import { fixtureProject } from '../fixture-project';
import { sendoff, sendoffProcess } from './helpers/sendoff';

const ARGS = ['check', '--today', '2026-11-25', '--no-cache'];

/** Runs `sendoff check` in this process, returning its exit code and output. */
const check = (...args: string[]) => sendoff([...ARGS, ...args]);

describe('sendoff check (the CLI)', () => {
  it('prints only a clean summary, with how many files it checked, and exits 0 on a valid library', async () => {
    const result = await check('--root', await fixtureProject('runs'));
    // company, team, phases; 3 clients, 4 playbooks, 4 emails, 4 SOPs
    expect(result).toEqual({ code: 0, stdout: '18 files checked: no problems\n', stderr: '' });
  });

  it('counts the files it checked in the JSON report too', async () => {
    const result = await check('--root', await fixtureProject('_base'), '--format', 'json');
    expect(JSON.parse(result.stdout)).toMatchObject({ errors: 0, warnings: 0, checked: 9 });
  });

  // The only unit test that reads the repo's own content. Every other test uses test/fixtures, so editing
  // a starter SOP, email, playbook or client breaks no test unless it breaks the library itself.
  it('passes on the starter library itself: no errors, no warnings, the committed CODEOWNERS up to date', async () => {
    const result = await check('--root', process.cwd());
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+ files checked: no problems\n$/), stderr: '' });
  });

  it('exits 1 on errors, with a code frame, a hint and the summary (pretty)', async () => {
    const result = await check('--root', await fixtureProject('link'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatchInlineSnapshot(`
      "sops/notify.mdx:20:5 error the link to /sops/payment/ points to no page (link)
        19 |
      > 20 | See [the payment SOP](/sops/payment/).
           |      ^
        21 |
        hint: did you mean /sops/pay/?

      1 error, 0 warnings in 1 file
      "
    `);
  });

  it('writes GitHub workflow commands', async () => {
    const result = await check('--root', await fixtureProject('hygiene'), '--format', 'github');
    expect(result.code).toBe(0); // warnings only
    expect(result.stdout).toMatchInlineSnapshot(`
      "::warning file=sops/notify.mdx,line=6,endLine=6,col=25,endColumn=35,title=Sendoff review-overdue::review overdue: last reviewed 2025-01-10, due again 2025-07-10%0Acheck the SOP against how the team works today, then update review.lastReviewed
      ::warning file=sops/notify.mdx,line=14,endLine=14,col=10,endColumn=21,title=Sendoff due-range::checklist[1].due: notice+400d is more than 365 days from its anchor%0Acheck for an extra digit; offsets count from the contract end or the notice date
      ::warning file=templates/emails/unused.md,line=1,col=1,title=Sendoff unused-email::no SOP or playbook sends the email "unused"%0Aadd \`email: unused\` to the checklist item that sends it, or delete the template
      0 errors, 3 warnings in 2 files
      "
    `);
  });

  it('writes JSON', async () => {
    const result = await check('--root', await fixtureProject('cycle'), '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ errors: 1, warnings: 0, files: 1 });
    expect(report.diagnostics[0]).toEqual({
      file: 'sops/notify.mdx',
      line: 11,
      column: 12,
      endLine: 11,
      endColumn: 25,
      rule: 'cycle',
      severity: 'error',
      message: 'dependency cycle: tell → pay#invoice → confirm → tell',
      hint: 'remove one `after` in the cycle; a task cannot wait for itself',
    });
  });

  it('turns warnings into a failure with --strict', async () => {
    expect((await check('--root', await fixtureProject('hygiene'), '--strict')).code).toBe(1);
  });

  // A real process (through tsx, as a user runs it): the exit code and stderr reach the shell.
  it('exits 2 on a usage error, without a stack trace', async () => {
    const result = await sendoffProcess([...ARGS, '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid. Allowed choices are pretty, github, json.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
