import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { browserAvailable, test } from './fixtures';

const CLIENT = '/clients/northwind-studio/';
const INVOICE = 'li[data-item="collect-final-payment#send-final-invoice"]';

/** The printout's text (one line per printed line, so `^Finance$` finds a heading) and its page count. */
async function pdfText(page: Page, format: 'A4' | 'Letter'): Promise<{ text: string; pages: number }> {
  const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(await page.pdf({ format }))), { mergePages: true });
  return { text, pages: totalPages };
}

async function downloadText(page: Page, format: string): Promise<string> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.locator(`a[data-export="${format}"]`).click()])) as [Download, void];
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

describe.runIf(browserAvailable)('a client run in Chromium', () => {
  test('keeps ticks over a reload, counts them, and clears them on reset', async ({ page }) => {
    await page.goto(CLIENT);
    const progress = page.locator('[data-progress-text]');
    await expect.poll(() => progress.textContent()).toMatch(/^0 of 77 tasks done · 66 required left/);
    await page.getByLabel('Send the end-date confirmation email', { exact: true }).check();
    await page.locator(INVOICE).locator('label').click();
    await expect.poll(() => progress.textContent()).toMatch(/^2 of 77 tasks done · 64 required left/);
    await expect(page.locator('[data-phase="announce"] [data-phase-count]').textContent()).resolves.toBe('1 of 21 tasks done');
    await page.reload();
    await expect.poll(() => page.locator('input.run-check:checked').count()).toBe(2);
    expect(await page.locator(`${INVOICE} input.run-check`).isChecked()).toBe(true);
    await expect(progress.textContent()).resolves.toMatch(/^2 of 77 tasks done/);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('sendoff:progress:client:northwind-studio')))!);
    expect(Object.keys(stored).sort()).toEqual([
      await page.locator(INVOICE).getAttribute('data-key'),
      await page.locator('li[data-item="confirm-end-date#send-confirmation"]').getAttribute('data-key'),
    ].sort());

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset ticks' }).click();
    await expect.poll(() => page.locator('input.run-check:checked').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('sendoff:progress:client:northwind-studio'))).toBeNull();
  });

  test('does not restore a tick made for an earlier wording of the task', async ({ page }) => {
    await page.goto(CLIENT);
    const key = (await page.locator(INVOICE).getAttribute('data-key'))!;
    const stale = key.replace(/@[0-9a-f]{8}$/, '@00000000');
    await page.evaluate(([current, old]) => localStorage.setItem('sendoff:progress:client:northwind-studio', JSON.stringify({ [old!]: '2026-11-20', [current!.replace('send-final-invoice', 'nothing')]: '2026-11-20' })), [key, stale]);
    await page.reload();
    expect(await page.locator('input.run-check:checked').count()).toBe(0);
  });

  test('puts the subject, the plain text and the formatted email on the clipboard', async ({ newPage }) => {
    const page = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(CLIENT);
    const invoice = page.locator(INVOICE);
    await invoice.locator('summary').click();
    const clipboardText = () => page.evaluate(() => navigator.clipboard.readText());

    await invoice.getByRole('button', { name: 'Copy subject' }).click();
    await expect.poll(clipboardText).toBe('Final invoice from Harbour & Pine for Northwind Studio');
    await expect(page.locator('[data-run-status]').textContent()).resolves.toBe('Subject copied.');

    await invoice.getByRole('button', { name: 'Copy recipient' }).click();
    await expect.poll(clipboardText).toBe('Jordan Lee <accounts@northwind.example.com>'); // to: client:billing
    await expect(page.locator('[data-run-status]').textContent()).resolves.toBe('Recipient copied.');

    await invoice.getByRole('button', { name: 'Copy as plain text' }).click();
    await expect.poll(clipboardText).toMatch(/^Hello Jordan Lee,\n\nToday, Friday, January 29, 2027, our agreement with Northwind Studio comes to an end/);
    const plain = await clipboardText();
    expect(plain).toContain('\n- Invoice HP-2026-118: $4,200.00, due December 15, 2026\n');
    expect(plain).toMatch(/Thank you,\n\nInes Carvalho\nFinance & billing, Harbour & Pine$/);
    expect(plain).not.toMatch(/\*\*|\\|<\/?p>/);

    await page.evaluate(() => navigator.clipboard.writeText(''));
    await invoice.getByRole('button', { name: 'Copy as rich text' }).click();
    await expect.poll(clipboardText).toBe(plain);
    const rich = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { types: [...item!.types].sort(), html: await (await item!.getType('text/html')).text() };
    });
    expect(rich.types).toEqual(['text/html', 'text/plain']);
    expect(rich.html).toContain('<li>Invoice HP-2026-118: $4,200.00, due December 15, 2026</li>');
    expect(rich.html).toContain('<p>Hello Jordan Lee,</p>');
  });

  test('opens the mail app with the recipient, subject and body encoded', async ({ page }) => {
    await page.goto(CLIENT);
    const href = (await page.locator(`${INVOICE} a[data-mailto]`).getAttribute('href'))!;
    const [address, query] = href.slice('mailto:'.length).split('?');
    const fields = Object.fromEntries(query!.split('&').map((pair) => pair.split('=').map(decodeURIComponent)));
    expect(address).toBe('accounts@northwind.example.com'); // to: client:billing
    expect(fields.subject).toBe('Final invoice from Harbour & Pine for Northwind Studio');
    expect(fields.body).toBe((await page.locator(`${INVOICE} [data-email]`).getAttribute('data-text'))!.replace(/\n/g, '\r\n'));
    expect(href).not.toMatch(/[\s&]{2}|\+/); // spaces are %20, never +
  });

  test('prints on A4 and Letter as a document: no navigation, every phase, sign-off lines, page numbers, emails as an appendix', async ({ page }) => {
    await page.goto(CLIENT);
    await page.getByLabel('Send the end-date confirmation email', { exact: true }).check();
    for (const format of ['A4', 'Letter'] as const) {
      const { text, pages } = await pdfText(page, format);
      expect(pages, format).toBeGreaterThan(4);
      for (const phase of ['Announce', 'Wrap up', 'Finance', 'Feedback', 'Growth', 'Archive', 'Farewell']) expect(text).toMatch(new RegExp(`^${phase}$`, 'm'));
      expect(text).toMatch(/^Northwind Studio$/m);
      expect(text).toContain('Friday, January 29, 2027');
      expect(text).toContain(`Page 1 of ${pages}`);
      expect(text).toContain(`Page ${pages} of ${pages}`);
      expect(text).toContain('Northwind Studio · offboarding · contract ends January 29, 2027');
      expect(text).toMatch(/Done by\s+Date/);
      expect(text).toContain('Appendix: emails');
      expect(text).toContain('A6 · Final invoice');
      for (const chrome of ['Skip to content', 'Search', 'Reset ticks', 'Export:', 'Copy subject', 'On this page', 'Playbooks']) expect(text, chrome).not.toContain(chrome);
    }
    const withEmails = (await pdfText(page, 'A4')).pages;
    await page.getByLabel('Emails in the printout').uncheck();
    const { text, pages } = await pdfText(page, 'A4');
    expect(text).not.toContain('Appendix: emails');
    expect(text).not.toContain('A6:');
    expect(pages).toBeLessThan(withEmails);
    await page.reload();
    expect(await page.getByLabel('Emails in the printout').isChecked()).toBe(false); // the choice is remembered
  });
});

