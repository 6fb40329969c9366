import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/lib/content/library';
import { orderByDependencies, type RunItem } from '../../src/lib/run/build-run';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

const runFor = (clientId: string, patch?: Parameters<typeof clientRun>[2]) => clientRun(library, clientId, patch);

describe('a client run', () => {
  it('dates every item from the contract end and the notice date', () => {
    const run = runFor('acme');
    const byId = new Map(run.items.map((item) => [item.globalId, item]));
    expect(run.end).toBe('2027-01-29');
    expect(byId.get('pay#invoice')?.dueDate).toBe('2027-01-29'); // 0d
    expect(byId.get('handover#invite')?.dueDate).toBe('2027-01-08'); // -21d
    expect(byId.get('notify#confirm')?.dueDate).toBe('2026-11-25'); // notice (Fri 20 Nov) + 3 working days
    expect(byId.get('follow-up#check-in')?.dueDate).toBe('2027-04-29'); // +90d
  });

  it('skips company holidays when counting working days', () => {
    // Notice on Wed 25 Nov: +1bd skips Thu 26 and Fri 27 (company holidays) and the weekend.
    const run = runFor('acme', (client) => {
      client.contract.notice = '2026-11-25';
    });
    expect(run.items.find((item) => item.globalId === 'notify#tell')?.dueDate).toBe('2026-11-30');
  });

  it('names a real person for each owner role from the client team', () => {
    const run = runFor('acme');
    const invoice = run.items.find((item) => item.globalId === 'pay#invoice')!;
    expect(invoice.role.title).toBe('Finance & billing');
    expect(invoice.person?.name).toBe('Ben Ode');
  });

  it('never lists a task before one it depends on', () => {
    for (const client of library.clients) {
      const run = runFor(client.id);
      const position = new Map(run.items.map((item, index) => [item.globalId, index]));
      for (const item of run.items) {
        for (const dependency of item.after) expect(position.get(dependency)).toBeLessThan(position.get(item.globalId)!);
      }
    }
  });

  it('leaves out skipped items and adds the playbook extras', () => {
    const early = runFor('cobalt');
    const ids = early.items.map((item) => item.globalId);
    expect(ids).not.toContain('handover#invite');
    expect(ids.some((id) => id.startsWith('follow-up#'))).toBe(false);
    expect(ids).toContain('early#legal-review');
    const completion = runFor('birch');
    expect(completion.items.map((item) => item.globalId)).not.toContain('follow-up#ask-testimonial');
  });

  it('evaluates when: conditions on client data and playbook vars', () => {
    const birch = runFor('birch'); // no outstanding invoices
    expect(birch.excluded.map((item) => item.globalId)).toContain('pay#remind');
    const cobalt = runFor('cobalt'); // keepsDomains: false, two invoices
    expect(cobalt.excluded.map((item) => item.globalId)).toContain('handover#transfer-domains');
    expect(cobalt.items.map((item) => item.globalId)).toContain('pay#remind');
  });

  it('renders the email with the client data, escaping it in HTML', () => {
    const run = runFor('acme', (client) => {
      client.name = 'Acme <script>alert(1)</script> & *Co*';
    });
    const email = run.items.find((item) => item.email?.id === 'hello')!.email!;
    expect(email.subject).toContain('Friday, January 29, 2027');
    expect(email.to).toBe('cy@acme.example.com');
    expect(email.html).toContain('Acme &#x3C;script>alert(1)&#x3C;/script> &#x26; *Co*');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('Acme <script>alert(1)</script> & *Co*');
    expect(email.html).toMatch(/Ana Lima<br>\s*Account lead, Fixture &#x26; Co/); // sign-off keeps its line break
  });

  it('lists invoices with amounts in the final invoice email', () => {
    const run = runFor('cobalt');
    const email = run.items.find((item) => item.email?.id === 'invoice')!.email!;
    expect(email.text).toContain('C-104');
    expect(email.text).toContain('$2,750.00');
    expect(email.text).toContain('$1,980.50');
  });
});

describe('dependency order', () => {
  const item = (globalId: string, dueDate: string, after: string[] = []) => ({ globalId, dueDate, after }) as RunItem;
  it('puts a dependency first even when it is due later', () => {
    const ordered = orderByDependencies([item('b', '2027-01-01', ['a']), item('a', '2027-01-05'), item('c', '2027-01-02')]);
    expect(ordered.map((i) => i.globalId)).toEqual(['c', 'a', 'b']);
  });
  it('keeps every item when there is a cycle', () => {
    const ordered = orderByDependencies([item('a', '2027-01-01', ['b']), item('b', '2027-01-02', ['a'])]);
    expect(ordered.map((i) => i.globalId).sort()).toEqual(['a', 'b']);
  });
});
