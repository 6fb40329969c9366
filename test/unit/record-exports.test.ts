import { beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { List, ListItem, Root } from 'mdast';
import { parse as parseCsv } from 'csv-parse/sync';
import ical, { type VEvent } from 'node-ical';
import type { Library } from '../../src/lib/content/library';
import type { Run } from '../../src/lib/run/build-run';
import { renderExport } from '../../src/lib/exports';
import { CSV_COLUMNS } from '../../src/lib/exports/csv';
import { eventUid, tasksToIcs } from '../../src/lib/exports/ics';
import { openTasksOf } from '../../src/lib/record/progress';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
let run: Run;
beforeAll(async () => {
  library = await loadFixtureLibrary();
  run = clientRun(library, 'acme', (client) => {
    client.done = {
      'notify#tell': { on: '2026-11-23', by: 'ana', note: 'Told on a call; they took it well' },
      'notify#confirm': { on: '2026-11-24', by: 'ana', answer: 'Budget' },
      'handover#transfer-domains': { on: '2026-11-26', by: 'dee', answer: { name: 'Dana Cho', title: 'Principal', on: '2026-11-26' } },
    };
  });
  // The fixture's items ask nothing: give two of them the answers the record holds.
  run.items.find((item) => item.globalId === 'notify#confirm')!.answer = { type: 'choice', question: 'Primary reason for leaving?', options: ['Budget', 'Moved in-house'] };
  run.items.find((item) => item.globalId === 'handover#transfer-domains')!.answer = { type: 'signoff', question: 'Principal signs the transfer' };
});

const options = { locale: 'en-US', runUrl: 'https://offboarding.example.com/clients/acme/', timestamp: Date.UTC(2026, 10, 27) };
const RECORDED = ['notify#tell', 'notify#confirm', 'handover#transfer-domains'];

const value = (property: VEvent['summary'] | VEvent['description'] | undefined) => (typeof property === 'object' && property !== null ? property.val : property);
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT');

describe('a recorded run in the Markdown issue body (remark + remark-gfm)', () => {
  it('ticks the recorded tasks and says who did them, when, the note and the answer', () => {
    const processor = unified().use(remarkParse).use(remarkGfm);
    const tree = processor.runSync(processor.parse(renderExport(run, 'md', options))) as Root;
    const tasks = tree.children.filter((node): node is List => node.type === 'list').slice(1).flatMap((list) => list.children as ListItem[]);
    expect(tasks.map((task) => task.checked)).toEqual(run.items.map((item) => RECORDED.includes(item.globalId)));
    const details = (globalId: string) => {
      const task = tasks[run.items.findIndex((item) => item.globalId === globalId)]!;
      return ((task.children[1] as List | undefined)?.children ?? []).map((line) => toString(line));
    };
    expect(details('notify#tell').slice(0, 2)).toEqual(['Done by Ana Lima on 2026-11-23', 'Note: Told on a call; they took it well']);
    expect(details('notify#confirm').slice(0, 2)).toEqual(['Done by Ana Lima on 2026-11-24', 'Primary reason for leaving: Budget']);
    expect(details('handover#transfer-domains').slice(0, 2)).toEqual(['Done by Dee Park on 2026-11-26', 'Signed by Dana Cho (Principal) on Thu, Nov 26, 2026']);
    expect(details('handover#invite').some((line) => line.startsWith('Done by'))).toBe(false);
  });
});

describe('a recorded run in the CSV (csv-parse)', () => {
  it('fills Done on, Done by, Note and Answer for recorded tasks and leaves them empty for open ones', () => {
    const rows: Record<string, string>[] = parseCsv(renderExport(run, 'csv', options), { bom: true, columns: true });
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const byTask = (globalId: string) => rows[run.items.findIndex((item) => item.globalId === globalId)]!;
    const record = (row: Record<string, string>) => [row['Done on'], row['Done by'], row['Note'], row['Answer']];
    expect(record(byTask('notify#tell'))).toEqual(['2026-11-23', 'Ana Lima', 'Told on a call; they took it well', '']);
    expect(record(byTask('notify#confirm'))).toEqual(['2026-11-24', 'Ana Lima', '', 'Primary reason for leaving: Budget']);
    expect(record(byTask('handover#transfer-domains'))).toEqual(['2026-11-26', 'Dee Park', '', 'Signed by Dana Cho (Principal) on Thu, Nov 26, 2026']);
    expect(record(byTask('pay#invoice'))).toEqual(['', '', '', '']);
  });
});

describe('a recorded run in the calendar (node-ical)', () => {
  it('keeps every task as an event with its UID; a recorded one says Done, by whom and when', () => {
    const parsed = events(renderExport(run, 'ics', options));
    expect(parsed.map((event) => event.uid)).toEqual(run.items.map((item) => eventUid('acme', item.globalId)));
    const tell = parsed[run.items.findIndex((item) => item.globalId === 'notify#tell')]!;
    expect(value(tell.summary)).toBe('Done: Acme: Tell the client');
    expect(String(value(tell.description)).split('\n').slice(0, 2)).toEqual(['Done by Ana Lima on 2026-11-23', 'Note: Told on a call; they took it well']);
    const invoice = parsed[run.items.findIndex((item) => item.globalId === 'pay#invoice')]!;
    expect(String(value(invoice.summary)).startsWith('Done')).toBe(false);
  });
});

describe("a person's calendar feed (node-ical)", () => {
  it('holds their open tasks across clients, with the same UIDs as the client calendars, and nothing recorded', () => {
    const runs = [run, clientRun(library, 'cobalt')];
    const tasks = openTasksOf('dee', runs, '2026-11-27');
    const feed = tasksToIcs('Offboarding tasks: Dee Park', tasks.map((task) => ({ ...task, runUrl: `https://offboarding.example.com/clients/${task.run.client.id}/` })), options);
    const parsed = events(feed);
    expect(parsed.map((event) => event.uid)).toEqual(tasks.map((task) => eventUid(task.run.client.id, task.item.globalId)));
    expect(parsed.map((event) => event.uid)).not.toContain(eventUid('acme', 'handover#transfer-domains'));
    expect(parsed.map((event) => event.uid)).toContain(eventUid('acme', 'handover#revoke-access'));
    expect(parsed.map((event) => event.uid)).toContain(eventUid('cobalt', 'early#legal-review'));
    // The UID of a task is the one its client's calendar gives it.
    const cobaltUids = events(renderExport(runs[1]!, 'ics', { ...options, runUrl: 'https://offboarding.example.com/clients/cobalt/' })).map((event) => event.uid);
    for (const task of tasks.filter((task) => task.run.client.id === 'cobalt')) expect(cobaltUids).toContain(eventUid('cobalt', task.item.globalId));
    expect(feed).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*X-WR-CALNAME:Offboarding tasks: Dee Park\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(parsed.every((event) => String(value(event.url)).startsWith('https://offboarding.example.com/clients/'))).toBe(true);
  });
});
