import { describe, expect, inject, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = inject('distDir');
const page = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');
const ids = (folder: string, pattern: RegExp) =>
  readdirSync(resolve(folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file))
    .map((file) => file.replace(pattern, ''));

describe('the built starter site (real astro build)', () => {
  it.each([
    ['SOP', 'sops', /\.mdx?$/],
    ['email', 'templates/emails', /\.md$/],
    ['playbook', 'templates/playbooks', /\.ya?ml$/],
  ] as const)('has a page for every %s', (_kind, folder, pattern) => {
    const expected = ids(folder, pattern);
    expect(expected.length).toBeGreaterThan(0);
    const route = folder.split('/').at(-1);
    for (const id of expected) expect(existsSync(join(dist, route!, id, 'index.html')), `${route}/${id}/`).toBe(true);
  });

  it('has a page for every client', () => {
    for (const id of ids('content/clients', /\.ya?ml$/)) expect(existsSync(join(dist, 'clients', id, 'index.html')), id).toBe(true);
  });

  it("shows dates computed from the client's own contract end", () => {
    const html = page('clients/northwind-studio');
    // Contract end Fri 29 Jan 2027: the final invoice (0d) and the meeting invitation (-21d).
    expect(html).toContain('Friday, January 29, 2027');
    expect(html).toMatch(/<li[^>]*data-item="collect-final-payment#send-final-invoice"[\s\S]*?<time datetime="2027-01-29">Fri, Jan 29, 2027<\/time>/);
    expect(html).toMatch(/<li[^>]*data-item="offboarding-meeting#send-invitation"[\s\S]*?<time datetime="2027-01-08">Fri, Jan 8, 2027<\/time>/);
    const bluebird = page('clients/bluebird-bakery');
    expect(bluebird).toMatch(/data-item="collect-final-payment#send-final-invoice"[\s\S]*?<time datetime="2026-12-18">/);
  });

  it('marks every page noindex', () => {
    for (const path of ['', 'sops/confirm-end-date', 'emails/final-invoice', 'clients/northwind-studio', 'playbooks/standard-retainer']) {
      expect(page(path)).toContain('<meta name="robots" content="noindex, nofollow">');
    }
  });

  it('links an SOP item to its email and the email back to the SOP', () => {
    expect(page('sops/collect-final-payment')).toContain('href="/emails/final-invoice/"');
    expect(page('emails/final-invoice')).toContain('href="/sops/collect-final-payment/#item-send-final-invoice"');
  });

  it('keeps a page small: the sidebar lists only the current phase', () => {
    const html = page('sops/confirm-end-date');
    const sidebar = html.slice(html.indexOf('aria-label="Phases"'), html.indexOf('sidebar-links'));
    expect(sidebar).toContain('/sops/confirm-end-date/');
    expect(sidebar).not.toContain('/sops/collect-final-payment/');
  });

  it('shows when each SOP, email and playbook page last changed, with edit and history links', async () => {
    const { execFileSync } = await import('node:child_process');
    const shallow = execFileSync('git', ['rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).trim() === 'true';
    for (const [path, file] of [
      ['sops/collect-final-payment', 'sops/collect-final-payment.mdx'],
      ['emails/final-invoice', 'templates/emails/final-invoice.md'],
      ['playbooks/standard-retainer', 'templates/playbooks/standard-retainer.yaml'],
    ]) {
      const html = page(path!);
      expect(html, path).toContain(`<a href="https://github.com/harbour-and-pine/offboarding/edit/main/${file}" rel="noopener noreferrer"`);
      expect(html, path).toContain(`<a href="https://github.com/harbour-and-pine/offboarding/commits/main/${file}" rel="noopener noreferrer"`);
      // A full clone dates every page; a shallow one may not (and must not crash).
      if (!shallow) expect(html, path).toMatch(/Last updated <time datetime="\d{4}-\d{2}-\d{2}"[^>]*>[A-Z][a-z]+ \d{1,2}, \d{4}<\/time> by [^<]+<\/p>/);
    }
  });

  it('lists recent content commits on /changes/, with their summaries', () => {
    const html = page('changes');
    expect(html).toMatch(/<h1[^>]*>Recent changes<\/h1>/);
    expect(html).toMatch(/<li class="change" id="commit-[0-9a-f]{7}"/);
    expect(html).toContain('href="/changes/"');
    expect(html).not.toContain('data-pagefind-body'); // the history is not search noise
  });
});
