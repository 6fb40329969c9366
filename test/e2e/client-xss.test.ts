import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import { stringify } from 'yaml';
import { browserAvailable, test } from './fixtures';

const run = promisify(execFile);
const PAYLOAD = {
  img: '<img src=x onerror=alert(1)>',
  script: '"><script>alert(2)</script>',
  js: 'javascript:alert(3)',
  svg: "'><svg onload=alert(4)>",
};

/** A client record with a script payload in every free-text field. */
const hostileClient = {
  name: PAYLOAD.img,
  playbook: 'standard-retainer',
  contract: { start: '2025-01-01', end: '2027-02-26', reason: 'mutual' },
  contacts: [
    { name: PAYLOAD.script, email: 'robin@hostile.example.com', title: PAYLOAD.svg, primary: true },
    { name: PAYLOAD.js, email: 'other@hostile.example.com', role: 'billing' }, // the final invoice's recipient
  ],
  team: { 'account-lead': 'theo-okafor', 'project-manager': 'priya-raman', finance: 'ines-carvalho', operations: 'dev-patel', director: 'mara-lindqvist' },
  outstanding: { invoices: [{ number: PAYLOAD.script, amount: 10, currency: 'USD', due: '2027-01-01' }], deliverables: [{ name: PAYLOAD.svg, status: 'in-progress' }] },
  vars: { keepsDomains: true, handoverLink: PAYLOAD.js },
  notes: `${PAYLOAD.img} ${PAYLOAD.script}`,
};

// This file serves its own build: the starter project with the hostile client added.
test.override('siteDir', { scope: 'file' }, async ({}, { onCleanup }) => {
  const project = await mkdtemp(join(tmpdir(), 'sendoff-xss-'));
  onCleanup(() => rm(project, { recursive: true, force: true }));
  for (const entry of ['src', 'sops', 'templates', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(resolve(entry), join(project, entry), { recursive: true });
  }
  await symlink(resolve('node_modules'), join(project, 'node_modules'), 'dir');
  await writeFile(join(project, 'content/clients/hostile.yaml'), stringify(hostileClient));
  await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: project,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SENDOFF_TODAY: '2026-11-25' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return join(project, 'dist');
});

describe.runIf(browserAvailable)('a client record full of markup, built and opened in Chromium', () => {
  // The first test to ask for the site builds it: the build's time counts towards this test's.
  test('shows every value as text, opens no dialog, and prints and exports the same text', { timeout: 360_000 }, async ({ page, siteDir }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto('/clients/hostile/');
    await expect(page.locator('main h1').textContent()).resolves.toBe(PAYLOAD.img);
    await expect(page.locator('.run-people li strong').allTextContents()).resolves.toEqual([PAYLOAD.script, PAYLOAD.js]);
    await expect(page.locator('.run-notes').textContent()).resolves.toBe(`Notes: ${PAYLOAD.img} ${PAYLOAD.script}`);
    await page.locator('details.run-email').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ format: 'A4' });
    await page.waitForTimeout(300);
    expect(await page.locator('main img, main svg, main iframe').count()).toBe(0);
    // The page's own scripts (the modules Astro bundles for ticks, copying and recording) are the only ones
    // that run; the recording's settings are a JSON data block, which a browser never runs, holding no tag.
    const scripts = await page.locator('main script').evaluateAll((all) => all.map((script) => ({ src: script.getAttribute('src') ?? '', type: script.getAttribute('type') ?? '', text: script.textContent ?? '' })));
    expect(scripts.filter((script) => script.type !== 'application/json').map((script) => script.src.startsWith('/_astro/'))).toEqual([true, true]);
    const data = scripts.filter((script) => script.type === 'application/json');
    expect(data).toHaveLength(1);
    expect(data[0]!.text).not.toContain('<');
    expect(JSON.parse(data[0]!.text)).toMatchObject({ file: expect.stringMatching(/^content\/clients\//) });
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--run-title'))).toContain('\\3c img');
    expect(dialogs).toEqual([]);

    await page.goto('/clients/');
    await expect(page.getByRole('link', { name: PAYLOAD.img }).count()).resolves.toBe(1);
    expect(dialogs).toEqual([]);

    const calendar = Object.values(ical.sync.parseICS(await readFile(join(siteDir, 'clients/hostile/hostile.ics'), 'utf8')));
    expect((calendar.find((entry) => entry?.type === 'VEVENT') as VEvent).summary).toMatch(/^<img src=x onerror=alert\(1\)>: /);
    expect((await readFile(join(siteDir, 'clients/hostile/hostile.md'), 'utf8')).split('\n')[0]).toBe('# Offboarding: \\<img src=x onerror=alert(1)>');
  });
});
