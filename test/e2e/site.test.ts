import { describe, expect } from 'vitest';
import { browserAvailable, scrollToDiagrams, test } from './fixtures';

describe.runIf(browserAvailable)('the starter site in Chromium', () => {
  test('draws the process map of an SOP as an SVG, in light and again after switching to dark', async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'light' });
    await page.goto('/sops/confirm-end-date/');
    await scrollToDiagrams(page);
    await expect.poll(() => page.locator('figure.diagram svg').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.locator('figure.diagram svg').getAttribute('aria-roledescription')).toBe('flowchart-v2');
    expect(await page.locator('.prose pre.mermaid').isHidden()).toBe(true);
    const lightFill = await page.locator('figure.diagram svg .node rect').first().evaluate((el) => getComputedStyle(el).fill);
    // System → Light → Dark
    await page.getByRole('button', { name: /Theme/ }).click();
    await page.getByRole('button', { name: /Theme/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => page.locator('figure.diagram svg .node rect').first().evaluate((el) => getComputedStyle(el).fill)).not.toBe(lightFill);
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  test('loads no diagram code on a page without a diagram', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    // Every SOP has a generated map now; email pages have no diagram.
    await page.goto('/emails/final-invoice/', { waitUntil: 'networkidle' });
    expect(await page.locator('pre.mermaid').count()).toBe(0);
    expect(scripts.filter((url) => /mermaid|dagre|flowDiagram/i.test(url))).toEqual([]);
  });

  test("shows a client's run with real dates and people, grouped by phase", async ({ page }) => {
    await page.goto('/clients/northwind-studio/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Northwind Studio');
    const headings = await page.locator('main h2[id^="run-"]').allTextContents();
    expect(headings.map((text) => text.replace(/\s+\d+ of \d+ tasks? done$/, ''))).toEqual(['Announce', 'Wrap up', 'Finance', 'Feedback', 'Growth', 'Archive', 'Farewell']);
    const invoice = page.locator('li[data-item="collect-final-payment#send-final-invoice"]');
    await expect(invoice.locator('[data-fact="due"] time').textContent()).resolves.toBe('Fri, Jan 29, 2027');
    await expect(invoice.textContent()).resolves.toContain('Ines Carvalho');
    await invoice.locator('summary', { hasText: 'Email' }).click();
    await expect(invoice.locator('.run-email-panel').isVisible()).resolves.toBe(true);
  });

  test('fits a 375 px phone without sideways scrolling, with the menu folded', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 375, height: 800 } });
    for (const path of ['/', '/sops/confirm-end-date/', '/emails/final-invoice/', '/clients/northwind-studio/']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      expect(await page.locator('details.menu').evaluate((el) => (el as HTMLDetailsElement).open), path).toBe(false);
    }
  });

  test('prints without navigation', async ({ page }) => {
    await page.goto('/sops/confirm-end-date/');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(true);
  });
});
