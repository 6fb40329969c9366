import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, scrollToDiagrams, test } from './fixtures';

/**
 * Issue 11, item 8, in Chromium on the starter site: no page sends a request to another host, every
 * page carries a Content-Security-Policy that allows only the site itself, and nothing the site needs
 * (diagrams, search's WebAssembly, the generator, copy buttons, the theme toggle) trips it.
 */

interface Watch {
  /** Requests for anything not on the site, each stopped before it left. */
  offsite: string[];
  /** Every CSP violation: the `securitypolicyviolation` events and the console's reports. */
  violations: string[];
}

/** Routes every request of a context (failing any to another host) and records CSP violations. */
async function watch(context: BrowserContext, baseUrl: string): Promise<Watch> {
  const seen: Watch = { offsite: [], violations: [] };
  const site = new URL(baseUrl).host;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === site) return route.continue();
    seen.offsite.push(url.href);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__reportViolation', (_source, text: string) => void seen.violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
    });
  });
  context.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) seen.violations.push(message.text());
  });
  return seen;
}

const policyOf = (page: Page) => page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');

describe('every built page carries the policy', () => {
  it('has one Content-Security-Policy <meta> that allows only the site itself', async () => {
    const dist = inject('distDir');
    const files = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith('.html'));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const html = await readFile(join(dist, file), 'utf8');
      const policies = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/g)].map((match) => match[1]!);
      expect(policies, file).toHaveLength(1);
      const policy = policies[0]!;
      expect(policy, file).toMatch(/(^|;)\s*default-src 'self';/);
      expect(policy, file).toContain("img-src 'self' data:;"); // the starter lists no image hosts
      expect(policy, file).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(policy, file).toContain("object-src 'none'");
      // Nothing but the site: no host, no scheme but data: for images.
      expect(policy.replace(/'[^']*'/g, ''), file).not.toMatch(/https?:|\*|\/\//);
      // Every inline script that runs is allowed by its hash, wherever it sits in the page.
      for (const [, attributes, source] of html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
        if (/type="application\/(?:ld\+)?json"/.test(attributes!)) continue;
        expect(policy, `${file}: an inline script without its hash`).toContain(`'sha256-${createHash('sha256').update(source!).digest('base64')}'`);
      }
    }
  });
});

describe.runIf(browserAvailable)('the starter site in Chromium, every request routed', () => {
  test('the main page types load only from the site, with no CSP violation', { timeout: 240_000 }, async ({ newContext, baseUrl }) => {
    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const seen = await watch(context, baseUrl);
    const page = await context.newPage();

    // Home, then the theme toggle (a bundled script) and the pre-paint theme script (inline, hashed).
    await page.goto('/');
    expect(await policyOf(page)).toContain("default-src 'self'");
    const choice = () => page.evaluate(() => document.documentElement.dataset.themeChoice);
    const before = await choice();
    await page.locator('[data-theme-toggle]').first().click();
    await expect.poll(choice).not.toBe(before);

    // An SOP: its generated map and its authored diagram, drawn by mermaid in the browser.
    await page.goto('/sops/collect-final-payment/');
    await scrollToDiagrams(page);
    await page.locator('.process-map svg').waitFor({ timeout: 60_000 });
    await page.locator('figure.diagram svg').waitFor({ timeout: 60_000 });

    // Search: Pagefind's WebAssembly in the dialog, then the search page.
    await page.goto('/emails/final-invoice/');
    await page.keyboard.press('/');
    await page.locator('dialog.pf-modal[open] input').fill('invoice');
    await page.locator('pagefind-modal .pf-result a.pf-result-link').first().waitFor();
    await page.goto('/search/?q=archive');
    await page.locator('.search-app .pf-result a.pf-result-link').first().waitFor();

    // Maps of a playbook and of the whole process.
    for (const path of ['/playbooks/standard-retainer/', '/process/']) {
      await page.goto(path);
      await scrollToDiagrams(page);
      await page.locator('.process-map svg').first().waitFor({ timeout: 60_000 });
    }

    // A client page: a copy button, then the generator built from it in the browser.
    await page.goto('/clients/northwind-studio/');
    const copy = page.locator('main button').filter({ hasText: /copy/i }).first();
    await copy.evaluate((button) => button.closest('details')?.setAttribute('open', ''));
    await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
    await copy.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('nothing copied yet');
    await page.getByRole('link', { name: 'Open a copy in the generator' }).click();
    await expect.poll(() => page.locator('#gen-preview h1').textContent()).toBe('Northwind Studio');
    await page.locator('#gen-preview details.run-email').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));

    for (const path of ['/sops/', '/emails/', '/playbooks/', '/clients/', '/changes/', '/no-such-page/']) await page.goto(path);
    await page.waitForTimeout(500); // late violation reports
    expect(seen.offsite).toEqual([]);
    expect(seen.violations).toEqual([]);
  });

  test('the watch is not blind: a remote image put into a page is blocked by the policy and reported', async ({ newContext, baseUrl }) => {
    const context = await newContext();
    const seen = await watch(context, baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://tracker.example/p.png?c=Northwind';
      document.body.append(image);
    });
    await expect.poll(() => seen.violations.length).toBeGreaterThan(0);
    expect(seen.violations.join('\n')).toContain('img-src');
    expect(seen.offsite).toEqual([]); // the policy stopped it before it was even routed
  });
});