describe.runIf(browserAvailable)('the generator in Chromium', () => {
  test('keeps the form in the URL: typing updates it, and a reload or a shared link restores the run', async ({ page, newPage, baseUrl }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto('/generate/');
    await expect(page.locator('.gen-empty').textContent()).resolves.toMatch(/^Fill in the client/);
    await page.getByLabel('Client name', { exact: true }).fill('Acme & Sons');
    await page.getByLabel('Primary contact', { exact: true }).fill('Robin Park');
    await page.getByLabel('Contact email', { exact: true }).fill('robin@acme.example.com');
    // The final invoice goes to the client's billing contact (to: client:billing): without one there is no run.
    await expect.poll(() => page.locator('#gen-problems').textContent()).toContain('no contact has `role: billing`');
    await page.getByRole('button', { name: 'Add another contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Acme accounts');
    await page.getByLabel('Email', { exact: true }).fill('accounts@acme.example.com');
    await page.getByLabel('Role (optional)', { exact: true }).fill('billing');
    await page.getByLabel('End (last working day)', { exact: true }).fill('2027-03-31');
    await page.getByLabel('Playbook', { exact: true }).selectOption('early-termination');
    await page.getByLabel('Managing director', { exact: true }).selectOption('theo-okafor');
    await page.getByRole('button', { name: 'Add an unpaid invoice' }).click();
    await page.getByLabel('Number', { exact: true }).fill('INV-7');
    await page.getByLabel('Amount', { exact: true }).fill('1250.5');
    await expect.poll(() => page.locator('#gen-preview h1').textContent()).toBe('Acme & Sons');
    await expect.poll(() => new URL(page.url()).searchParams.get('invoice.0.amount')).toBe('1250.5');
    const url = new URL(page.url());
    expect(url.searchParams.get('name')).toBe('Acme & Sons');
    expect(url.searchParams.get('playbook')).toBe('early-termination');
    expect(url.searchParams.get('team.director')).toBe('theo-okafor');
    expect(url.searchParams.get('contacts.0.role')).toBe('billing');
    const before = await page.locator('#gen-preview .run-phase').allInnerTexts();
    // An unpaid invoice brings in the payment reminder, and the final invoice email lists it.
    expect(await page.locator('#gen-preview li[data-item="collect-final-payment#payment-reminder"]').count()).toBe(1);
    expect(await page.locator('#gen-preview li[data-item="collect-final-payment#send-final-invoice"] [data-email]').getAttribute('data-text')).toContain(
      '- Invoice INV-7: $1,250.50, due March 31, 2027',
    );
    expect(await page.locator('#gen-preview li[data-item="collect-final-payment#send-final-invoice"] [data-email]').getAttribute('data-to')).toBe('Acme accounts <accounts@acme.example.com>');

    await page.locator('a[data-export="ics"]').click();
    // Nothing the reader typed left the browser: every request went to the site itself, for its own files.
    expect(requests.every((url) => url.startsWith(`${baseUrl}/`))).toBe(true);
    expect(requests.filter((url) => /Acme|robin|INV-7/.test(url))).toEqual([]);

    const other = await newPage(); // someone the link was shared with: a context with nothing stored
    await other.goto(page.url());
    await expect.poll(() => other.locator('#gen-preview h1').textContent()).toBe('Acme & Sons');
    expect(await other.getByLabel('Client name', { exact: true }).inputValue()).toBe('Acme & Sons');
    expect(await other.getByLabel('Managing director', { exact: true }).inputValue()).toBe('theo-okafor');
    expect(await other.getByLabel('Amount', { exact: true }).inputValue()).toBe('1250.5');
    expect(await other.locator('#gen-preview .run-phase').allInnerTexts()).toEqual(before);
    expect(other.url()).toBe(page.url());
  });

  test("reproduces a starter client's run, emails and exports exactly from the same inputs", async ({ page, siteDir }) => {
    await page.goto(CLIENT);
    const expected = await page.locator('.run-phase').allInnerTexts();
    await page.getByRole('link', { name: 'Open a copy in the generator' }).click();
    await expect.poll(() => page.locator('#gen-preview h1').textContent()).toBe('Northwind Studio');
    expect(await page.locator('#gen-preview .run-phase').allInnerTexts()).toEqual(expected);

    const built = (format: string) => readFileSync(join(siteDir, 'clients/northwind-studio', `northwind-studio.${format}`), 'utf8');
    const withoutLinks = (text: string) => text.replace(/^- \*\*Checklist:\*\* .*\n/m, '');
    expect(await downloadText(page, 'csv')).toBe(built('csv'));
    expect(withoutLinks(await downloadText(page, 'md'))).toBe(withoutLinks(built('md')));
    // Same events; only the stamp and the link back (this page rather than the client page) differ.
    const calendar = (text: string) =>
      text
        .replace(/\r\n[ \t]/g, '')
        .split('\r\n')
        .filter((line) => !/^(DTSTAMP|URL):/.test(line))
        .map((line) => line.replace(/\\nChecklist: .*$/, ''));
    expect(calendar(await downloadText(page, 'ics'))).toEqual(calendar(built('ics')));
  });

  test('fits a 375 px phone without sideways scrolling, empty and filled in', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(CLIENT);
    await page.getByRole('link', { name: 'Open a copy in the generator' }).click();
    await expect.poll(() => page.locator('#gen-preview h1').textContent()).toBe('Northwind Studio');
    await page.locator('#gen-preview details.run-email').first().evaluate((details) => ((details as HTMLDetailsElement).open = true));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.goto('/generate/');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });

  test('shows markup in URL parameters as text and runs none of it', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const params = new URLSearchParams({
      name: '<img src=x onerror=alert(1)>',
      contact: '"><script>alert(2)</script>',
      email: 'robin@acme.example.com',
      title: "javascript:alert(3)'><svg onload=alert(4)>",
      'var.handoverLink': 'javascript:alert(5)',
      'invoice.0.number': '<script>alert(6)</script>',
      'invoice.0.amount': '10',
      'invoice.0.currency': 'USD',
      'invoice.0.due': '2027-01-01',
      id: 'x"><img src=x onerror=alert(7)>',
      // The billing contact the final invoice goes to (to: client:billing), its name markup too.
      'contacts.0.name': '<img src=x onerror=alert(8)>',
      'contacts.0.email': 'accounts@acme.example.com',
      'contacts.0.role': 'billing',
    });
    await page.goto(`/generate/?${params}`);
    await expect.poll(() => page.locator('#gen-problems li').count()).toBe(1); // the id is not kebab-case
    await page.getByLabel('Short id (optional)', { exact: true }).fill('');
    await expect.poll(() => page.locator('#gen-preview h1').textContent()).toBe('<img src=x onerror=alert(1)>');
    await expect(page.locator('#gen-preview .run-people li strong').first().textContent()).resolves.toBe('"><script>alert(2)</script>');
    await page.locator('#gen-preview details.run-email').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
    await page.waitForTimeout(300);
    expect(await page.locator('#gen-preview img, #gen-preview script, #gen-preview svg').count()).toBe(0);
    expect(await page.locator('#gen-preview a[href^="javascript:"]').count()).toBe(0);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('<img src=x onerror=alert(8)>');
    expect(await page.locator('#gen-preview li[data-item="collect-final-payment#send-final-invoice"] .run-email-head dd').first().textContent()).toBe('<img src=x onerror=alert(8)> <accounts@acme.example.com>');
    expect(dialogs).toEqual([]);
  });
});
