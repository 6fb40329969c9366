import { describe, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { browserAvailable, test } from './fixtures';

/** Script requests for mermaid itself (the loader is in the ProcessMap chunk, a few KB). */
const MERMAID_CODE = /\/(mermaid|dagre|flowDiagram)[^/]*\.js$/;

/** Its checklist is short: the map starts within a screen of the top, where it used to load at once. */
const SOP = '/sops/plan-the-offboarding/';
const KEY = 'sendoff:sop-map-open';

const disclosure = (page: Page) => page.locator('details.map-disclosure');
const isOpen = (page: Page) => disclosure(page).evaluate((details) => (details as HTMLDetailsElement).open);
const summary = (page: Page) => page.locator('details.map-disclosure > summary');
const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY);

/** A context whose pages cannot use localStorage, as in a browser's privacy mode. */
async function blockStorage(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  return context;
}

/** Records the path of every script the page requests. */
function scriptLog(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

/** Reads the page to its end a screen at a time, as a reader would. */
async function readToEnd(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y <= document.documentElement.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  await page.waitForLoadState('networkidle');
}

describe.runIf(browserAvailable)("an SOP page's process map, behind a disclosure", () => {
  test('an SOP page read to its end fetches no mermaid and shows the map closed; opening it draws the map with its task links', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    const scripts = scriptLog(page);
    await page.goto(SOP, { waitUntil: 'networkidle' });
    await readToEnd(page);
    expect(scripts.filter((path) => MERMAID_CODE.test(path))).toEqual([]);
    expect(await isOpen(page)).toBe(false);
    // The summary reads as the section's heading, with the map's size beside it; the map itself is hidden.
    expect((await summary(page).innerText()).replace(/\s+/g, ' ').trim()).toBe('Process map 5 tasks · 6 of other SOPs');
    expect(await summary(page).isVisible()).toBe(true);
    expect(await page.locator('.process-map').isVisible()).toBe(false);
    expect(await page.locator('.process-map svg').count()).toBe(0);

    await summary(page).click();
    const links = page.locator('.process-map svg a.map-link');
    await links.first().waitFor({ timeout: 60_000 });
    const hrefs = await links.evaluateAll((all) => all.map((link) => link.getAttribute('href')));
    expect(hrefs).toContain('/sops/plan-the-offboarding/#item-open-run');
    expect(hrefs).toContain('/sops/close-out-projects/#item-list-open-work'); // a task of another SOP
    expect(hrefs).toHaveLength(11);
    expect(scripts.filter((path) => MERMAID_CODE.test(path)).length).toBeGreaterThan(0);
  });

  test("the reader's choice is kept in this browser: opened, maps start open on reload and on other SOPs; closed, they start closed", async ({ newContext }) => {
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(SOP);
    expect(await stored(page)).toBeNull();
    await summary(page).click();
    expect(await stored(page)).toBe('open');

    // Opened before it is shown, by the inline script: even without the page's module scripts it starts open.
    await page.route(/SopProcessMap\.astro.*\.js$/, (route) => route.abort());
    await page.reload();
    expect(await isOpen(page)).toBe(true);
    await page.unroute(/SopProcessMap\.astro.*\.js$/);
    await page.goto('/sops/referral-ask/');
    expect(await isOpen(page)).toBe(true);
    // Open, a map near the top draws as soon as the page loads, as it did before there was a disclosure.
    await page.locator('.process-map svg a.map-link').first().waitFor({ timeout: 60_000 });

    await summary(page).click();
    expect(await isOpen(page)).toBe(false);
    expect(await stored(page)).toBe('closed');
    await page.goto(SOP);
    expect(await isOpen(page)).toBe(false);
  });

  test('with storage blocked (privacy mode) the map starts closed and still opens, with no error', async ({ newContext }) => {
    const context = await blockStorage(await newContext());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await page.goto(SOP, { waitUntil: 'networkidle' });
    expect(await isOpen(page)).toBe(false);
    await summary(page).click();
    await page.locator('.process-map svg a.map-link').first().waitFor({ timeout: 60_000 });
    await page.locator('aside.toc a[href="#process-map"]').click();
    expect(await isOpen(page)).toBe(true);
    // No script of the page fails on the blocked storage (the theme scripts included).
    expect(errors).toEqual([]);
  });

  test('with storage blocked, a reader who prefers dark gets the dark theme, and the toggle still switches it', async ({ newContext }) => {
    const context = await blockStorage(await newContext({ colorScheme: 'dark' }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
    await page.goto(SOP, { waitUntil: 'networkidle' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('dark');
    const toggle = page.locator('[data-theme-toggle]').first();
    await toggle.click();
    expect(await theme()).toBe('light');
    await expect.poll(() => toggle.textContent()).toContain('light');
    expect(errors).toEqual([]);
  });

  test('a link to #process-map opens the map: from another page, from the table of contents, and again after it was closed', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    const headingTop = () => page.locator('#process-map').evaluate((heading) => heading.getBoundingClientRect().top);
    await page.goto(`${SOP}#process-map`);
    expect(await isOpen(page)).toBe(true);
    await expect.poll(headingTop).toBeLessThan(200);
    await page.locator('.process-map svg').waitFor({ timeout: 60_000 });
    // Following a link is not a choice to keep maps open.
    expect(await stored(page)).toBeNull();

    await page.goto('/sops/referral-ask/');
    expect(await isOpen(page)).toBe(false);
    const toc = page.locator('aside.toc a[href="#process-map"]');
    await toc.click();
    await expect.poll(() => isOpen(page)).toBe(true);
    expect(new URL(page.url()).hash).toBe('#process-map');
    await expect.poll(headingTop).toBeLessThan(200);
    await page.locator('.process-map svg').waitFor({ timeout: 60_000 });

    // Closed by the reader, the same link (no new hash) opens it again.
    await summary(page).click();
    expect(await isOpen(page)).toBe(false);
    await toc.click();
    await expect.poll(() => isOpen(page)).toBe(true);
    // Back to the top and forward to the map again: the hash changes, the map opens.
    await summary(page).click();
    await page.goBack();
    await page.goForward();
    await expect.poll(() => isOpen(page)).toBe(true);
  });

  test('printing shows the drawn map although the disclosure is closed, then closes it again', async ({ newContext }) => {
    const context = await newContext({ colorScheme: 'dark' });
    // Headless Chromium's print() never returns: stand in for the browser's print, which fires
    // beforeprint, takes its snapshot, then fires afterprint. The snapshot records what it would print.
    await context.addInitScript(() => {
      const record = window as unknown as { printed?: { open: boolean; links: number }[] };
      record.printed = [];
      window.print = () => {
        window.dispatchEvent(new Event('beforeprint'));
        record.printed!.push({
          open: (document.querySelector('details.map-disclosure') as HTMLDetailsElement).open,
          links: document.querySelectorAll('.process-map svg a.map-link').length,
        });
      };
    });
    const page = await context.newPage();
    const printed = () => page.evaluate(() => (window as unknown as { printed: { open: boolean; links: number }[] }).printed);
    await page.goto(SOP, { waitUntil: 'networkidle' });
    expect(await isOpen(page)).toBe(false);

    // Our print buttons and Ctrl+P: the page's print opens the map, draws it, then prints.
    await page.keyboard.press('Control+P');
    await expect.poll(printed, { timeout: 60_000 }).toEqual([{ open: true, links: 11 }]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.process-map svg').isVisible()).toBe(true);
    // On paper the summary is a plain heading: no chevron.
    expect(await summary(page).evaluate((element) => getComputedStyle(element, '::before').display)).toBe('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text.replace(/\s+/g, ' ')).toContain('IT · notice+3bd · optional'); // only in the map's boxes

    // After printing, the reader's closed map is closed again, and that was not stored as a choice.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await isOpen(page)).toBe(false);
    expect(await stored(page)).toBeNull();
    // Printed again, the map is already drawn: it opens and prints at once.
    await page.evaluate(() => window.print());
    expect((await printed()).at(-1)).toEqual({ open: true, links: 11 });
  });

  test('fits a 390 px phone, closed and open: the page never scrolls sideways', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // (Not SOP: its body has a six-column Markdown table wider than a phone.)
    await page.goto('/sops/referral-ask/');
    expect(await overflow()).toBeLessThanOrEqual(0);
    const box = (await summary(page).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await summary(page).click();
    await page.locator('.process-map svg').waitFor({ timeout: 60_000 });
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
