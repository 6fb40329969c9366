import { describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { parse } from 'yaml';
import ical, { type VEvent } from 'node-ical';
import { TEST_TODAY } from '../global-setup';

/**
 * The starter content's record (`done:` in content/clients/*.yaml) as the built site shows it: the
 * client page, the clients index and each person's "My tasks" page and calendar feed.
 */
const dist = inject('distDir');
const read = (path: string) => readFileSync(join(dist, path), 'utf8');
const documentOf = (path: string) => {
  const window = new Window();
  return new window.DOMParser().parseFromString(read(path), 'text/html');
};
const text = (element: { textContent: string | null } | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

interface Entry { on: string; by: string; note?: string }
const clients = readdirSync('content/clients').map((file) => ({
  id: file.replace(/\.ya?ml$/, ''),
  done: ((parse(readFileSync(`content/clients/${file}`, 'utf8')) as { done?: Record<string, Entry> }).done ?? {}),
}));
const people = new Map(
  (parse(readFileSync('content/team.yaml', 'utf8')) as { people: { id: string; name: string }[] }).people.map((person) => [person.id, person.name]),
);
const recorded = clients.filter((client) => Object.keys(client.done).length > 0);

describe('the record on a client page', () => {
  it('the starter content has a client with recorded tasks', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  it.each(recorded.map((client) => client.id))('%s: every recorded task is done, with the name of who did it and the date', (id) => {
    const { done } = recorded.find((client) => client.id === id)!;
    const document = documentOf(`clients/${id}/index.html`);
    for (const [globalId, entry] of Object.entries(done)) {
      const item = document.querySelector(`li.run-item[data-item="${globalId}"]`);
      expect(item, globalId).not.toBeNull();
      expect(item!.getAttribute('data-recorded')).toBe(entry.on);
      const box = item!.querySelector('input.run-check')!;
      expect([box.hasAttribute('checked'), box.hasAttribute('disabled')]).toEqual([true, true]);
      expect(text(item!.querySelector('[data-fact="done"] dd'))).toMatch(new RegExp(`^${people.get(entry.by)} on `));
      // The printout's "Done by" line carries the same name.
      expect(text(item!.querySelector('.run-signoff .fill-done'))).toBe(people.get(entry.by));
      if (entry.note) expect(text(item!.querySelector('[data-fact="note"] dd'))).toBe(entry.note);
    }
    const open = [...document.querySelectorAll('li.run-item')].filter((item) => !(item.getAttribute('data-item')! in done));
    expect(open.every((item) => !item.hasAttribute('data-recorded') && !item.querySelector('input.run-check')!.hasAttribute('checked'))).toBe(true);
    const total = document.querySelectorAll('li.run-item').length;
    expect(text(document.querySelector('[data-record-progress]'))).toMatch(new RegExp(`^${Object.keys(done).length} of ${total} tasks`));
  });

  it('the clients index shows each client\'s recorded count', () => {
    const document = documentOf('clients/index.html');
    for (const client of clients) {
      const row = document.querySelector(`a[href="/clients/${client.id}/"]`)!.closest('tr')!;
      const cell = row.querySelector('[data-record-cell="recorded"], [data-record-cell="completed"]');
      if (cell?.getAttribute('data-record-cell') === 'recorded') expect(text(cell)).toMatch(new RegExp(`^${Object.keys(client.done).length} of \\d+`));
      else expect(text(cell)).toMatch(/^Completed on /);
    }
  });
});

describe("each person's tasks", () => {
  it.each([...people.keys()])('%s: a page of open tasks, overdue first, none of them recorded, and a calendar feed of the same tasks', (personId) => {
    const document = documentOf(`people/${personId}/index.html`);
    expect(text(document.querySelector('h1'))).toBe(`${people.get(personId)}: my tasks`);
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toContain('noindex');
    const rows = [...document.querySelectorAll('tr[data-task]')].map((row) => ({
      client: row.getAttribute('data-task')!.split(' ')[0]!,
      globalId: row.getAttribute('data-task')!.split(' ')[1]!,
      overdue: row.getAttribute('data-overdue') === 'true',
      // An undated task (done during the run) has no <time>: it says "During the run".
      due: row.querySelector('time')?.getAttribute('datetime') ?? null,
      undated: (text(row.querySelector('td.due')) ?? '').startsWith('During the run'),
    }));
    // Overdue first, then by date, then the undated tasks, never overdue.
    const firstOpen = rows.findIndex((row) => !row.overdue);
    expect(rows.slice(firstOpen === -1 ? rows.length : firstOpen).some((row) => row.overdue)).toBe(false);
    expect(rows.every((row) => row.overdue === (row.due !== null && row.due < TEST_TODAY))).toBe(true);
    expect(rows.every((row) => (row.due === null) === row.undated)).toBe(true);
    const firstUndated = rows.findIndex((row) => row.due === null);
    expect(rows.slice(firstUndated === -1 ? rows.length : firstUndated).every((row) => row.due === null)).toBe(true);
    for (const row of rows) expect(clients.find((client) => client.id === row.client)!.done[row.globalId], `${row.client} ${row.globalId}`).toBeUndefined();

    const feed = read(`people/${personId}/${personId}.ics`);
    const events = Object.values(ical.sync.parseICS(feed)).filter((entry): entry is VEvent => entry?.type === 'VEVENT');
    // The feed has the dated tasks: an undated one has no day to go in a calendar.
    const dated = rows.filter((row) => row.due !== null);
    expect(events.map((event) => event.uid)).toEqual(dated.map((row) => `${row.client}.${row.globalId.replace(/[#/]/g, '.')}@sendoff`));
    // The same UID as the client's own calendar gives the task.
    for (const row of dated.slice(0, 3)) expect(read(`clients/${row.client}/${row.client}.ics`)).toContain(`UID:${row.client}.${row.globalId.replace(/[#/]/g, '.')}@sendoff`);
  });

  it("a client page's team links to each person's page", () => {
    const document = documentOf(`clients/${clients[0]!.id}/index.html`);
    const links = [...document.querySelectorAll('#client-team ~ ul a')].map((link) => link.getAttribute('href'));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((link) => /^\/people\/[a-z0-9-]+\/$/.test(link!))).toBe(true);
  });
});
