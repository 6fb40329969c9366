import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, inject } from 'vitest';
import { browserAvailable, test } from './fixtures';

/**
 * Recording from the client page: on `astro dev`, ticking a task writes the client file; on the static
 * site, ticks kept in the browser are offered as YAML to paste, and there is no endpoint at all.
 */

const TODAY = '2026-12-01';
const COMMENT = '# Acme is our oldest client: keep this comment.';

/** This process's environment without the test runner's variables. */
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST' && name !== 'NODE_ENV'));
}

/** A free port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts an Astro command in `dir` and waits until `path` answers 200 (the first dev render takes a while). */
async function startAstro(
  dir: string,
  command: 'dev' | 'preview',
  path: string,
  extra: string[] = [],
  started: (child: ChildProcess) => void = () => {},
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', command, '--port', String(port), '--host', '127.0.0.1', ...extra], {
    cwd: dir,
    // The server runs as a developer's would: without the test runner's own variables (Vitest's hooks in NODE_OPTIONS).
    env: { ...serverEnv(), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', SENDOFF_TODAY: TODAY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started(child);
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  let last = 'no answer';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro ${command} exited:\n${output}`);
    try {
      const status = (await fetch(url + path, { signal: AbortSignal.timeout(60_000) })).status;
      if (status === 200) break;
      last = `HTTP ${status}`;
    } catch (error) {
      last = String(error); // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`astro ${command} did not serve ${path} in time (last: ${last}):\n${output}`);
    await new Promise((wait) => setTimeout(wait, 500));
  }
  return { url, child, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** The fixture library (test/fixtures/_base) with the site's code, node_modules linked, in a temp folder. */
async function fixtureSite(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sendoff-dev-record-'));
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(resolve(entry), join(dir, entry), { recursive: true });
  await cp(resolve('test/fixtures/_base'), dir, { recursive: true, filter: (source) => basename(source) !== 'node_modules' });
  await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  // A dev server that starts in seconds on a busy machine: no dev toolbar and no dependency pre-bundling
  // (the page's scripts are the site's own modules), in a cache of its own, not the shared node_modules.
  const config = join(dir, 'astro.config.mjs');
  const text = await readFile(config, 'utf8');
  if (!text.includes('  vite: {\n')) throw new Error('astro.config.mjs has no `vite: {` to add the dev settings to');
  await writeFile(
    config,
    text.replace('  vite: {\n', "  devToolbar: { enabled: false },\n  vite: {\n    cacheDir: '.vite-cache',\n    optimizeDeps: { noDiscovery: true, include: [] },\n"),
  );
  const client = join(dir, 'content/clients/acme.yaml');
  await writeFile(client, `${COMMENT}\n${await readFile(client, 'utf8')}`);
  return dir;
}

describe.runIf(browserAvailable)('recording on the dev server', () => {
  // A dev server on a shared 2-core machine takes its time to start and to render a page the first time.
  test('a tick asks who you are once, writes the client file with comments kept, and the reloaded page shows it done', { timeout: 420_000 }, async ({ browser, onTestFinished }) => {
    const dir = await fixtureSite();
    let server: ChildProcess | undefined;
    onTestFinished(async () => {
      if (server) await stop(server);
      await rm(dir, { recursive: true, force: true });
    });
    const dev = await startAstro(dir, 'dev', '/clients/acme/', [], (child) => (server = child));
    const clientFile = () => readFile(join(dir, 'content/clients/acme.yaml'), 'utf8');

    const context = await browser.newContext({ baseURL: dev.url });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    await page.goto('/clients/acme/');
    await page.locator('#task-notify-tell label').click();
    const who = page.getByRole('dialog', { name: 'Who are you?' });
    await who.waitFor();
    await who.getByLabel('Your name').selectOption('ana');
    await who.getByRole('button', { name: 'Continue' }).click();

    await expect.poll(clientFile, { timeout: 30_000 }).toContain('\ndone:\n  notify#tell: { on: 2026-12-01, by: ana }\n');
    expect((await clientFile()).startsWith(`${COMMENT}\nname: Acme\n`)).toBe(true);

    // The dev server re-reads the file: a reload renders the task as recorded, with the person's name.
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('#task-notify-tell').getAttribute('data-recorded');
      }, { timeout: 30_000 })
      .toBe(TODAY);
    expect(await page.locator('#task-notify-tell [data-fact="done"]').innerText()).toMatch(/Ana Lima/);
    await expect.poll(() => page.locator('[data-record-who]').textContent()).toBe('Recording as Ana Lima');

    // The browser remembers who you are: the next tick asks nothing.
    await page.locator('#task-notify-confirm label').click();
    await expect.poll(clientFile, { timeout: 30_000 }).toContain('  notify#confirm: { on: 2026-12-01, by: ana }\n');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(dev.output()).toContain('Recorded in content/clients/acme.yaml: notify#tell done by ana on 2026-12-01');
  });
});

describe.runIf(browserAvailable)('recording from the static site', () => {
  test('ticks kept in the browser show as not recorded, and "Record N ticks" copies the YAML and opens the file on the git host', async ({ newContext }) => {
    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // The edit page is on GitHub: nothing leaves the machine in a test.
    const opened: string[] = [];
    await context.route(/^https:\/\/github\.com\//, (route) => {
      opened.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto('/clients/quarry-logistics/');
    const open = page.locator('li.run-item:not([data-recorded])');
    const [first, second] = [open.nth(0), open.nth(1)];
    const ids = [await first.getAttribute('data-item'), await second.getAttribute('data-item')];
    await first.locator('input.run-check').check();
    await second.locator('input.run-check').check();

    await expect.poll(() => page.locator('[data-local-tick]').count()).toBe(2);
    expect(await first.locator('[data-local-tick]').innerText()).toBe('ticked on this device');
    const button = page.getByRole('button', { name: 'Record 2 ticks' });
    await button.focus();
    await page.keyboard.press('Enter');
    const who = page.getByRole('dialog', { name: 'Who are you?' });
    await who.getByLabel('Your name').selectOption({ index: 1 });
    const me = await who.getByLabel('Your name').inputValue();
    const [popup] = await Promise.all([context.waitForEvent('page'), who.getByRole('button', { name: 'Continue' }).click()]);

    const day = await page.evaluate(() => JSON.parse(localStorage.getItem('sendoff:progress:client:quarry-logistics')!) as Record<string, string>);
    const on = Object.values(day)[0];
    const lines = ids.map((id) => `  ${id}: { on: ${on}, by: ${me} }`).join('\n');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.endsWith(`${lines}\n`)).toBe(true);
    expect(await page.locator('.record-yaml').textContent()).toBe(copied);
    expect(popup).toBeTruthy();
    await expect.poll(() => opened).toEqual(['https://github.com/harbour-and-pine/offboarding/edit/main/content/clients/quarry-logistics.yaml']);
    expect(await page.locator('[data-record-message]').innerText()).toMatch(/^Copied the YAML for 2 ticks\. Paste it /);
  });

  test('the static build has no record endpoint: nothing in dist names it, and astro preview refuses a POST', async ({ onTestFinished }) => {
    const dist = inject('distDir');
    const files = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && /\.(?:html|js|mjs|json)$/.test(entry.name));
    for (const file of files) expect(await readFile(join(file.parentPath, file.name), 'utf8'), file.name).not.toContain('/_sendoff/');

    let server: ChildProcess | undefined;
    onTestFinished(() => (server ? stop(server) : undefined));
    const preview = await startAstro(resolve('.'), 'preview', '/', ['--outDir', dist], (child) => (server = child));
    const response = await fetch(`${preview.url}/_sendoff/record`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: preview.url },
      body: JSON.stringify({ client: 'quarry-logistics', item: 'x#y', by: 'x' }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('"ok":true');
  });
});
