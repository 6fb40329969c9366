import { beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Heading, List, ListItem, Root } from 'mdast';
import { parse as parseCsv } from 'csv-parse/sync';
import ical, { type VEvent } from 'node-ical';
import type { Library } from '../../src/lib/content/library';
import { renderExport } from '../../src/lib/exports';
import { CSV_COLUMNS } from '../../src/lib/exports/csv';
import { eventUid } from '../../src/lib/exports/ics';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const SITE_URL = 'https://offboarding.example.com/clients/acme/';
const options = { locale: 'en-US', runUrl: SITE_URL, timestamp: Date.UTC(2026, 10, 25) };
const CLIENTS = ['acme', 'birch', 'cobalt'];

function parseMarkdown(text: string): Root {
  const processor = unified().use(remarkParse).use(remarkGfm);
  return processor.runSync(processor.parse(text)) as Root;
}

/** A text property's value (node-ical gives `{ params, val }` when the property has parameters). */
const value = (property: VEvent['summary'] | undefined) => (typeof property === 'object' && property !== null ? property.val : property);

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT');
}

describe('the Markdown issue body, read back by remark + remark-gfm', () => {
  it.each(CLIENTS)('%s: one GFM task list per phase, one unticked task per item, in run order', (clientId) => {
    const run = clientRun(library, clientId);
    const tree = parseMarkdown(renderExport(run, 'md', options));
    expect(toString(tree.children[0]!)).toBe(`Offboarding: ${run.client.name}`);
    const phases: { title: string; tasks: ListItem[] }[] = [];
    tree.children.forEach((node, index) => {
      if (node.type === 'heading' && (node as Heading).depth === 2) {
        phases.push({ title: toString(node), tasks: (tree.children[index + 1] as List).children });
      }
    });
    expect(phases.map((phase) => phase.title)).toEqual(run.phases.map((group) => group.phase.title));
    phases.forEach((phase, index) => {
      const items = run.phases[index]!.items;
      expect(phase.tasks.map((task) => task.checked)).toEqual(items.map(() => false));
      expect(phase.tasks.map((task) => toString(task.children[0]!).split(' — ')[0]!.replace(/ \(optional\)$/, ''))).toEqual(items.map((item) => item.task));
    });
  });

  it('assigns tasks to @handles where the team gives one, and names people who have none', () => {
    const text = renderExport(clientRun(library, 'acme'), 'md', options);
    const line = (task: string) => text.split('\n').find((entry) => entry.includes(task))!;
    expect(line('Tell the client')).toBe('- [ ] Tell the client — @ana (Account lead) — due **Mon, Nov 23, 2026** (notice+1bd)');
    const deesTask = clientRun(library, 'acme').items.find((item) => item.person?.id === 'dee')!;
    expect(line(deesTask.task)).toContain('— Dee Park (Operations & IT) — due');
    expect(text).toContain(`- **Checklist:** <${SITE_URL}>`);
  });

  it('escapes a client name that looks like Markdown', () => {
    const run = clientRun(library, 'acme', (client) => {
      client.name = '*Acme* [x](javascript:alert(1)) <b>#1</b>';
    });
    const tree = parseMarkdown(renderExport(run, 'md', options));
    const title = tree.children[0] as Heading;
    expect(title.children.map((node) => node.type)).toEqual(['text']);
    expect(toString(title)).toBe('Offboarding: *Acme* [x](javascript:alert(1)) <b>#1</b>');
  });
});

describe('a role nobody fills on the client team', () => {
  it('is written as the role, unassigned, in every export', () => {
    const run = clientRun(library, 'acme', (client) => {
      delete client.team.finance;
    });
    const invoice = run.items.find((item) => item.globalId === 'pay#invoice')!;
    expect(invoice.person).toBeNull();
    const row = (parseCsv(renderExport(run, 'csv', options), { bom: true }) as string[][]).find((cells) => cells[0] === invoice.task)!;
    expect(row.slice(3, 5)).toEqual(['Finance & billing (unassigned)', '']);
    expect(renderExport(run, 'md', options)).toContain(`- [ ] ${invoice.task} — Finance & billing (unassigned) — due **Fri, Jan 29, 2027** (0d)`);
    expect(events(renderExport(run, 'ics', options)).find((event) => value(event.summary)?.endsWith(invoice.task))!.description).toMatch(/^Owner: Finance & billing \(unassigned\)\n/);
  });
});

