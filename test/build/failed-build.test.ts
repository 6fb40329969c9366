import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const projects: string[] = [];

/**
 * A tiny site to build: the app (src/, config) with a fixture scenario's content (test/fixtures/_base
 * with the scenario laid over it), node_modules linked, and a "good" dist/ from an earlier build.
 */
async function fixtureSite(scenario: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sendoff-build-${scenario}-`));
  projects.push(dir);
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(resolve(entry), join(dir, entry), { recursive: true });
  // A validation run on a fixture folder itself leaves a cache in its node_modules/: not part of the fixture.
  const filter = (source: string) => basename(source) !== 'node_modules';
  await cp(resolve('test/fixtures/_base'), dir, { recursive: true, filter });
  if (scenario !== '_base') await cp(resolve('test/fixtures', scenario), dir, { recursive: true, force: true, filter });
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'dist/index.html'), 'the good site');
  return dir;
}

async function build(dir: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What a failed build must leave: the earlier dist/ as it was, and no staging folder. */
async function expectNothingChanged(dir: string): Promise<void> {
  expect(await readFile(join(dir, 'dist/index.html'), 'utf8')).toBe('the good site');
  expect(await readdir(join(dir, 'dist'))).toEqual(['index.html']);
  expect((await readdir(dir)).filter((name) => name.includes('sendoff-'))).toEqual([]);
}

afterAll(async () => {
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('a failed build of a tiny fixture site', () => {
  it('stops on broken content with the check report and a hint, no stack trace, and changes nothing', async () => {
    const dir = await fixtureSite('schema');
    const { code, stdout, stderr } = await build(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('[ContentCheckFailed] The content has problems; nothing was built.');
    expect(stderr).toContain('sops/notify.mdx:3:1 error sumary: unknown field in an SOP (schema)');
    expect(stderr).toContain('> 3 | sumary: Tell the client and the team.');
    expect(stderr).toContain('content/clients/acme.yaml:8:37 error outstanding.invoices[0].amount: expected a number, found string "12" (schema)');
    expect(stderr).toContain('5 errors, 0 warnings in 2 files');
    expect(stderr).toMatch(/ {2}Hint:\n {4}Fix each problem at the file:line:column shown, then build again\./);
    expect(stderr).not.toContain('Stack trace');
    expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(stdout).not.toContain('generating static routes');
    await expectNothingChanged(dir);
  });

  it('stops on a SENDOFF_TODAY that is not a date, with the reason and no stack trace, and changes nothing', async () => {
    const dir = await fixtureSite('_base');
    const { code, stderr } = await build(dir, { SENDOFF_TODAY: '2027-02-30' });
    expect(code).toBe(1);
    expect(stderr).toContain('SENDOFF_TODAY is not a date; nothing was built');
    expect(stderr).toContain('February 2027 has 28 days');
    expect(stderr).not.toContain('Stack trace');
    expect(stderr).not.toMatch(/RangeError|^\s+at .+:\d+:\d+\)?$/m);
    await expectNothingChanged(dir);
  });

  it('leaves no staging folder and the good dist/ when a page fails to render mid-build', async () => {
    const dir = await fixtureSite('_base');
    await writeFile(join(dir, 'src/pages/broken.astro'), "---\nthrow new Error('this page cannot render');\n---\n");
    const { code, stdout, stderr } = await build(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('generating static routes'); // the build got as far as writing pages
    expect(stderr).toContain('this page cannot render');
    await expectNothingChanged(dir);
  });
});
