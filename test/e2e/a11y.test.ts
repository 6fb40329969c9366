import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { browserAvailable, scrollToDiagrams, test } from './fixtures';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: what "accessible" means for Sendoff. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AuditedPage {
  name: string;
  path: string;
  /** Waits until the page has drawn what a reader sees (diagrams, search results). */
  ready?: (page: Page) => Promise<void>;
}

const PAGES: AuditedPage[] = [
  { name: 'home', path: '/' },
  {
    name: 'an SOP with its process map opened',
    path: '/sops/confirm-end-date/',
    ready: async (page) => {
      await scrollToDiagrams(page);
      await page.locator('figure.diagram svg').first().waitFor();
      await page.locator('.process-map svg a.map-link').first().waitFor();
    },
  },
  // As a first-time reader sees it: the map's disclosure closed, its summary the section's heading.
  { name: 'an SOP with its process map closed', path: '/sops/plan-the-offboarding/' },
  { name: 'an email template', path: '/emails/final-invoice/' },
  { name: 'a playbook', path: '/playbooks/early-termination/' },
  { name: 'a client page', path: '/clients/northwind-studio/' },
  { name: 'the clients index', path: '/clients/' },
  { name: "a person's tasks", path: '/people/theo-okafor/' },
  {
    name: 'the search page with results',
    path: '/search/?q=invoice',
    ready: (page) => page.locator('main a[href*="/sops/"]').first().waitFor(),
  },
];

/** Runs axe on what is on screen now; the readable summary makes a failure say what to fix. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return violations.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`));
}

/**
 * Issues 4 and 5 have landed, so a missing generator, search dialog, tick or copy button is a
 * regression: fail, never skip.
 */
function skipLoudly(_skip: (note: string) => never, note: string): never {
  throw new Error(`A feature this test audits is missing: ${note.replace(/;.*$/, '')}`);
}

/** Presses Tab until the focused element matches `selector`; returns the number of presses, or -1. */
async function tabTo(page: Page, selector: string, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return presses;
  }
  return -1;
}

/** The theme the page actually shows (the toggle may be on "System"). */
const shownTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

describe.runIf(browserAvailable)('accessibility (axe, WCAG 2 A/AA)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    describe(`${scheme} theme`, () => {
      // Every page is in its own context (the fixtures' newPage): axe opens a helper page beside it.
      test.for(PAGES)('$name ($path) has no violations', async ({ path, ready }, { newPage }) => {
        const page = await newPage({ colorScheme: scheme });
        await page.goto(path, { waitUntil: 'networkidle' });
        await ready?.(page);
        expect(await shownTheme(page)).toBe(scheme);
        expect(await violations(page)).toEqual([]);
      });

      test('the generator (/generate/) has no violations', async ({ skip, siteDir, newPage }) => {
        // Issue 4 adds /generate/; until its build output exists there is nothing to audit.
        if (!existsSync(join(siteDir, 'generate/index.html'))) skipLoudly(skip, '/generate/ is not built yet (issue 4); this test runs by itself once it is.');
        const page = await newPage({ colorScheme: scheme });
        await page.goto('/generate/', { waitUntil: 'networkidle' });
        expect(await shownTheme(page)).toBe(scheme);
        expect(await violations(page)).toEqual([]);
      });

      test('the open search dialog has no violations', async ({ skip, newPage }) => {
        const page = await newPage({ colorScheme: scheme });
        await page.goto('/sops/confirm-end-date/', { waitUntil: 'networkidle' });
        const dialog = page.locator('dialog[open], [role="dialog"]:visible');
        await page.keyboard.press('Control+k');
        const opened = await dialog.first().waitFor({ timeout: 2_000 }).then(() => true, () => false);
        if (!opened) {
          // Issue 5 adds a search dialog (Ctrl-K). A page that has one which Ctrl-K does not open fails here.
          const hasDialog = await page.locator('dialog, [role="dialog"]').count();
          expect(hasDialog, 'a search dialog exists but Ctrl-K did not open it').toBe(0);
          skipLoudly(skip, 'the site has no search dialog yet (issue 5); this test runs by itself once Ctrl-K opens one.');
        }
        await page.keyboard.type('invoice');
        await dialog.first().locator('a[href*="/sops/"]').first().waitFor();
        expect(await violations(page)).toEqual([]);
      });
    });
  }

  test('a phone-width SOP page (folded menu) has no violations in light or dark', async ({ newPage }) => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await newPage({ colorScheme: scheme, viewport: { width: 375, height: 800 } });
      await page.goto('/sops/confirm-end-date/', { waitUntil: 'networkidle' });
      await scrollToDiagrams(page);
      await page.locator('figure.diagram svg').first().waitFor();
      expect(await violations(page), scheme).toEqual([]);
    }
  });
});

