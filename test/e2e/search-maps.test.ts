import { describe, expect } from 'vitest';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { serveDist } from './harness';
import { browserAvailable, openSopMap, test } from './fixtures';
import { CompanySchema, PhasesSchema, SopSchema, TeamSchema } from '../../src/schemas';
import { createLibrary } from '../../src/lib/content/library';
import { sopProcessMap } from '../../src/lib/maps/process-map';

/** Result paths, without the `?highlight=` that carries the search terms to the page. */
const results = (page: Page) =>
  page.locator('pagefind-modal .pf-result a.pf-result-link').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));

async function openSearch(page: Page, path = '/sops/confirm-end-date/'): Promise<void> {
  await page.goto(path);
  await page.keyboard.press('Control+K');
  await page.locator('dialog.pf-modal[open] input').waitFor();
}

async function search(page: Page, term: string): Promise<void> {
  await page.locator('dialog.pf-modal input').fill(term);
  await page.locator('pagefind-modal .pf-result a.pf-result-link').first().waitFor();
}

describe.runIf(browserAvailable)('search', () => {
  test('opens with Ctrl-K, puts the payment SOP first for "invoice", narrows by phase, and Enter navigates', async ({ page, baseUrl }) => {
    await openSearch(page);
    await search(page, 'invoice');
    expect((await results(page))[0]).toBe('/sops/collect-final-payment/');
    await expect.poll(() => page.locator('pagefind-modal .pf-result mark').count()).toBeGreaterThan(0);

    const before = (await results(page)).length;
    // The dialog's phase filter is a drop-down (one line of filters leaves room for results).
    await page.locator('pagefind-modal select[data-filter="phase"]').selectOption('Finance');
    await expect.poll(async () => (await results(page)).length).toBeLessThan(before);
    // Results fill in as Pagefind loads their fragments: wait for the filtered ones to show their meta line.
    await expect.poll(() => page.locator('pagefind-modal .search-result-meta').count()).toBeGreaterThan(0);
    const metas = await page.locator('pagefind-modal .search-result-meta').allTextContents();
    for (const meta of metas) expect(meta).toContain('Finance');
    expect(await page.locator('pagefind-modal select[data-filter="phase"]').inputValue()).toBe('Finance');

    // Arrow down from the box to the first result, Enter follows it.
    await page.locator('dialog.pf-modal input').press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/sops/collect-final-payment/?highlight=invoice`);
    // The page marks the searched word.
    await expect.poll(() => page.locator('main mark.pagefind-highlight').count()).toBeGreaterThan(3);
  });

  test('opens with "/" and with the header button, closes with Escape and gives focus back to the button', async ({ page }) => {
    await page.goto('/emails/final-invoice/');
    await page.keyboard.press('/');
    await page.locator('dialog.pf-modal[open] input').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog.pf-modal[open]').count()).toBe(0);
    const button = page.getByRole('button', { name: 'Search SOPs, emails and playbooks' });
    await button.click();
    await page.locator('dialog.pf-modal[open] input').waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true);
    // The dialog's close event (which resets aria-expanded) is queued after focus returns.
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
  });

  test('finds the feedback SOP and its email for "testimonial"', async ({ page }) => {
    await openSearch(page);
    await search(page, 'testimonial');
    const found = await results(page);
    expect(found[0]).toBe('/sops/feedback-and-testimonial/');
    expect(found).toContain('/emails/feedback-request/');
  });

  test('keeps client pages and client names out of the index', async ({ page }) => {
    await page.goto('/search/');
    // A string, so the test runner does not rewrite the browser's import().
    const found = (await page.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      // Pagefind falls back to partial matches ("No" for "Northwind"): look at what the pages contain.
      let hits = 0;
      for (const term of ['Northwind', 'Bluebird', 'alex.moreno']) {
        for (const result of (await pagefind.search(term)).results) {
          if ((await result.data()).content.toLowerCase().includes(term.toLowerCase())) hits += 1;
        }
      }
      const filters = await pagefind.filters();
      return { hits, types: filters.type };
    })()`)) as { hits: number; types: Record<string, number> };
    expect(found.hits).toBe(0);
    expect(found.types).toEqual({ 'Email': 11, 'Playbook': 3, 'Process map': 1, 'SOP': 15 });
  });

  test('fits a 375 px phone: the search page with results, the dialog, the process map page', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 375, height: 800 } });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto('/search/?q=archive');
    await page.locator('.search-app .pf-result a.pf-result-link').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto('/process/');
    await page.locator('.process-map').first().scrollIntoViewIfNeeded();
    await page.locator('.process-map svg').first().waitFor({ timeout: 60_000 });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.keyboard.press('Control+K');
    await page.locator('dialog.pf-modal[open] input').fill('invoice');
    await page.locator('pagefind-modal .pf-result a.pf-result-link').first().waitFor();
    const dialog = await page.locator('dialog.pf-modal').boundingBox();
    expect(dialog!.x).toBeGreaterThanOrEqual(0);
    expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(375);
  });

  test('the /search/ page reads ?q= and filters from the URL and keeps them there', async ({ page }) => {
    await page.goto('/search/?q=invoice&type=Email');
    const links = page.locator('.search-app .pf-result a.pf-result-link');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((all) => all.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/emails\//);
    await page.locator('.search-app .search-chip[data-filter="type"][data-value="Email"]').click();
    await expect.poll(() => new URL(page.url()).search).toBe('?q=invoice');
  });
});

