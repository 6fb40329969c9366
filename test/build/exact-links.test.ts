import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { parse } from 'yaml';

const dist = inject('distDir');
const page = (path: string) => {
  const document = new Window().document;
  document.write(readFileSync(join(dist, path), 'utf8'));
  return document;
};
// The starter's links have `_`, `&` and `%2F` in them: exactly what Markdown escaping used to change.
const links = (parse(readFileSync('content/company.yaml', 'utf8')) as { links: Record<string, string> }).links;

describe('links in the built emails are exact', () => {
  const document = page('clients/northwind-studio/index.html');
  const email = (subject: string) => document.querySelector(`[data-email][data-subject="${subject}"]`)!;

  it('the referral link, as a Markdown link and bare in the forwardable note: href, text, plain text and mailto', () => {
    const referral = email('Know someone who could use a team like ours?');
    const anchors = [...referral.querySelectorAll('[data-email-body] a[href^="http"]')].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(anchors).toEqual([
      [links.referral, 'our referral link'],
      [links.referral, links.referral],
    ]);
    expect(referral.getAttribute('data-text')).toContain(`our referral link (${links.referral})`);
    expect(referral.getAttribute('data-text')).toContain(`or start here: ${links.referral}.`);
    const mailto = referral.querySelector('a[data-mailto]')!.getAttribute('href')!;
    const body = decodeURIComponent(/[?&]body=([^&]*)/.exec(mailto)![1]!);
    expect(body).toContain(`or start here: ${links.referral}.`);
  });

  it('the booking link, as a Markdown link', () => {
    const meeting = [...document.querySelectorAll('[data-email]')].find((element) => element.getAttribute('data-text')?.includes('pick a time'))!;
    expect([...meeting.querySelectorAll('[data-email-body] a')].map((a) => a.getAttribute('href'))).toEqual([links.booking]);
  });

  it("the email's own page renders it with the same exact links", () => {
    const hrefs = [...page('emails/referral-request/index.html').querySelectorAll('.body a[href^="http"]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([links.referral, links.referral]);
  });
});