describe.runIf(browserAvailable)('keyboard walk-through', () => {
  test('Tab reaches the skip link first, then the search box and the theme toggle before the content; every stop shows a focus ring', async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'light' });
    await page.goto('/sops/confirm-end-date/', { waitUntil: 'networkidle' });
    const stops: { label: string; ring: boolean }[] = [];
    // Enough stops to pass the header, the sidebar (phases and this phase's SOPs) and reach the content.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          const label = el.matches('.skip-link') ? 'skip' : el.matches('#site-search, .search-button') ? 'search' : el.matches('[data-theme-toggle]') ? 'theme' : el.closest('main') ? 'main' : 'other';
          // Links on process-map nodes show focus as a thick outline of the node's own shape.
          const shape = el.matches('a.map-link') ? el.querySelector('.label-container') : null;
          const ring = shape
            ? parseFloat(getComputedStyle(shape).strokeWidth) >= 3
            : el === document.body || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2);
          return { label, ring };
        }),
      );
    }
    const order = stops.map((stop) => stop.label);
    expect(order[0]).toBe('skip');
    expect(order.indexOf('search')).toBeGreaterThan(0);
    expect(order.indexOf('theme')).toBeGreaterThan(order.indexOf('search'));
    expect(order.indexOf('main')).toBeGreaterThan(order.indexOf('theme'));
    expect(stops.filter((stop) => !stop.ring)).toEqual([]);
  });

  test('the skip link is visible when focused and Enter moves focus to the content', async ({ page }) => {
    await page.goto('/emails/final-invoice/');
    await page.keyboard.press('Tab');
    const box = await page.locator('.skip-link').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content');
    // The next Tab continues inside the content, not back in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });

  test('the theme toggle cycles system → light → dark with Enter and Space, and names the theme it sets', async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'light' });
    await page.goto('/');
    expect(await tabTo(page, '[data-theme-toggle]')).toBeGreaterThan(0);
    const label = page.locator('[data-theme-toggle]');
    await expect(label.textContent()).resolves.toBe('Theme: system');
    // The accessible name is the same words, so a screen reader hears what the button sets.
    expect(await page.getByRole('button', { name: 'Theme: system', exact: true }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => label.textContent()).toBe('Theme: light');
    expect(await shownTheme(page)).toBe('light');
    await page.keyboard.press('Space');
    await expect.poll(() => label.textContent()).toBe('Theme: dark');
    expect(await page.getByRole('button', { name: 'Theme: dark', exact: true }).count()).toBe(1);
    expect(await shownTheme(page)).toBe('dark');
  });

  test("an SOP's process map is reached by Tab as a heading-like summary, and Enter and Space open and close it", async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'light' });
    await page.goto('/sops/plan-the-offboarding/', { waitUntil: 'networkidle' });
    const details = page.locator('details.map-disclosure');
    const isOpen = () => details.evaluate((el) => (el as HTMLDetailsElement).open);
    expect(await isOpen()).toBe(false);
    // Screen readers find it by heading too: the h2 inside the summary stays a level-2 heading.
    expect(await page.getByRole('heading', { level: 2, name: 'Process map' }).count()).toBe(1);
    expect(await tabTo(page, 'details.map-disclosure > summary', 120)).toBeGreaterThan(0);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect.poll(isOpen).toBe(true);
    await page.locator('.process-map svg a.map-link').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Space');
    await expect.poll(isOpen).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(isOpen).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('sendoff:sop-map-open'))).toBe('open');
  });

  test('the search box is reached by Tab; typing "invoice" and Enter finds the payment SOP', async ({ page }) => {
    await page.goto('/');
    expect(await tabTo(page, '#site-search, [data-search-trigger], [aria-haspopup="dialog"]')).toBeGreaterThan(0);
    // A button that opens a search dialog is pressed first; a search field is typed into directly.
    if (!(await page.evaluate(() => document.activeElement instanceof HTMLInputElement))) await page.keyboard.press('Enter');
    await page.keyboard.type('invoice');
    await page.keyboard.press('Enter');
    // Today a results page; with issue 5 a dialog whose Enter may go straight to the first result.
    await expect
      .poll(async () => page.url().endsWith('/sops/collect-final-payment/') || (await page.locator('a[href*="/sops/collect-final-payment/"]:visible').count()) > 0, { timeout: 10_000 })
      .toBe(true);
  });

  test('checklist ticks on a client page are reached by Tab and toggled with Space', async ({ skip, page }) => {
    await page.goto('/clients/northwind-studio/');
    if ((await page.locator('main input.run-check').count()) === 0) {
      skipLoudly(skip, 'client pages have no checklist ticks yet (issue 4); this test runs by itself once they do.');
    }
    const first = page.locator('main input.run-check').first();
    expect(await tabTo(page, 'main input.run-check', 80)).toBeGreaterThan(0);
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await first.isChecked()).toBe(false);
    await page.keyboard.press('Space');
    expect(await first.isChecked()).toBe(true);
    await page.keyboard.press('Space');
    expect(await first.isChecked()).toBe(false);
  });

  test('a copy button is reached by keyboard (opening its email with Enter) and Enter copies', async ({ skip, newContext, baseUrl }) => {
    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    await page.goto('/clients/northwind-studio/');
    const copy = page.locator('main button').filter({ hasText: /copy/i });
    if ((await copy.count()) === 0) {
      skipLoudly(skip, 'client pages have no copy buttons yet (issue 4); this test runs by itself once they do.');
    }
    await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
    const button = copy.first();
    // A copy button inside a closed <details> is reached by opening its summary from the keyboard.
    const closedSummary = button.locator('xpath=ancestor::details[not(@open)]/summary');
    if ((await closedSummary.count()) > 0) {
      const marker = await closedSummary.first().evaluate((el) => (el.setAttribute('data-kbd-target', ''), '[data-kbd-target]'));
      expect(await tabTo(page, marker, 120)).toBeGreaterThan(0);
      await page.keyboard.press('Enter');
    }
    await button.evaluate((el) => el.setAttribute('data-kbd-copy', ''));
    expect(await tabTo(page, '[data-kbd-copy]', 40)).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('nothing copied yet');
    expect((await page.evaluate(() => navigator.clipboard.readText())).trim().length).toBeGreaterThan(0);
  });
});
