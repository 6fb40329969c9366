import { describe, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserAvailable, test } from './fixtures';
import { suggestQuery } from '../../src/lib/search/suggest';
import { WORDS_FILE } from '../../src/lib/search/words-file';

/**
 * The words the team types, and the page each must put first. `notInTop` names pages (or the start of a
 * path: `/playbooks/`) that must not be among the first `n` results. `typo`: the query has a word the
 * index does not have; search offers `typo` instead ("did you mean") and `first` is its first result.
 */
const QUERIES: { query: string; first: string; typo?: string; notInTop?: { n: number; paths: string[] } }[] = [
  // Aliases: the words people use for revoking access, not the "key dates" of the communication plan.
  { query: 'keys', first: '/sops/tech-stack-access/', notInTop: { n: 1, paths: ['/sops/communication-plan/'] } },
  { query: 'logins', first: '/sops/tech-stack-access/' },
  { query: 'passwords', first: '/sops/tech-stack-access/' },
  // A playbook that skips the testimonial item is not indexed with it.
  { query: 'testimonial', first: '/sops/feedback-and-testimonial/', notInTop: { n: 2, paths: ['/playbooks/early-termination/'] } },
  // Playbooks that match only through an SOP they run are that SOP's result ("in all 3 playbooks").
  { query: 'archive client files', first: '/sops/archive-client-data/', notInTop: { n: Infinity, paths: ['/playbooks/'] } },
  { query: 'delete data', first: '/sops/archive-client-data/', notInTop: { n: Infinity, paths: ['/playbooks/'] } },
  { query: 'gift', first: '/sops/thank-you-and-gift/', notInTop: { n: Infinity, paths: ['/playbooks/'] } },
  { query: 'invioce', typo: 'invoice', first: '/sops/collect-final-payment/' },
  { query: 'invoice', first: '/sops/collect-final-payment/', notInTop: { n: Infinity, paths: ['/playbooks/'] } },
  { query: 'payment reminder', first: '/emails/payment-reminder/' },
  // A playbook is still found by its own words: title, description, its own extra tasks.
  { query: 'early termination', first: '/playbooks/early-termination/' },
  { query: 'legal', first: '/playbooks/early-termination/' },
  { query: 'fixed-scope', first: '/playbooks/project-completion/' },
];

/**
 * Result paths for each query, in order, from the Pagefind instance the /search/ page loaded: Pagefind's
 * own `search()` with the site's ranking options and SOP tie-break, as the dialog and page use it.
 */
async function searchAll(page: Page, queries: string[]): Promise<{ paths: string[]; playbooks: (string | null)[] }[]> {
  await page.goto('/search/');
  await page.locator('.search-app pagefind-input input').waitFor();
  // A string, so the test runner does not rewrite the browser's code.
  return (await page.evaluate(`(async (queries) => {
    const manager = window.PagefindComponents.getInstanceManager();
    const instance = manager.getInstance('page');
    await instance.triggerLoad();
    const pagefind = instance.__pagefind__;
    const out = [];
    for (const query of queries) {
      const { results } = await pagefind.search(query, {});
      const data = await Promise.all(results.map((result) => result.data()));
      // Result URLs carry the searched words (?highlight=): the page is the path.
      out.push({ paths: data.map((page) => new URL(page.url, location.href).pathname), playbooks: data.map((page) => page.meta.playbooks ?? null) });
    }
    return out;
  })(${JSON.stringify(queries)})`)) as { paths: string[]; playbooks: (string | null)[] }[];
}

describe.runIf(browserAvailable)('search answers the team\'s words', () => {
  test('the query table: first results and pages that must not rank high, through Pagefind\'s API', async ({ page, siteDir }) => {
    const words = JSON.parse(await readFile(join(siteDir, 'pagefind', WORDS_FILE), 'utf8')) as string[];
    const searched = QUERIES.map((row) => {
      const suggestion = suggestQuery(row.query, words);
      return { ...row, suggestion, term: row.typo ? (suggestion ?? row.query) : row.query };
    });
    const found = await searchAll(page, searched.map((row) => row.term));
    const table = searched.map((row, i) => {
      const paths = found[i]!.paths;
      const top = paths.slice(0, row.notInTop?.n ?? 0);
      return {
        query: row.query,
        suggestion: row.typo ? row.suggestion : undefined,
        first: paths[0],
        unwanted: top.filter((path) => row.notInTop?.paths.some((bad) => path.startsWith(bad))),
      };
    });
    // One assertion over the whole table, so a failure shows every row that is off.
    expect(table).toEqual(QUERIES.map((row) => ({ query: row.query, suggestion: row.typo, first: row.first, unwanted: [] })));
    // Words the index has get no suggestion.
    for (const row of searched.filter((row) => !row.typo)) expect(row.suggestion, row.query).toBeNull();
    // The collapsed playbooks show on the SOP's result.
    const gift = found[QUERIES.findIndex((row) => row.query === 'gift')]!;
    expect(gift.playbooks[0]).toBe('in all 3 playbooks');
  });

  test('"invioce" in the dialog offers "Did you mean invoice?", and Enter takes it to the invoice SOP', async ({ page }) => {
    await page.goto('/sops/confirm-end-date/');
    await page.keyboard.press('Control+K');
    const input = page.locator('dialog.pf-modal[open] input');
    await input.waitFor();
    await input.fill('invioce');
    const suggestion = page.locator('pagefind-modal [data-search-suggest]:not([hidden])');
    await expect.poll(() => suggestion.textContent()).toBe('Did you mean invoice? (Enter)');
    await input.press('Enter');
    await expect.poll(() => input.inputValue()).toBe('invoice');
    await expect.poll(() => page.locator('pagefind-modal .pf-result a.pf-result-link').first().getAttribute('href')).toMatch(/^\/sops\/collect-final-payment\/\?highlight=invoice$/);
    await expect.poll(() => suggestion.count()).toBe(0);
  });

  test('a 1280×800 dialog shows its filters on one line and at least five whole results', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto('/sops/confirm-end-date/');
    await page.keyboard.press('Control+K');
    await page.locator('dialog.pf-modal[open] input').fill('access');
    await page.locator('pagefind-modal .pf-result a.pf-result-link').nth(5).waitFor();
    const measured = await page.evaluate(() => {
      const body = document.querySelector('pagefind-modal .pf-modal-body, pagefind-modal-body')!.getBoundingClientRect();
      const controls = [...document.querySelectorAll('pagefind-modal [data-search-chips] button, pagefind-modal [data-search-chips] select')];
      const middles = controls.map((control) => {
        const box = control.getBoundingClientRect();
        return box.top + box.height / 2;
      });
      const results = [...document.querySelectorAll('pagefind-modal .pf-result')].filter((result) => {
        const box = result.getBoundingClientRect();
        return box.top >= body.top && box.bottom <= Math.min(body.bottom, innerHeight);
      });
      // Controls on one line share (about) one vertical middle; a second line is a full row lower.
      return { spread: Math.max(...middles) - Math.min(...middles), controls: controls.length, visible: results.length };
    });
    expect(measured.controls).toBeGreaterThanOrEqual(3);
    expect(measured.spread).toBeLessThan(10);
    expect(measured.visible).toBeGreaterThanOrEqual(5);
  });
});
