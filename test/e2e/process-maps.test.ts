import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { browserAvailable, scrollToDiagrams, test } from './fixtures';

/** Script requests for mermaid itself (the loader is a ProcessMap chunk, a few hundred bytes). */
const MERMAID_CODE = /\/(mermaid|dagre|flowDiagram)[^/]*\.js$/;

/** Scrolls past every map, as a reader would, and waits until each one is drawn. */
async function drawMaps(page: Page): Promise<number> {
  const count = await page.locator('.process-map pre.mermaid').count();
  await scrollToDiagrams(page);
  await page.waitForFunction((n) => document.querySelectorAll('.process-map .diagram-canvas svg').length >= n, count, { timeout: 60_000 });
  return count;
}

interface DrawnMap {
  name: string;
  /** The smallest text in the map as drawn, in CSS pixels (font size × the scale the SVG is drawn at). */
  smallestText: number;
  /** Drawn width of the SVG and the width its box has for it. */
  width: number;
  room: number;
}

/** Every drawn map's smallest text and its width against its box. */
function measureMaps(page: Page): Promise<DrawnMap[]> {
  return page.locator('.process-map .diagram-canvas svg').evaluateAll((svgs) =>
    svgs.map((svg) => {
      const element = svg as SVGSVGElement;
      const scale = element.getBoundingClientRect().width / element.viewBox.baseVal.width;
      const texts = [...element.querySelectorAll('.nodeLabel, .cluster-label span, .edgeLabel span, text')].filter((text) => text.textContent?.trim());
      const frame = element.parentElement!;
      const style = getComputedStyle(frame);
      return {
        name: `${element.closest('figure')?.getAttribute('aria-label')} / ${element.closest('.map-part')?.querySelector('.map-part-title')?.textContent ?? ''}`,
        smallestText: Math.min(...texts.map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale)),
        width: element.getBoundingClientRect().width,
        room: frame.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight),
      };
    }),
  );
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.runIf(browserAvailable)('the process overview and the task maps', () => {
  test('/process/ opens on an overview of linked SOP cards by phase, with their owners written on them, and fetches no mermaid for it', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto('/process/', { waitUntil: 'networkidle' });
    const phases = await page.locator('.overview-phase-title').evaluateAll((titles) => titles.map((title) => title.childNodes[1]!.textContent!.replace('Phase', '').replace(/\d+: /, '').trim()));
    expect(phases).toEqual(['Announce', 'Wrap up', 'Finance', 'Feedback', 'Growth', 'Archive', 'Farewell']);
    const cards = await page.locator('.overview-card').evaluateAll((all) =>
      all.map((card) => ({
        href: card.querySelector<HTMLAnchorElement>('a.overview-title')!.getAttribute('href'),
        owner: card.querySelector('.overview-owner')!.textContent!.split(' · ')[0],
        fill: getComputedStyle(card).backgroundColor,
      })),
    );
    expect(cards).toHaveLength(15);
    for (const card of cards) expect(card.href).toMatch(/^\/sops\/[a-z-]+\/$/);
    expect(new Set(cards.map((card) => card.href)).size).toBe(15);
    // One colour per owner, a different one for each owner.
    const fills = new Map<string, Set<string>>();
    for (const card of cards) fills.set(card.owner!, (fills.get(card.owner!) ?? new Set()).add(card.fill));
    expect([...fills.keys()].sort()).toEqual(['Account lead', 'Finance & billing', 'Operations & IT', 'Project manager']);
    for (const set of fills.values()) expect(set.size).toBe(1);
    expect(new Set([...fills.values()].map((set) => [...set][0])).size).toBe(4);
    // The payment SOP starts after the handover, and says so with a link.
    await expect(page.locator('.overview-card', { hasText: 'Send the final invoice' }).locator('.overview-after a').getAttribute('href')).resolves.toBe('/sops/deliverables-handover/');
    // The overview is HTML: reading it costs no diagram code.
    expect(scripts.filter((path) => MERMAID_CODE.test(path))).toEqual([]);
    expect(await page.locator('.process-map svg').count()).toBe(0);

    await page.locator('.overview-card a.overview-title').first().click();
    await page.waitForURL(/\/sops\/plan-the-offboarding\/$/);
  });

  test.for(['/process/', '/playbooks/early-termination/'])('every text of every map on %s is at least 12 px at a 1280 px window, and every map fits its box', async (path, { newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(path);
    const count = await drawMaps(page);
    const maps = await measureMaps(page);
    expect(maps).toHaveLength(count);
    expect(count).toBeGreaterThanOrEqual(15);
    for (const map of maps) {
      expect(map.smallestText, map.name).toBeGreaterThanOrEqual(12);
      expect(map.width, map.name).toBeLessThanOrEqual(map.room + 1);
    }
    // Every task is a link to its row in its SOP's checklist.
    const hrefs = await page.locator('.process-map svg a.map-link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(60);
    for (const href of hrefs) expect(href).toMatch(/^\/sops\/[a-z-]+\/#item-[a-z-]+$/);
  });

  test('a 390 px phone shows the overview in one column and the maps in their own boxes: the page never scrolls sideways, map text stays at 12 px or more', async ({ newPage }) => {
    for (const path of ['/process/', '/playbooks/early-termination/']) {
      const page = await newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(path);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      const columns = await page.locator('.overview-cards').first().evaluate((list) => getComputedStyle(list).gridTemplateColumns.split(' ').length);
      expect(columns).toBe(1);
      await drawMaps(page);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      for (const map of await measureMaps(page)) expect(map.smallestText, map.name).toBeGreaterThanOrEqual(12);
    }
  });

  test("a playbook's overview and maps show its run: its own task in, its skipped task out", async ({ page }) => {
    await page.goto('/playbooks/early-termination/');
    const extra = page.locator('.overview-card.overview-extra');
    await expect(extra.textContent()).resolves.toContain('Review every outgoing message to the client');
    await expect(extra.textContent()).resolves.toContain('only in this playbook');
    const card = (title: string) => page.locator('.overview-card').filter({ has: page.locator('a.overview-title', { hasText: title }) });
    await expect(card('Ask for feedback').locator('.overview-owner').textContent()).resolves.toContain('3 tasks (1 skipped)');
    // No growth card for the referral SOP this playbook does not run.
    await expect(card('Make referring us effortless').count()).resolves.toBe(0);

    await drawMaps(page);
    const announce = page.locator('#phase-announce + .process-map');
    await expect(announce.locator('.map-part-title').allTextContents()).resolves.toContain('Only in this playbook · 1 task');
    await expect(announce.locator('svg').last().textContent()).resolves.toContain('Review every outgoing message');
    const feedback = await page.locator('#phase-feedback + .process-map svg').textContent();
    expect(feedback).toContain('Send the short feedback survey');
    expect(feedback).not.toContain('testimonial or case study');
  });

  test('prints the overview and every map with text of 8 pt or more, each map on one page', async ({ newPage }) => {
    const page = await newPage({ colorScheme: 'dark' });
    await page.goto('/process/');
    await drawMaps(page);
    const pdf = await getDocumentProxy(new Uint8Array(await page.pdf({ format: 'A4', printBackground: true })));
    const sizes: { text: string; size: number; page: number }[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const { items } = await (await pdf.getPage(number)).getTextContent();
      for (const item of items) {
        if (!('str' in item) || !item.str.trim()) continue;
        sizes.push({ text: item.str, size: Math.hypot(item.transform[0], item.transform[1]), page: number });
      }
    }
    const all = sizes.map((entry) => entry.text).join(' ');
    // (Chromium prints "ff" and "fi" as ligatures, which come back as separate letters: strings without them.)
    expect(all).toContain('Notify the team, subcontractors and vendors Account lead · 6 tasks'); // the overview
    expect(all).toContain('Operations & IT · +14d'); // a map's box
    const smallest = sizes.reduce((min, entry) => (entry.size < min.size ? entry : min));
    expect(smallest.size, `"${smallest.text}" on page ${smallest.page}`).toBeGreaterThanOrEqual(8);
    // A map part never breaks across pages: the tallest one's first and last task print on one page.
    const pageOf = (text: string) => sizes.find((entry) => entry.text.includes(text))?.page;
    expect(pageOf('List every open task')).toBeDefined();
    expect(pageOf('List every open task')).toBe(pageOf('Archive the'));
  });
});
