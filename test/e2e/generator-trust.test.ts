import { readFileSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { stringify } from 'yaml';
import { loadContent } from '../../src/lib/content/load';
import { createLibrary, type Library } from '../../src/lib/content/library';
import { validateProject } from '../../src/lib/check/validate';
import { defaultTeam } from '../../src/lib/run/generator-form';
import { TEST_TODAY } from '../global-setup';
import { browserAvailable, test } from './fixtures';

/**
 * The generator can be trusted like a client page: one click after typing does what it says (the
 * preview is not rebuilt under the pointer), and it judges the client with check's own rules.
 */

let starter: Library;
beforeAll(async () => {
  const { input } = await loadContent(resolve('.'));
  starter = createLibrary(input!);
});

const TICKED = 'li[data-item="confirm-end-date#send-confirmation"]';

/** A filled form for the starter's standard playbook, as a link would carry it. */
function formParams(fields: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    name: 'Acme',
    contact: 'Robin Park',
    email: 'robin@acme.example.com',
    // The final invoice goes to the client's billing contact (to: client:billing).
    'contacts.0.name': 'Acme accounts',
    'contacts.0.email': 'accounts@acme.example.com',
    'contacts.0.role': 'billing',
    start: '2026-01-05',
    end: '2027-01-29',
    playbook: 'standard-retainer',
    ...Object.fromEntries(Object.entries(defaultTeam(starter)).map(([role, person]) => [`team.${role}`, person])),
    ...fields,
  });
}

async function openFilled(page: Page, fields?: Record<string, string>): Promise<void> {
  await page.goto(`/generate/?${formParams(fields)}`);
  await expect.poll(() => page.locator('#gen-preview h1').textContent()).toBe(fields?.name ?? 'Acme');
}

describe.runIf(browserAvailable)('one click after typing in the generator', () => {
  test('ticks the task: the preview is not rebuilt under the pointer when the field loses focus', async ({ page }) => {
    await openFilled(page);
    await page.getByLabel('Primary contact', { exact: true }).fill('Robin Parker');
    await page.locator(`#gen-preview ${TICKED} label`).click(); // at once: this click is what blurs the field
    await expect.poll(() => page.locator(`#gen-preview ${TICKED} input.run-check`).isChecked()).toBe(true);
    await expect.poll(() => page.locator('#gen-preview [data-progress-text]').textContent()).toMatch(/^1 of \d+ tasks done/);
    // The typed value reached the run too.
    expect(await page.locator('#gen-preview .run-people').textContent()).toContain('Robin Parker');
  });

  test('downloads the export, with what was just typed', async ({ page }) => {
    await openFilled(page);
    await page.getByLabel('Client name', { exact: true }).fill('Acme & Sons');
    const download = page.waitForEvent('download', { timeout: 5_000 });
    await page.locator('#gen-preview a[data-export="md"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('acme-sons.md');
    expect(readFileSync((await file.path())!, 'utf8')).toMatch(/^# Offboarding: Acme & Sons\n/);
  });

  test('keeps an email the reader opened open while they type', async ({ page }) => {
    await openFilled(page);
    const email = page.locator(`#gen-preview ${TICKED} details.run-email`);
    await email.locator('summary').click();
    await page.getByLabel('Primary contact', { exact: true }).fill('Sam Parker');
    await page.getByLabel('Contact title (optional)', { exact: true }).click(); // blur: the run re-renders
    await expect.poll(() => email.locator('[data-email-body]').textContent()).toContain('Hi Sam,'); // greeted by first name
    expect(await email.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
  });
});

describe.runIf(browserAvailable)('the generator judges a client as check does', () => {
  /** What `sendoff check` says about this client written as a file in the starter library. */
  async function checkSays(fields: { start: string; end: string; notice: string }): Promise<[string, string][]> {
    const dir = await mkdtemp(join(tmpdir(), 'sendoff-trust-'));
    for (const folder of ['content', 'sops', 'templates']) await cp(resolve(folder), join(dir, folder), { recursive: true });
    const client = {
      name: 'Acme',
      playbook: 'standard-retainer',
      contract: fields,
      contacts: [{ name: 'Robin Park', email: 'robin@acme.example.com', primary: true }, { name: 'Acme accounts', email: 'accounts@acme.example.com', role: 'billing' }],
      team: defaultTeam(starter),
    };
    await writeFile(join(dir, 'content/clients/acme.yaml'), stringify(client));
    const { diagnostics } = await validateProject(dir, { today: TEST_TODAY, cache: false });
    return diagnostics.filter((d) => d.file === 'content/clients/acme.yaml').map((d) => [d.severity, d.message]);
  }

  /** What the generator shows next to the fields: [severity, message], and which field each describes. */
  async function generatorSays(page: Page): Promise<[string, string][]> {
    return page.locator('#generator .gen-problem').evaluateAll((notes) =>
      notes.map((note) => [note.getAttribute('data-severity')!, note.querySelector('.gen-problem-message')!.textContent!] as [string, string]),
    );
  }

  test.for([
    ['notice given after the end, and an end on a Sunday', { start: '2026-01-05', end: '2027-01-31', notice: '2027-02-05' }],
    ['an end that is not after the start', { start: '2027-03-01', end: '2027-01-29', notice: '2026-12-28' }],
  ] as const)('%s: the same problems, next to their fields', async ([, fields], { page }) => {
    const expected = await checkSays(fields);
    expect(expected.length).toBeGreaterThan(0);
    await page.goto(`/generate/?${formParams(fields)}`);
    await expect.poll(() => generatorSays(page).then((shown) => shown.sort())).toEqual([...expected].sort());

    for (const [field, id] of [['end', 'gen-end'], ['notice', 'gen-notice']] as const) {
      const input = page.locator(`#${id}`);
      const notes = page.locator(`#generator .gen-problem[data-field="${field}"]`);
      const severities = await notes.evaluateAll((all) => all.map((note) => note.getAttribute('data-severity')));
      // An error makes the field invalid; a warning only describes it.
      expect(await input.getAttribute('aria-invalid')).toBe(severities.includes('error') ? 'true' : null);
      const describedBy = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
      for (const noteId of await notes.evaluateAll((all) => all.map((note) => note.id))) expect(describedBy).toContain(noteId);
    }
    // The summary above the preview names each field by its label.
    const summary = await page.locator('#gen-problems').textContent();
    for (const [, message] of expected) expect(summary).toContain(message);
  });
});
