import { beforeAll, describe, expect, it } from 'vitest';
import ical, { type VEvent } from 'node-ical';
import type { Library } from '../../src/lib/content/library';
import { renderExport } from '../../src/lib/exports';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

/** The last dates the schema accepts still make valid files (RFC 5545 DATE is exactly 8 digits). */

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const options = { locale: 'en-US', runUrl: '/clients/acme/', timestamp: 0 };
/** node-ical reads an all-day date as local midnight: read it back in local time. */
const day = (date: Date) => `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT');

describe('a contract at the edge of the accepted years', () => {
  it.each(['2099-12-31', '2000-01-03'])('ending %s exports a calendar whose every date is 8 digits and the due date', (end) => {
    const run = clientRun(library, 'acme', (client) => {
      client.contract = { start: '2000-01-01', end };
    });
    const text = renderExport(run, 'ics', options);
    const dates = [...text.matchAll(/^(DTSTART|DTEND)(;[^:]*)?:(.*)\r$/gm)].map((match) => match[3]!);
    expect(dates.length).toBe(run.items.length * 2);
    for (const date of dates) expect(date).toMatch(/^\d{8}$/);
    expect(events(text).map((event) => day(event.start))).toEqual(run.items.map((item) => item.dueDate));
  });

  it('refuses to write a date that is not a 4-digit year rather than an invalid DTSTART', () => {
    const run = clientRun(library, 'acme');
    run.items[0]!.dueDate = '+010000-01-05'; // how Temporal writes a day after 9999-12-31
    expect(() => renderExport(run, 'ics', options)).toThrowErrorMatchingInlineSnapshot(`[RangeError: The calendar export cannot write "+010000-01-05": a calendar date has a 4-digit year (YYYY-MM-DD)]`);
  });
});
