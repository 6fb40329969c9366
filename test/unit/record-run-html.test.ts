import { beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import type { Library } from '../../src/lib/content/library';
import type { Run } from '../../src/lib/run/build-run';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions, runHtmlOptions } from '../../src/lib/run/run-html-options';
import { clientRun, loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const TODAY = '2026-11-27';

function render(run: Run, options = clientRunHtmlOptions(library, run.client.id, TODAY)) {
  const window = new Window();
  window.document.body.innerHTML = renderRunHtml(run, options);
  return window.document;
}

function recorded(done: NonNullable<Run['client']['done']>): Run {
  const run = clientRun(library, 'acme', (client) => {
    client.done = done;
  });
  run.items.find((item) => item.globalId === 'handover#transfer-domains')!.answer = { type: 'signoff', question: 'Principal signs the transfer' };
  return run;
}

const text = (element: { textContent: string | null } | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('a recorded task on the client page', () => {
  it('is ticked for everyone (a checked, disabled box), with who, when, the note and the answer', () => {
    const document = render(
      recorded({
        'notify#tell': { on: '2026-11-23', by: 'ana', note: 'Told on a call' },
        'handover#transfer-domains': { on: '2026-11-26', by: 'dee', answer: { name: 'Dana Cho', title: 'Principal', on: '2026-11-26' } },
      }),
    );
    const tell = document.querySelector('[data-item="notify#tell"]')!;
    expect(tell.getAttribute('data-recorded')).toBe('2026-11-23');
    const box = tell.querySelector('input.run-check')!;
    expect([box.hasAttribute('checked'), box.hasAttribute('disabled')]).toEqual([true, true]);
    expect(text(tell.querySelector('[data-fact="done"] dd'))).toBe('Ana Lima on Mon, Nov 23, 2026');
    expect(tell.querySelector('[data-fact="done"] a')?.getAttribute('href')).toBe('/people/ana/');
    expect(text(tell.querySelector('[data-fact="note"] dd'))).toBe('Told on a call');
    expect(text(tell.querySelector('[data-state]'))).toBe('Done Nov 23');
    // The printout's write-in lines are filled from the record.
    expect([...tell.querySelectorAll('.run-signoff [data-record-fill]')].map(text)).toEqual(['Ana Lima', 'Nov 23, 2026']);

    const transfer = document.querySelector('[data-item="handover#transfer-domains"]')!;
    expect(text(transfer.querySelector('[data-fact="answer"] dd'))).toBe('Signed by Dana Cho (Principal) on Thu, Nov 26, 2026');
    // The sign-off box of the printout shows the signature the record holds.
    expect(text(document.querySelector('.run-completion [data-signoff="handover#transfer-domains"]'))).toBe(
      'Transfer the domains to the client: Signed by Dana Cho (Principal) on Thu, Nov 26, 2026',
    );

    const open = document.querySelector('[data-item="handover#invite"]')!;
    expect(open.hasAttribute('data-recorded')).toBe(false);
    expect(open.querySelector('input.run-check')!.hasAttribute('checked')).toBe(false);
    expect(open.querySelector('[data-ticked-on]')).not.toBeNull();
  });

  it('an item that asks for an answer and is still open says what it asks, with a line to write it on', () => {
    const transfer = render(recorded({})).querySelector('[data-item="handover#transfer-domains"]')!;
    expect(text(transfer.querySelector('[data-fact="asks"] dd'))).toBe('Principal signs the transfer');
    expect(text(transfer.querySelector('.run-signoff .label'))).toBe('Signed by (name, title, date)');
  });

  it('escapes what the record says', () => {
    for (const payload of XSS_PAYLOADS) {
      const document = render(recorded({ 'notify#tell': { on: '2026-11-23', by: 'ana', note: payload } }));
      expect(text(document.querySelector('[data-item="notify#tell"] [data-fact="note"] dd'))).toBe(payload);
      expect(document.querySelector('script, img, svg')).toBeNull();
    }
  });
});

describe('recorded progress in the page header', () => {
  it('shows recorded, overdue and next due while the run is open', () => {
    const document = render(recorded({ 'notify#tell': { on: '2026-11-23', by: 'ana' } }));
    expect(text(document.querySelector('[data-record-progress]'))).toBe('1 of 9 tasks (1 of 7 required)');
    expect(text(document.querySelector('[data-record-overdue]'))).toBe('1 not recorded');
    expect(document.querySelector('[data-record-next]')?.getAttribute('data-record-next')).toBe('handover#invite');
    expect(document.querySelector('[data-record-completed]')).toBeNull();
  });

  it('says "Completed on" the date of the last required record once every required task is recorded', () => {
    const required = ['notify#tell', 'notify#confirm', 'handover#invite', 'handover#transfer-domains', 'pay#invoice', 'pay#remind', 'follow-up#check-in'];
    const document = render(recorded(Object.fromEntries(required.map((id, index) => [id, { on: `2026-11-${String(10 + index).padStart(2, '0')}`, by: 'ana' }]))));
    expect(text(document.querySelector('[data-record-completed]'))).toBe('Completed on November 16, 2026');
    expect(document.querySelector('[data-record-overdue], [data-record-next]')).toBeNull();
    expect(text(document.querySelector('.run-completed-on'))).toBe('Every required task recorded done; the last on Mon, Nov 16, 2026.');
  });

  it('the generator, whose runs have no record, shows none of it', () => {
    const run = recorded({ 'notify#tell': { on: '2026-11-23', by: 'ana' } });
    const document = render(run, runHtmlOptions(library, TODAY, { storageKey: 'sendoff:progress:generated:acme', exports: [] }));
    expect(document.querySelector('[data-record-progress], [data-recorded], [data-fact="done"]')).toBeNull();
  });
});
