import { describe, expect, it } from 'vitest';
import { gitProject } from '../git-project';
import { sendoff } from './helpers/sendoff';

/**
 * Runs `sendoff diff` on the project in `dir`, in this process. The default root (the current folder)
 * and the real process's exit code are covered by the CLI test in diff-refs.test.ts.
 */
const diff = (dir: string, ...args: string[]) => sendoff(['diff', '--today', '2026-11-25', '--root', dir, ...args]);

describe('sendoff diff (the CLI)', () => {
  it('compares the working tree with where the branch left main, by default', async () => {
    const project = await gitProject();
    await project.git('checkout', '-q', '-b', 'faster-invoice');
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    await project.commit('Invoice earlier');
    await project.replace('sops/pay.mdx', 'task: Remind\n', 'task: Send a friendly reminder\n'); // uncommitted
    const result = await diff(project.dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Comparing `main` (`');
    expect(result.stdout).toContain(') with the working tree.\n');
    expect(result.stdout).toContain('  - Due: on the contract end date → 5 working days before the contract end (`0d` → `-5bd`)\n');
    expect(result.stdout).toContain('  - Task: “Remind” → “Send a friendly reminder”\n');
  });

  it('prints the same report as JSON', async () => {
    const project = await gitProject();
    await project.replace('templates/emails/hello.md', 'Tell us how we did: {{ links.feedback }}\n', '');
    const result = await diff(project.dir, '--format', 'json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.base).toEqual({ ref: 'main', commit: (await project.git('rev-parse', 'main')).trim() });
    expect(report.head).toEqual({ ref: 'working tree', commit: null });
    expect(report.emails[0].variables).toEqual({ added: [], removed: ['links.feedback'] });
    expect(report.impact).toMatchObject({ today: '2026-11-25', activeClients: 1, affected: [] });
  });

  it('exits 2 with one clear paragraph for a ref that does not exist', async () => {
    const project = await gitProject();
    const result = await diff(project.dir, '--base', 'origin/nope');
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'sendoff diff: `origin/nope` is not a commit in this repository. Check the spelling with `git log --oneline origin/nope`; a remote branch needs fetching first (in GitHub Actions, check out with `fetch-depth: 0`).\n',
    });
  });

  it('exits 2 when the base version does not parse, naming the file and line', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', 'summary: Send the final invoice.\n', 'summry: Send the final invoice.\n');
    const broken = await project.commit('Typo');
    await project.replace('sops/pay.mdx', 'summry:', 'summary:');
    await project.commit('Fix the typo');
    const result = await diff(project.dir, '--base', broken.slice(0, 10), '--head', 'HEAD');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `sendoff diff: The base version, \`${broken.slice(0, 10)}\` (${broken.slice(0, 7)}), does not load cleanly: sops/pay.mdx:3:1 summry: unknown field in an SOP. Compare with another --base, or fix the content there first.\n`,
    );
  });

  it('exits 2 outside a git repository', async () => {
    const { fixtureProject } = await import('../fixture-project');
    const dir = await fixtureProject('_base');
    const result = await diff(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`sendoff diff: ${dir} is not inside a git repository (or git is not installed), so there is no earlier version to compare with.\n`);
  });
});
