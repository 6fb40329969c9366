import { describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXPORT_FORMAT_IDS } from '../../src/lib/exports/formats';

const dist = inject('distDir');
const read = (path: string) => readFileSync(join(dist, path), 'utf8');
const clients = readdirSync('content/clients').map((file) => file.replace(/\.ya?ml$/, ''));

describe('client exports in the built site', () => {
  it.each(clients)('%s has a Markdown, CSV and calendar export, linked from its page as downloads', (id) => {
    const page = read(`clients/${id}/index.html`);
    for (const format of EXPORT_FORMAT_IDS) {
      expect(page).toContain(`href="/clients/${id}/${id}.${format}" download="${id}.${format}" data-export="${format}"`);
    }
    const name = /^name: (.*)$/m.exec(readFileSync(`content/clients/${id}.yaml`, 'utf8'))![1]!;
    expect(read(`clients/${id}/${id}.md`).split('\n')[0]).toBe(`# Offboarding: ${name}`);
    expect(read(`clients/${id}/${id}.csv`).split('\r\n')[0]).toBe('\uFEFFTask,Phase,SOP,Owner,Owner email,Due,Required,Depends on,Email template,Due note,Done on,Done by,Note,Answer');
    expect(read(`clients/${id}/${id}.ics`)).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  });
});

describe('task texts with Liquid in the built site (issue 14, item 6)', () => {
  it.each(clients)("%s: the chase task names the client's primary contact on the page and in every export", (id) => {
    const record = parse(readFileSync(`content/clients/${id}.yaml`, 'utf8')) as { contacts: { name: string; primary?: boolean }[] };
    const contact = (record.contacts.find((candidate) => candidate.primary) ?? record.contacts[0]!).name;
    const task = `If no reply has arrived, call ${contact} and confirm the call by email`;
    expect(read(`clients/${id}/index.html`)).toContain(task);
    // The calendar folds long lines and escapes commas (RFC 5545): read it unfolded and unescaped.
    for (const format of EXPORT_FORMAT_IDS) expect(read(`clients/${id}/${id}.${format}`).replace(/\r\n[ \t]/g, '').replaceAll('\\,', ','), format).toContain(task);
    expect(read(`clients/${id}/index.html`)).not.toContain('{{ contact.name }}');
  });

  it('shows the Liquid as written on the SOP page, marked as filled in for each client', () => {
    expect(read('sops/confirm-end-date/index.html')).toMatch(/call <code class="liquid"[^>]* title="Filled in for each client"[^>]*>\{\{ contact\.name \}\}<\/code> and confirm/);
  });
});

describe('the generator page', () => {
  const html = read('generate/index.html');
  const json = /<script type="application\/json" id="sendoff-library">([\s\S]*?)<\/script>/.exec(html)![1]!;

  it('embeds the library, and no client record', () => {
    const library = JSON.parse(json);
    expect(Object.keys(library).sort()).toEqual(['clients', 'company', 'emails', 'phases', 'playbooks', 'sops', 'team']);
    expect(library.clients).toEqual([]);
    expect(library.playbooks.map((playbook: { id: string }) => playbook.id).sort()).toEqual(['early-termination', 'project-completion', 'standard-retainer']);
    for (const name of ['Northwind', 'Bluebird', 'Quarry', 'alex.moreno@']) expect(html).not.toContain(name);
  });

  it('writes the embedded JSON so that no content can close its script element', () => {
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).emails.some((email: { body: string }) => email.body.includes('<') || email.body.includes('>'))).toBe(true);
  });
});
