import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { countDiagnostics } from '../../src/lib/check/diagnostics';
import { validateProject } from '../../src/lib/check/validate';

/**
 * `check` and the build read content through one pipeline, so they cannot disagree. Each scenario is
 * a case where they once did: the same fixture library goes to `check` and to a real `astro build`,
 * and both must pass or both fail, at the same file:line, with the same ids.
 */

const run = promisify(execFile);
const projects: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The fixture library (test/fixtures/_base) with the site's code, node_modules linked, changed by `edit`. */
async function fixtureSite(edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sendoff-pipeline-'));
  projects.push(dir);
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(resolve(entry), join(dir, entry), { recursive: true });
  await cp(resolve('test/fixtures/_base'), dir, { recursive: true });
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  await edit(dir);
  return dir;
}

async function build(dir: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: dir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', SENDOFF_TODAY: '2026-11-25' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return { ok: false, output: failed.stdout + failed.stderr };
  }
}

async function check(dir: string) {
  const { library, diagnostics } = await validateProject(dir, { today: '2026-11-25', cache: false });
  return { ok: countDiagnostics(diagnostics).errors === 0, library, errors: diagnostics.filter((d) => d.severity === 'error') };
}

const edit = async (dir: string, file: string, change: (text: string) => string) => writeFile(join(dir, file), change(await readFile(join(dir, file), 'utf8')));

const scenarios: { name: string; rule: string; edit: (dir: string) => Promise<void> }[] = [
  {
    name: 'company.yaml with 150 aliases',
    rule: 'yaml',
    edit: (dir) => edit(dir, 'content/company.yaml', (text) => `${text}signature: &s Thanks\nx:\n${Array.from({ length: 150 }, () => '  - *s').join('\n')}\n`),
  },
  {
    name: 'a `<<` merge inside links:',
    rule: 'yaml',
    edit: (dir) => edit(dir, 'content/company.yaml', (text) => text.replace('links:\n', 'links:\n  <<: { booking: https://example.com/book }\n')),
  },
  {
    name: 'sops/Pay.mdx, a file name that is not an id (was Close-Out.mdx)',
    rule: 'file-name',
    edit: (dir) => rename(join(dir, 'sops/pay.mdx'), join(dir, 'sops/Pay.mdx')),
  },
  {
    name: 'Notify.mdx beside notify.mdx',
    rule: 'duplicate-file',
    edit: (dir) => cp(join(dir, 'sops/notify.mdx'), join(dir, 'sops/Notify.mdx')),
  },
  {
    name: 'acme.yml beside acme.yaml',
    rule: 'duplicate-file',
    edit: (dir) => cp(join(dir, 'content/clients/acme.yaml'), join(dir, 'content/clients/acme.yml')),
  },
  {
    name: 'a when: condition ending in %}',
    rule: 'when',
    edit: (dir) => edit(dir, 'sops/pay.mdx', (text) => text.replace('when: outstanding.invoices.size > 0', 'when: outstanding.invoices.size > 0 %}')),
  },
];

describe('check and the build agree', () => {
  it.each(scenarios)('$name: both fail, at the same place', async (scenario) => {
    const dir = await fixtureSite(scenario.edit);
    const checked = await check(dir);
    const built = await build(dir);
    expect(checked.ok).toBe(false);
    expect(checked.errors.map((d) => d.rule)).toContain(scenario.rule);
    expect(built.ok).toBe(false);
    for (const error of checked.errors) expect(built.output).toContain(`${error.file}:${error.line}:${error.column}`);
    expect(built.output).not.toMatch(/Stack trace|^\s+at .+\(.+:\d+:\d+\)$/m);
  });

  it('the valid library: both pass, and every page has the id check gave its file', async () => {
    const dir = await fixtureSite(async () => undefined);
    const checked = await check(dir);
    const built = await build(dir);
    expect(checked.errors).toEqual([]);
    expect(built.ok, built.output).toBe(true);
    const pages = async (folder: string) => (await readdir(join(dir, 'dist', folder), { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const library = checked.library!;
    expect(await pages('sops')).toEqual(library.sops.map((sop) => sop.id).sort());
    expect(await pages('emails')).toEqual(library.emails.map((email) => email.id).sort());
    expect(await pages('playbooks')).toEqual(library.playbooks.map((playbook) => playbook.id).sort());
    expect(await pages('clients')).toEqual(library.clients.map((client) => client.id).sort());
  });
});
