import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load';
import { createLibrary, type Library } from '../../src/lib/content/library';
import { validateProject } from '../../src/lib/check/validate';
import { EmailSchema } from '../../src/schemas/email';
import { mailbox } from '../../src/lib/email/mailto';
import { buildRun } from '../../src/lib/run/build-run';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';
import { fixtureProject } from '../fixture-project';
import { clientFromState, stateFromClient } from '../../src/lib/run/generator-form';

/** Recipients (issue 14, item 9): an email's `to:`, a contact's `role`, the template's `recipient`. */
describe('email recipients', () => {
  let library: Library;
  beforeAll(async () => {
    const { input } = await loadContent(await fixtureProject('recipients'));
    library = createLibrary(input!);
  });
  const run = () => {
    const client = library.clientById.get('acme')!;
    return buildRun(client, library.playbookById.get(client.playbook)!, library);
  };

  it('checks clean when every addressed person exists', async () => {
    const { diagnostics } = await validateProject(await fixtureProject('recipients'), { today: '2026-11-25', cache: false });
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
  });

  it('addresses `client:billing` to the contact with that role, and the template reads them as `recipient`', () => {
    const invoice = run().items.find((item) => item.globalId === 'pay#invoice')!.email!;
    expect(invoice.to).toBe('accounts@acme.example.com');
    expect(invoice.toName).toBe('Bo Ray');
    expect(invoice.text).toContain('Dear Bo Ray (Accounts payable),');
  });

  it('addresses `team:finance` to the person in that role on the client team, even on an internal email', () => {
    const hello = run().items.find((item) => item.globalId === 'notify#tell')!.email!;
    expect(hello.to).toBe('ben@example.com');
    expect(hello.text).toContain('Hi Ben Ode,');
  });

  it('keeps the primary contact as the default recipient', async () => {
    const { input } = await loadContent(await fixtureProject('_base'));
    const base = createLibrary(input!);
    const client = base.clientById.get('acme')!;
    const hello = buildRun(client, base.playbookById.get('basic')!, base).items.find((item) => item.globalId === 'notify#tell')!.email!;
    expect([hello.to, hello.toName]).toEqual(['cy@acme.example.com', 'Cy Doe']);
  });

  it('puts the recipient in the To line and the mailto: link of the client page', () => {
    const html = renderRunHtml(run(), clientRunHtmlOptions(library, 'acme', '2026-11-25'));
    expect(html).toContain('<dt>To</dt><dd>Bo Ray &#x3C;accounts@acme.example.com></dd>');
    expect(html).toContain('href="mailto:accounts@acme.example.com?subject=Final%20invoice');
    expect(html).toContain('href="mailto:ben@example.com?subject=');
    // The copy button copies the same person the To line names.
    expect(html).toContain('data-subject="Final invoice" data-text="Dear Bo Ray (Accounts payable)," data-to="Bo Ray <accounts@acme.example.com>"');
    expect(html).toContain('<button type="button" data-copy="to">Copy recipient</button>');
  });

  it('reports a missing contact role at the client file, an unknown team role and an unknown recipient field at the email', async () => {
    const { diagnostics } = await validateProject(await fixtureProject('recipients-invalid'), { today: '2026-11-25', cache: false });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}${d.hint ? ` — ${d.hint}` : ''}`)).toMatchInlineSnapshot(`
      [
        "content/clients/acme.yaml:5:3 client contacts: no contact has \`role: billing\`, and the email "invoice" goes to \`client:billing\` — add \`role: billing\` to the contact who receives it (or a new contact with name, email and \`role: billing\`)",
        "templates/emails/hello.md:5:5 reference to: no role "finace" — did you mean "finance"? Roles are defined in content/team.yaml.",
        "templates/emails/invoice.md:8:4 template-variable unknown variable \`recipient.phone\` — did you mean \`recipient.name\`?",
      ]
    `);
  });

  it('refuses a `to:` that is none of the three forms, saying which are', () => {
    const result = EmailSchema.safeParse({ title: 'T', subject: 'S', audience: 'client', to: 'billing' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/client:<contact-role>.*team:<role-id>.*found "billing"/);
    expect(EmailSchema.safeParse({ title: 'T', subject: 'S', audience: 'client', to: 'client:data-protection' }).success).toBe(true);
  });
});

describe('recipients in the generator', () => {
  it('keeps the primary contact’s role, and a client addressed `client:billing` without one is refused at the contact', async () => {
    const { input } = await loadContent(await fixtureProject('recipients'));
    const library = createLibrary(input!);
    const acme = library.clientById.get('acme')!;
    // The generator has one contact, the primary: give them the billing role.
    const billing = { ...acme, contacts: [{ ...acme.contacts[0]!, role: 'billing' }] };
    const state = stateFromClient(billing, library);
    expect(state.contactRole).toBe('billing');
    const built = clientFromState(state, library);
    expect(built.problems).toEqual([]);
    expect(built.client!.contacts[0]!.role).toBe('billing');
    const without = clientFromState({ ...state, contactRole: '' }, library);
    expect(without.problems).toEqual([expect.objectContaining({ field: 'contact', message: expect.stringMatching(/no contact has `role: billing`/) })]);
  });
});

describe('the recipient a mail app is given', () => {
  it('quotes a name with commas, dots or brackets so a pasted To field names one person', () => {
    expect(mailbox({ to: 'bo@acme.example.com', toName: 'Bo Ray' })).toBe('Bo Ray <bo@acme.example.com>');
    expect(mailbox({ to: 'ng@x.example', toName: 'Ng, Dr. "Kim"' })).toBe('"Ng, Dr. \\"Kim\\"" <ng@x.example>');
    expect(mailbox({ to: 'a@x.example', toName: '' })).toBe('a@x.example');
  });
});
