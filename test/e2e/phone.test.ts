import { describe, expect } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { browserAvailable, test } from './fixtures';

const PHONE = { viewport: { width: 390, height: 844 } };
const SOP = '/sops/collect-final-payment/';

describe.runIf(browserAvailable)('a 390 px phone, and paper', () => {
  test('reads an SOP checklist as cards: every field shown and labelled, nothing scrolled sideways', async ({ newPage }) => {
    const page = await newPage(PHONE);
    await page.goto(SOP);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const cards = await page.locator('table.checklist tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        right: Math.max(...[...row.querySelectorAll('td')].map((cell) => cell.getBoundingClientRect().right)),
        cells: [...row.querySelectorAll('td')].map((cell) => ({
          label: getComputedStyle(cell, '::before').content.replace(/^"|"$/g, ''),
          shown: cell.getBoundingClientRect().width > 0 && cell.getBoundingClientRect().left >= 0,
          text: (cell as HTMLElement).innerText.trim().replace(/\s+/g, ' '),
        })),
      })),
    );
    expect(cards).toHaveLength(7);
    for (const card of cards) {
      expect(card.right).toBeLessThanOrEqual(390);
      expect(card.cells.map((cell) => cell.label)).toEqual(['', 'Owner', 'Due', 'Depends on', 'Email', 'Evidence']); // the task heads the card
      expect(card.cells.every((cell) => cell.shown)).toBe(true);
    }
    // The invoice task: its dependencies by short name, its email and its evidence, all on screen.
    const invoice = cards[1]!.cells;
    expect(invoice[0]!.text).toMatch(/^Send the final invoice/);
    expect(invoice[3]!.text).toBe('Reconcile prepayments Send handover in Hand over every deliverable and get sign-off');
    expect(invoice[4]!.text).toBe('Final invoice');
    expect(invoice[5]!.text).toBe('Invoice number and send date recorded in the billing system');
    // A condition reads as words.
    expect(cards[3]!.cells[0]!.text).toContain('Only when there are outstanding invoices');
  });

  test('shows every section of the menu: Clients and Generate wrap onto the screen and open', async ({ newPage }) => {
    const page = await newPage(PHONE);
    await page.goto('/');
    for (const name of ['Home', 'SOPs', 'Emails', 'Playbooks', 'Process map', 'Clients', 'Generate']) {
      const link = page.locator('nav.top-nav').getByRole('link', { name, exact: true });
      expect(await link.isVisible(), name).toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.querySelector('nav.top-nav')!.scrollWidth - document.querySelector('nav.top-nav')!.clientWidth)).toBeLessThanOrEqual(0);
    await page.locator('nav.top-nav').getByRole('link', { name: 'Generate', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/generate/');
  });

  test('shows a task list in an SOP body as checkboxes without bullets', async ({ newPage }) => {
    const page = await newPage(PHONE);
    await page.goto('/sops/tech-stack-access/');
    const items = page.locator('li.task-list-item');
    expect(await items.count()).toBe(3);
    expect(await items.first().evaluate((li) => getComputedStyle(li).listStyleType)).toBe('none');
    expect(await items.first().locator('input[type="checkbox"]').isVisible()).toBe(true);
  });

  test('keeps a wide table of an SOP body in a scroll box of its own, which Tab reaches and the arrow keys scroll', async ({ newPage }) => {
    const page = await newPage(PHONE);
    await page.goto('/sops/plan-the-offboarding/');
    // The six-column "who does what" table used to push the whole page 191 px sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const box = page.getByRole('region', { name: 'Table: Phase, Account lead, Project manager, Finance & billing, …' });
    expect(await box.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(100);
    expect((await box.boundingBox())!.width).toBeLessThanOrEqual(390);
    // By keyboard: Tab until the box has focus, then the right arrow scrolls it.
    let tabs = 0;
    while (!(await box.evaluate((el) => el === document.activeElement)) && tabs++ < 200) await page.keyboard.press('Tab');
    expect(tabs).toBeLessThan(200);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });

  test('prints an SOP checklist that flows over pages with whole rows, not two rows and a break', async ({ page }) => {
    await page.goto(SOP);
    const tasks = await page.locator('table.checklist tbody tr td:first-child').evaluateAll((cells) => cells.map((cell) => cell.firstChild!.textContent!.trim()));
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await page.pdf({ format: 'A4' }))), { mergePages: false });
    // A task's first three words: a PDF line holds one line of every column, so longer text is cut by the others.
    const pageOf = (task: string) => text.findIndex((pageText) => pageText.replace(/\s+/g, ' ').includes(task.split(' ').slice(0, 3).join(' ')));
    const pages = tasks.map(pageOf);
    expect(pages.every((index) => index >= 0)).toBe(true);
    // The first page holds the header and more than two tasks; the table then continues, its header repeated.
    expect(pages.filter((index) => index === 0).length).toBeGreaterThan(2);
    const continued = pages.find((index) => index > 0);
    if (continued !== undefined) expect(text[continued]).toMatch(/^\s*Task\s+Owner\s+Due\s+Depends on\s+Email\s+Evidence/);
  });
});
