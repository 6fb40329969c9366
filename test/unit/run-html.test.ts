import { beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import type { Library } from '../../src/lib/content/library';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';
import { buildMailto } from '../../src/lib/email/mailto';
import { progressKey } from '../../src/lib/run/progress-keys';
import { clientRun, loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

/** HTML as the DOM serialises it, so two spellings of the same markup (`&#x26;`, `&amp;`) compare equal. */
function normalise(html: string): string {
  const element = new Window().document.createElement('div');
  element.innerHTML = html;
  return element.innerHTML;
}

function render(run: ReturnType<typeof clientRun>) {
  const window = new Window();
  window.document.body.innerHTML = renderRunHtml(run, clientRunHtmlOptions(library, run.client.id, '2026-11-25'));
  return window.document;
}

describe('a run as HTML', () => {
  it('names what is left out of the run and why, with the condition in words (its Liquid on hover)', () => {
    const run = clientRun(library, 'cobalt');
    expect(run.excluded.map((item) => item.globalId)).toContain('handover#transfer-domains');
    const note = render(run).querySelector('p.run-excluded')!;
    expect(note.textContent).toBe('Not in this run for this client: Transfer the domains to the client (only when the answer to “Keeps domains?” is yes).');
    expect(note.querySelector('code')).toBeNull();
    expect(note.querySelector('[title="vars.keepsDomains"]')).not.toBeNull();
  });

  it('gives every item a labelled checkbox, its tick key, its due date and its owner', () => {
    const run = clientRun(library, 'acme');
    const document = render(run);
    const items = [...document.querySelectorAll('li.run-item')];
    const byPhase = run.phases.flatMap((group) => group.items);
    expect(items.map((item) => item.getAttribute('data-item'))).toEqual(byPhase.map((item) => item.globalId));
    byPhase.forEach((runItem, index) => {
      const item = items[index]!;
      expect(item.getAttribute('data-key')).toBe(progressKey(runItem));
      const box = item.querySelector('input.run-check')!;
      expect(document.querySelector(`label[for="${box.id}"]`)?.textContent).toBe(runItem.task);
      expect(item.querySelector('[data-fact="due"] time')?.getAttribute('datetime')).toBe(runItem.dueDate);
      expect(item.querySelector('[data-fact="owner"] dd')?.textContent).toBe(`${runItem.person!.name} (${runItem.role.title})`);
    });
  });

  it('shows a weekday with each date and links dependencies to their tasks', () => {
    const document = render(clientRun(library, 'acme'));
    const item = document.querySelector('li[data-item="notify#confirm"]')!;
    expect(item.querySelector('[data-fact="due"] time')!.textContent).toBe('Wed, Nov 25, 2026');
    const after = item.querySelector('[data-fact="after"] a')!;
    expect(after.getAttribute('href')).toBe('#task-notify-tell');
    expect(document.querySelector('#task-notify-tell')).not.toBeNull();
  });

  it("carries each email's subject, plain text and a mailto: link built from them", () => {
    const run = clientRun(library, 'acme');
    const document = render(run);
    const runItem = run.items.find((item) => item.email?.id === 'invoice')!;
    const email = document.querySelector(`li[data-item="${runItem.globalId}"] [data-email]`)!;
    expect(email.getAttribute('data-subject')).toBe('Final invoice from Fixture & Co for Acme');
    expect(email.getAttribute('data-text')).toBe(runItem.email!.text);
    expect(email.querySelector('a[data-mailto]')!.getAttribute('href')).toBe(
      buildMailto({ to: ['cy@acme.example.com'], subject: runItem.email!.subject, body: runItem.email!.text }),
    );
    expect(email.querySelector('[data-email-body]')!.innerHTML).toBe(normalise(runItem.email!.html));
  });

  it('numbers the emails A1, A2… in an appendix for the printout', () => {
    const run = clientRun(library, 'acme');
    const document = render(run);
    const withEmail = run.items.filter((item) => item.email);
    expect([...document.querySelectorAll('.run-appendix-email h3')].map((h) => h.textContent)).toEqual(
      withEmail.map((item, index) => `A${index + 1} · ${item.email!.title}`),
    );
    expect([...document.querySelectorAll('.run-appendix-email .email-body')].map((body) => body.innerHTML)).toEqual(withEmail.map((item) => normalise(item.email!.html)));
  });

  it.each(XSS_PAYLOADS)('shows %j in every client field as text, never as markup', (payload) => {
    const run = clientRun(library, 'acme', (client) => {
      client.name = payload;
      client.notes = payload;
      client.contacts[0]!.name = payload;
      client.contacts[0]!.title = payload;
      client.outstanding.invoices[0]!.number = payload;
      client.outstanding.deliverables[0]!.name = payload;
      client.vars.handoverLink = payload;
    });
    const document = render(run);
    expect(document.querySelectorAll('script, img, svg, style, iframe').length).toBe(0);
    const attributes = [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes]);
    expect(attributes.filter((attribute) => attribute.name.startsWith('on'))).toEqual([]);
    expect(attributes.filter((attribute) => /^\s*javascript:/i.test(attribute.value ?? ''))).toEqual([]);
    expect(document.querySelector('h1')!.textContent).toBe(payload);
    expect(document.querySelector('.run-notes')!.textContent).toBe(`Notes: ${payload}`);
    expect(document.querySelector('.run-people li strong')!.textContent).toBe(payload);
  });
});
