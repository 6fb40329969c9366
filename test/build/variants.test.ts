import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_TODAY } from '../global-setup';

const run = promisify(execFile);
let project: string;

/** A throwaway copy of the project (node_modules linked) whose content a test may break. */
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'sendoff-broken-'));
  for (const entry of ['src', 'sops', 'templates', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(resolve(entry), join(project, entry), { recursive: true });
  }
  await symlink(resolve('node_modules'), join(project, 'node_modules'), 'dir');
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

async function build(env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: project,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** The copy's content as in the repository again (a test before may have broken it), and no dist/. */
async function freshCopy(): Promise<void> {
  for (const folder of ['sops', 'content']) {
    await rm(join(project, folder), { recursive: true, force: true });
    await cp(resolve(folder), join(project, folder), { recursive: true });
  }
  await rm(join(project, 'dist'), { recursive: true, force: true });
}

describe('a build with broken content', () => {
  it('fails, names the file, line and field, and leaves the existing dist/ alone', async () => {
    const file = join(project, 'sops/confirm-end-date.mdx');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^summary:/m, 'summry:'));
    const client = join(project, 'content/clients/bluebird-bakery.yaml');
    await writeFile(client, (await readFile(client, 'utf8')).replace('  end: 2026-12-18', '  end: next friday'));
    await mkdir(join(project, 'dist'), { recursive: true });
    await writeFile(join(project, 'dist/index.html'), 'the good site');

    const { code, output } = await build();

    expect(code).not.toBe(0);
    expect(output).toContain('sops/confirm-end-date.mdx:3:1 error summry: unknown field in an SOP (schema)');
    expect(output).toContain('did you mean `summary`?');
    expect(output).toContain('content/clients/bluebird-bakery.yaml:5:8 error contract.end: expected a date written YYYY-MM-DD');
    expect(output).toMatch(/2 errors, 0 warnings in 2 files/);
    expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m); // no stack trace
    expect(await readFile(join(project, 'dist/index.html'), 'utf8')).toBe('the good site');
  });
});

describe('a build without client pages (SENDOFF_CLIENT_PAGES=off)', () => {
  it('leaves out every client page and every client name', async () => {
    await freshCopy();
    const { code, output } = await build({ SENDOFF_CLIENT_PAGES: 'off' });
    expect(code, output).toBe(0);
    expect(existsSync(join(project, 'dist/clients'))).toBe(false);
    // People pages list tasks by client: they are client data too.
    expect(existsSync(join(project, 'dist/people'))).toBe(false);
    const files = (await readdir(join(project, 'dist'), { recursive: true, encoding: 'utf8' })).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const html = await readFile(join(project, 'dist', file), 'utf8');
      for (const name of ['Northwind', 'Bluebird', 'Quarry', 'alex.moreno@']) expect(html, file).not.toContain(name);
    }
  });

  it('builds without git (this copy has none): no dates, no crash, edit links still there', async () => {
    const sop = await readFile(join(project, 'dist/sops/collect-final-payment/index.html'), 'utf8');
    expect(sop).not.toContain('Last updated');
    expect(sop).toContain('href="https://github.com/harbour-and-pine/offboarding/edit/main/sops/collect-final-payment.mdx"');
    const changes = await readFile(join(project, 'dist/changes/index.html'), 'utf8');
    expect(changes).toContain('No history to show: this copy of the site was built without its git history');
  });
});

describe('a build with client pages in search (SENDOFF_SEARCH_CLIENTS=on)', () => {
  it('indexes each client page as type "Client"; the default build indexes none', async () => {
    await freshCopy();
    const { code, output } = await build({ SENDOFF_SEARCH_CLIENTS: 'on' });
    expect(code, output).toBe(0);
    const clients = (await readdir(resolve('content/clients'))).filter((file) => /\.ya?ml$/.test(file)).length;
    const pages = (dir: string) => readFile(join(dir, 'pagefind/pagefind-entry.json'), 'utf8').then((text) => JSON.parse(text).languages.en.page_count as number);
    const indexed = await pages(join(project, 'dist'));
    expect(indexed).toBe((await pages(inject('distDir'))) + clients);
    // The build says what it indexed and how long it took.
    expect(output).toMatch(new RegExp(`Search: Pagefind indexed ${indexed} of \\d+ pages in \\d+\\.\\d\\d s`));
    const html = await readFile(join(project, 'dist/clients/northwind-studio/index.html'), 'utf8');
    expect(html).toContain('data-pagefind-body');
    expect(html).toMatch(/data-pagefind-filter="type\[data-value\]"[^>]*data-value="Client"/);
    expect(await readFile(join(inject('distDir'), 'clients/northwind-studio/index.html'), 'utf8')).not.toContain('data-pagefind-body');
  });
});

describe('a build without the client-page worker (SENDOFF_CLIENT_WORKER=off)', () => {
  it('writes the same client pages and exports as the build whose worker renders them', async () => {
    await freshCopy();
    const { code, output } = await build({ SENDOFF_CLIENT_WORKER: 'off', SENDOFF_TODAY: TEST_TODAY });
    expect(code, output).toBe(0);
    // Here Astro renders every client page and export route itself; the shared build's worker wrote them.
    expect(output).not.toContain('rendered by the worker');
    const clientFiles = async (dist: string) => (await readdir(join(dist, 'clients'), { recursive: true, encoding: 'utf8' })).filter((file) => /\.(html|md|csv|ics)$/.test(file)).sort();
    const files = await clientFiles(inject('distDir'));
    expect(files.filter((file) => file.endsWith('.ics')).length).toBeGreaterThan(0);
    expect(await clientFiles(join(project, 'dist'))).toEqual(files);
    // A calendar's DTSTAMP is the time it was written.
    const stamped = (text: string) => text.replace(/^DTSTAMP:\d{8}T\d{6}Z$/gm, 'DTSTAMP:…');
    for (const file of files) {
      expect(stamped(await readFile(join(project, 'dist/clients', file), 'utf8')), file).toBe(stamped(await readFile(join(inject('distDir'), 'clients', file), 'utf8')));
    }
  });
});
