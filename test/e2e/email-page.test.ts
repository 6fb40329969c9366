import { describe, expect } from 'vitest';
import { browserAvailable, test } from './fixtures';

const EMAIL = '/emails/final-invoice/';

describe.runIf(browserAvailable)("an email template's page in Chromium", () => {
  test('copies the subject, the plain text and the formatted email, filled in for the sample client', async ({ newPage }) => {
    const page = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(EMAIL);
    const email = page.locator('[data-email]');
    const clipboardText = () => page.evaluate(() => navigator.clipboard.readText());

    await email.getByRole('button', { name: 'Copy subject' }).click();
    await expect.poll(clipboardText).toBe('Final invoice from Harbour & Pine for Sample Client Studio');
    await expect.poll(() => page.locator('[data-copy-status]').textContent()).toBe('Subject copied.');

    await email.getByRole('button', { name: 'Copy as plain text' }).click();
    await expect.poll(clipboardText).toMatch(/^Hello Casey Morgan,\n\nToday, Wednesday, March 31, 2027, our agreement with Sample Client Studio comes to an end/);
    const plain = await clipboardText();
    expect(plain).toContain('\n- Invoice INV-1042: $3,150.00, due April 14, 2027\n');
    expect(plain).toMatch(/Thank you,\n\nInes Carvalho\nFinance & billing, Harbour & Pine$/);
    expect(plain).not.toMatch(/\*\*|\\|<\/?p>|\.\./);

    await page.evaluate(() => navigator.clipboard.writeText(''));
    await email.getByRole('button', { name: 'Copy as rich text' }).click();
    await expect.poll(clipboardText).toBe(plain);
    const rich = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { types: [...item!.types].sort(), html: await (await item!.getType('text/html')).text() };
    });
    expect(rich.types).toEqual(['text/html', 'text/plain']);
    expect(rich.html).toContain('<p>Hello Casey Morgan,</p>');
    expect(rich.html).toContain('<li>Invoice INV-1042: $3,150.00, due April 14, 2027</li>');
    // What was copied is what the preview shows.
    expect(await email.locator('[data-email-body] li').first().textContent()).toBe('Invoice INV-1042: $3,150.00, due April 14, 2027');
  });

  test('addresses an email with to: client:billing to the sample billing contact: the To line and Copy recipient', async ({ newPage }) => {
    const page = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(EMAIL);
    // The eyebrow says who in words; the preview's To line names the made-up contact who holds the role.
    await expect(page.locator('.eyebrow').textContent()).resolves.toContain("To: Client: the client's billing contact");
    const email = page.locator('[data-email]');
    const to = email.locator('.email-head div', { has: page.locator('dt', { hasText: /^To$/ }) }).locator('dd');
    await expect(to.textContent()).resolves.toBe('Casey Morgan <casey@client.example.com>');
    await email.getByRole('button', { name: 'Copy recipient' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('Casey Morgan <casey@client.example.com>');
    await expect.poll(() => page.locator('[data-copy-status]').textContent()).toBe('Recipient copied.');
    // An email to the primary contact (no to:) is addressed to them; an internal one has no recipient to copy.
    await page.goto('/emails/end-date-confirmation/');
    await expect(page.locator('[data-email] .email-head dd').first().textContent()).resolves.toBe('Jamie Rivera <jamie@client.example.com>');
    await page.goto('/emails/team-notice/');
    expect(await page.locator('[data-email]').getByRole('button', { name: 'Copy recipient' }).count()).toBe(0);
  });

  test('lists the emails in the order a run sends them', async ({ page }) => {
    await page.goto('/emails/');
    const titles = await page.locator('table.emails tbody tr td:nth-child(2) > a').allTextContents();
    expect(titles.slice(0, 3)).toEqual(['End-date confirmation', 'Internal team notice', 'Vendor and subcontractor notice']);
    expect(titles.indexOf('Final invoice')).toBeLessThan(titles.indexOf('Feedback request'));
    expect(titles.at(-1)).toBe('90-day check-in');
  });
});
