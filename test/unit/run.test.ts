import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadContent } from '../../src/lib/content/load';
import { createLibrary, type Library } from '../../src/lib/content/library';
import { buildRun, orderByDependencies, type RunItem } from '../../src/lib/run/build-run';

let library: Library;
beforeAll(async () => {
  const { input } = await loadContent(resolve('.'));
  library = createLibrary(input!);
});

const runFor = (clientId: string, patch: (client: ReturnType<Library['clientById']['get']> & object) => void = () => {}) => {
  const client = structuredClone(library.clientById.get(clientId)!);
  patch(client);
  return buildRun(client, library.playbookById.get(client.playbook)!, library);
};

describe('a client run', () => {
  it('dates every item from the contract end and the notice date', () => {
    const run = runFor('northwind-studio');
    const byId = new Map(run.items.map((item) => [item.globalId, item]));
    expect(run.end).toBe('2027-01-29');
    expect(byId.get('collect-final-payment#send-final-invoice')?.dueDate).toBe('2027-01-29'); // 0d
    expect(byId.get('offboarding-meeting#send-invitation')?.dueDate).toBe('2027-01-08'); // -21d
    expect(byId.get('confirm-end-date#send-confirmation')?.dueDate).toBe('2026-11-24'); // notice (Fri 20 Nov) + 2 working days
    expect(byId.get('further-work#schedule-check-in')?.dueDate).toBe('2027-04-29'); // +90d
  });

  it('skips Thanksgiving when counting working days', () => {
    // Notice on Tue 24 Nov: +2bd skips Thu 26 and Fri 27 (company holidays) and the weekend.
    const run = runFor('northwind-studio', (client) => {
      client.contract.notice = '2026-11-24';
    });
    expect(run.items.find((item) => item.globalId === 'confirm-end-date#send-confirmation')?.dueDate).toBe('2026-11-30');
  });

  it('names a real person for each owner role from the client team', () => {
    const run = runFor('northwind-studio');
    const invoice = run.items.find((item) => item.globalId === 'collect-final-payment#send-final-invoice')!;
    expect(invoice.role.title).toBe('Finance & billing');
    expect(invoice.person?.name).toBe('Ines Carvalho');
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
    const early = runFor('quarry-logistics');
    const ids = early.items.map((item) => item.globalId);
    expect(ids).not.toContain('feedback-and-testimonial#ask-testimonial');
    expect(ids.some((id) => id.startsWith('referral-ask#'))).toBe(false);
    expect(ids).toContain('early-termination#legal-review');
    const completion = runFor('bluebird-bakery');
    expect(completion.items.map((item) => item.globalId)).not.toContain('notify-all-parties#stop-recurring-billing');
  });

  it('evaluates when: conditions on client data and playbook vars', () => {
    const bluebird = runFor('bluebird-bakery'); // no outstanding invoices
    expect(bluebird.excluded.map((item) => item.globalId)).toContain('collect-final-payment#payment-reminder');
    const quarry = runFor('quarry-logistics'); // keepsDomains: false, two invoices
    expect(quarry.excluded.map((item) => item.globalId)).toContain('tech-stack-access#transfer-domains');
    expect(quarry.items.map((item) => item.globalId)).toContain('collect-final-payment#payment-reminder');
  });

  it('renders the email with the client data, escaping it in HTML', () => {
    const run = runFor('northwind-studio', (client) => {
      client.name = 'Acme <script>alert(1)</script> & *Co*';
    });
    const email = run.items.find((item) => item.email?.id === 'end-date-confirmation')!.email!;
    expect(email.subject).toContain('Friday, January 29, 2027');
    expect(email.to).toBe('alex.moreno@northwind.example.com');
    expect(email.html).toContain('Acme &#x3C;script>alert(1)&#x3C;/script> &#x26; *Co*');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('Acme <script>alert(1)</script> & *Co*');
    expect(email.html).toMatch(/Theo Okafor<br>\s*Account lead, Harbour &#x26; Pine/); // sign-off keeps its line break
  });

  it('lists invoices with amounts in the final invoice email', () => {
    const run = runFor('quarry-logistics');
    const email = run.items.find((item) => item.email?.id === 'payment-reminder')!.email!;
    expect(email.text).toContain('HP-2026-104');
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
