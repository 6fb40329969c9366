import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { parse as parseCsv } from 'csv-parse/sync';
import ical, { type VEvent } from 'node-ical';
import { CompanySchema } from '../../src/schemas';
import { loadContent } from '../../src/lib/content/load';
import { createLibrary, type Library } from '../../src/lib/content/library';
import { buildRun, type Run } from '../../src/lib/run/build-run';
import { addDays, isWorkingDay } from '../../src/lib/run/dates';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';
import { defaultState } from '../../src/lib/run/generator-form';
import { renderExport } from '../../src/lib/exports';
import { CSV_COLUMNS } from '../../src/lib/exports/csv';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

/** A due date that falls on a weekend or a holiday moves to a day someone works (`company.dueOnDayOff`). */

let fixture: Library;
let starter: Library;
beforeAll(async () => {
  fixture = await loadFixtureLibrary();
  const { input, diagnostics } = await loadContent(resolve('.'));
  if (!input) throw new Error(`the starter library does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  starter = createLibrary(input);
});

const TODAY = '2026-11-25';
const options = { locale: 'en-US', runUrl: '/clients/acme/', timestamp: 0 };
const withRule = (library: Library, dueOnDayOff: Library['company']['dueOnDayOff']): Library => ({ ...library, company: { ...library.company, dueOnDayOff } });
const item = (run: Run, globalId: string) => run.items.find((entry) => entry.globalId === globalId)!;
/** node-ical reads an all-day date as local midnight: read it back in local time. */
const day = (date: Date) => `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT');

describe('due dates on a day off', () => {
  it('moves earlier by default', () => {
    expect(CompanySchema.parse({ name: 'C' }).dueOnDayOff).toBe('earlier');
  });

  it('leaves no task of a starter client on a weekend or a holiday', () => {
    for (const client of starter.clients) {
      const run = buildRun(client, starter.playbookById.get(client.playbook)!, starter, { emails: false });
      const offDays = run.items.filter((entry) => entry.dueDate !== null && !isWorkingDay(entry.dueDate, starter.company)).map((entry) => `${entry.globalId} ${entry.dueDate}`);
      expect(offDays, client.id).toEqual([]);
    }
  });

  it.each([
    // rule, due date, moved from: acme ends on Friday 29 January; +1d is the Saturday.
    ['earlier', '2027-01-29', '2027-01-30'],
    ['later', '2027-02-01', '2027-01-30'],
    ['keep', '2027-01-30', null],
  ] as const)('%s: handover#revoke-access (+1d) is due %s', (rule, dueDate, movedFrom) => {
    const library = withRule(fixture, rule);
    const run = buildRun(library.clientById.get('acme')!, library.playbookById.get('standard')!, library);
    expect([item(run, 'handover#revoke-access').dueDate, item(run, 'handover#revoke-access').dueMovedFrom]).toEqual([dueDate, movedFrom]);
    expect(item(run, 'pay#invoice').dueMovedFrom).toBeNull(); // a working day stays
  });

  it('says on the task where the date was moved from, in the company locale', () => {
    const run = clientRun(fixture, 'acme');
    const window = new Window();
    window.document.body.innerHTML = renderRunHtml(run, { ...clientRunHtmlOptions(fixture, 'acme', TODAY), locale: 'en-GB' });
    const due = window.document.querySelector('li[data-item="handover#revoke-access"] [data-fact="due"] dd')!;
    expect(due.querySelector('time')!.getAttribute('datetime')).toBe('2027-01-29');
    expect(due.textContent).toBe('Fri, 29 Jan 2027 +1d moved from Sat, 30 Jan 2027');
    expect(due.querySelector('.run-moved time')!.getAttribute('datetime')).toBe('2027-01-30');
    const unmoved = window.document.querySelector('li[data-item="pay#invoice"] [data-fact="due"] dd')!;
    expect(unmoved.querySelector('.run-moved')).toBeNull();
  });

  it('notes the move in the issue and the spreadsheet, and puts the moved date in the calendar', () => {
    const run = clientRun(fixture, 'acme');
    const revoke = item(run, 'handover#revoke-access');
    expect(renderExport(run, 'md', options)).toContain(`- [ ] ${revoke.task} (optional) — Dee Park (Operations & IT) — due **Fri, Jan 29, 2027** (+1d, moved from Sat, Jan 30, 2027)`);
    const rows: string[][] = parseCsv(renderExport(run, 'csv', options), { bom: true });
    const note = CSV_COLUMNS.indexOf('Due note');
    const row = rows.find((cells) => cells[0] === revoke.task)!;
    expect([row[CSV_COLUMNS.indexOf('Due')], row[note]]).toEqual(['2027-01-29', 'moved from 2027-01-30, not a working day']);
    expect(rows.find((cells) => cells[0] === item(run, 'pay#invoice').task)![note]).toBe('');
    const event = events(renderExport(run, 'ics', options)).find((entry) => entry.uid.includes('revoke-access'))!;
    expect(day(event.start)).toBe('2027-01-29');
    expect(event.description).toContain('Due: 2027-01-29 (+1d, moved from 2027-01-30)');
  });
});

describe("the generator's blank form", () => {
  it('ends the contract on a working day, at least the notice period away', () => {
    for (const library of [starter, fixture]) {
      for (let day = 0; day < 45; day++) {
        const today = addDays('2026-11-20', day);
        const { end } = defaultState(library, today);
        expect(isWorkingDay(end, library.company), `${library.company.name}, today ${today}: end ${end}`).toBe(true);
        expect(end >= addDays(today, library.company.noticeDays)).toBe(true);
      }
    }
  });
});