/** Script requests for mermaid itself (the loader is a ProcessMap chunk, a few hundred bytes). */
const MERMAID_CODE = /\/(mermaid|dagre|flowDiagram)[^/]*\.js$/;

describe.runIf(browserAvailable)('process maps', () => {
  test('a reader who keeps maps open fetches no mermaid code until the map comes within a screen, then draws it', async ({ newContext }) => {
    const context = await newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => localStorage.setItem('sendoff:sop-map-open', 'open'));
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    // The payment SOP's checklist is long: its map starts more than two screens down.
    await page.goto('/sops/collect-final-payment/', { waitUntil: 'networkidle' });
    expect(await page.locator('details.map-disclosure').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(scripts.filter((path) => MERMAID_CODE.test(path))).toEqual([]);
    expect(await page.locator('.process-map svg').count()).toBe(0);
    await expect(page.locator('.process-map').getByRole('button', { name: 'Show map' }).isVisible()).resolves.toBe(true);

    await page.locator('.process-map').scrollIntoViewIfNeeded();
    await page.locator('.process-map svg a.map-link').first().waitFor({ timeout: 60_000 });
    expect(scripts.filter((path) => MERMAID_CODE.test(path)).length).toBeGreaterThan(0);
  });

  test("draws an SOP's generated map in light and dark, with tasks linking to their checklist rows", async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'light' });
    await page.goto('/sops/collect-final-payment/');
    await openSopMap(page);
    const map = page.locator('.process-map svg');
    await map.waitFor();
    const links = await map.locator('a.map-link').evaluateAll((all) => all.map((link) => link.getAttribute('href')));
    expect(links).toContain('/sops/collect-final-payment/#item-send-final-invoice');
    expect(links).toContain('/sops/deliverables-handover/#item-send-handover'); // the cross-SOP dependency
    expect(await page.locator('.map-legend li').allTextContents()).toEqual(['Account lead', 'Project manager', 'Finance & billing', 'Managing director']);
    const fill = () => map.locator('g.node.owner2 .label-container').first().evaluate((el) => getComputedStyle(el).fill);
    const light = await fill();
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
      document.dispatchEvent(new CustomEvent('sendoff:theme', { detail: { dark: true } }));
    });
    await expect.poll(fill).not.toBe(light);
    await expect.poll(() => page.locator('.process-map svg').count()).toBe(1);
    await page.locator('.process-map svg a.map-link[href$="#item-account-at-zero"]').click();
    await expect.poll(() => page.url()).toMatch(/#item-account-at-zero$/);
  });

  test('prints an SOP with both its generated map and its authored diagram in the PDF', async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'dark' });
    await page.goto('/sops/collect-final-payment/');
    // Printing from the top of the page, the map closed: the diagrams below are drawn before the snapshot.
    expect(await page.locator('details.map-disclosure').evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.locator('.process-map svg').waitFor();
    await page.locator('figure.diagram svg').waitFor();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Paid by the due date?'); // only in the authored diagram
    expect(flat).toContain('+14d · conditional'); // only in the generated map's labels
  });

  test('renders an SOP title full of Mermaid syntax literally', async ({ page }) => {
    const title = 'Send "final" files <today> #1; done';
    const library = createLibrary({
      company: CompanySchema.parse({ name: 'Acme' }),
      team: TeamSchema.parse({ roles: [{ id: 'lead', title: 'Lead' }], people: [{ id: 'a', name: 'A', email: 'a@example.com', roles: ['lead'] }] }),
      phases: PhasesSchema.parse([{ id: 'one', title: 'One', description: 'D.' }]),
      sops: [
        { ...SopSchema.parse({ title, summary: 'S.', phase: 'one', owner: 'lead', checklist: [{ id: 'a', task: title, due: '0d' }] }), id: 'odd' },
        { ...SopSchema.parse({ title: 'Next', summary: 'S.', phase: 'one', owner: 'lead', checklist: [{ id: 'b', task: 'Then this', due: '+1d', after: ['odd#a'] }] }), id: 'next' },
      ],
      emails: [],
      playbooks: [],
      clients: [],
    });
    const { mermaid } = sopProcessMap(library, library.sopById.get('next')!);
    // Mermaid straight from node_modules, with the loader's settings, on a blank page.
    const dir = await mkdtemp(join(tmpdir(), 'sendoff-mermaid-'));
    await symlink(resolve('node_modules/mermaid/dist'), join(dir, 'mermaid'), 'dir');
    await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="out"></div>');
    const local = await serveDist(dir);
    try {
      await page.goto(`${local.url}/index.html`);
      const texts = (await page.evaluate(`(async (source) => {
        const { default: mermaid } = await import('/mermaid/mermaid.esm.min.mjs');
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', layout: 'dagre' });
        const { svg } = await mermaid.render('odd', source);
        const out = document.getElementById('out');
        out.innerHTML = svg;
        const label = (element) => (element.querySelector('foreignObject div') ?? element).innerText ?? element.textContent;
        return {
          cluster: label(out.querySelector('.cluster-label')),
          nodes: [...out.querySelectorAll('.node')].map(label),
          scripts: out.querySelectorAll('script, today').length,
        };
      })(${JSON.stringify(mermaid)})`)) as { cluster: string; nodes: string[]; scripts: number };
      expect(texts.cluster.replace(/\s+/g, ' ')).toBe(title);
      expect(texts.nodes.map((text) => text.replace(/\s+/g, ' '))).toContain(`${title} Lead · 0d`);
      expect(texts.scripts).toBe(0);
    } finally {
      await local.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