describe('the CSV, read back by csv-parse', () => {
  it.each(CLIENTS)('%s: a header row, then one row per item with its real date and owner', (clientId) => {
    const run = clientRun(library, clientId);
    const text = renderExport(run, 'csv', options);
    expect(text.startsWith('\uFEFFTask,Phase,SOP,Owner,Owner email,Due,Required,Depends on,Email template,Due note,Done on,Done by,Note,Answer\r\n')).toBe(true);
    const rows: string[][] = parseCsv(text, { bom: true });
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual(
      run.items.map((item) => [
        item.task,
        run.phases.find((group) => group.phase.id === item.phase)!.phase.title,
        item.sopId ? item.sopTitle : `${run.playbook.title} playbook`,
        item.person!.name,
        item.person!.email,
        item.dueDate,
        item.required ? 'yes' : 'no',
        item.after.map((id) => run.items.find((other) => other.globalId === id)!.task).join('; '),
        item.email?.title ?? '',
        item.dueMovedFrom ? `moved from ${item.dueMovedFrom}, not a working day` : '',
        // No record in the fixture: the record's columns are empty.
        '',
        '',
        '',
        '',
      ]),
    );
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    const run = clientRun(library, 'acme');
    run.items[0]!.task = 'Call "Alex", then\nwrite it down';
    const text = renderExport(run, 'csv', options);
    expect(text).toContain('"Call ""Alex"", then\nwrite it down"');
    expect((parseCsv(text, { bom: true }) as string[][])[1]![0]).toBe('Call "Alex", then\nwrite it down');
  });
});

describe('the calendar, read back by node-ical', () => {
  it.each(CLIENTS)('%s: one all-day event per item on its due date, with a stable, unique UID', (clientId) => {
    const run = clientRun(library, clientId);
    const text = renderExport(run, 'ics', options);
    const parsed = events(text);
    expect(parsed.map((event) => event.uid)).toEqual(run.items.map((item) => eventUid(run.client.id, item.globalId)));
    expect(new Set(parsed.map((event) => event.uid)).size).toBe(run.items.length);
    expect(parsed.every((event) => event.start.dateOnly === true)).toBe(true);
    const dtstarts = [...text.matchAll(/^DTSTART(;[^:]*)?:(.*)\r$/gm)].map((match) => `${match[1]}:${match[2]}`);
    expect(dtstarts).toEqual(run.items.flatMap((item) => (item.dueDate === null ? [] : [`;VALUE=DATE:${item.dueDate.replace(/-/g, '')}`])));
    expect(parsed.map((event) => value(event.summary))).toEqual(run.items.map((item) => `${run.client.name}: ${item.task}`));
    expect(parsed.map((event) => event.url)).toEqual(run.items.map((item) => `${SITE_URL}#task-${item.globalId.replace(/[^a-z0-9-]+/g, '-')}`));
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true); // folded
  });

  it('keeps every UID when the dates move, so a re-import updates the events', () => {
    const before = events(renderExport(clientRun(library, 'acme'), 'ics', options));
    const after = events(
      renderExport(
        clientRun(library, 'acme', (client) => {
          client.contract.end = '2027-03-31';
        }),
        'ics',
        options,
      ),
    );
    expect(after.map((event) => event.uid)).toEqual(before.map((event) => event.uid));
    expect(after.map((event) => event.start.toISOString())).not.toEqual(before.map((event) => event.start.toISOString()));
  });

  it('escapes commas, semicolons, backslashes and line breaks in text', () => {
    const name = 'Acme, Inc.; "Best" \\ Co\nNew line';
    const run = clientRun(library, 'acme', (client) => {
      client.name = name;
    });
    const [first] = events(renderExport(run, 'ics', options));
    expect(value(first!.summary)).toBe(`${name}: ${run.items[0]!.task}`);
  });

  it('folds lines with other characters than ASCII at 75 octets, never inside a character', () => {
    const name = 'Ünïcødé Café — 日本語 client 🎉 with a name long enough to fold twice over, ça va';
    const run = clientRun(library, 'acme', (client) => {
      client.name = name;
    });
    const text = renderExport(run, 'ics', options);
    const lines = text.split('\r\n');
    expect(lines.every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(lines.every((line) => !/[\ud800-\udbff]$|^\t?[\udc00-\udfff]/.test(line))).toBe(true);
    const [first] = events(text);
    expect(value(first!.summary)).toBe(`${name}: ${run.items[0]!.task}`);
  });

  it('names the page as text when the site address is unknown (calendar apps cannot follow a relative link)', () => {
    const run = clientRun(library, 'acme');
    const [first] = events(renderExport(run, 'ics', { ...options, runUrl: '/clients/acme/' }));
    expect(first!.url).toBeUndefined();
    expect(first!.description).toContain('Checklist: /clients/acme/#task-notify-tell');
  });
});
