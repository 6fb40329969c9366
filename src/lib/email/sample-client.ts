import type { IsoDate, Person } from '../../schemas';
import { emailSenders, teamMember, type ClientEntry, type EmailEntry, type Library } from '../content/library';
import { buildRun, renderEmail, type RenderedEmail } from '../run/build-run';
import { templateEnginesFor } from './liquid';
import { createRenderContext, parseRecipient } from './render-context';

/**
 * A made-up client that email pages render templates with, so a template can be read with real-looking
 * values without putting any real client's data on a page that search indexes. Its name ends without a
 * full stop, so `{{ client.name }}.` at the end of a sentence does not print two.
 */
export function sampleClient(library: Library): ClientEntry {
  const team = Object.fromEntries(
    library.team.roles.flatMap((role) => {
      const person = library.team.people.find((candidate) => candidate.roles.includes(role.id));
      return person ? [[role.id, person.id]] : [];
    }),
  );
  return {
    id: 'sample-client',
    name: 'Sample Client Studio',
    playbook: library.playbooks[0]?.id ?? 'standard-retainer',
    contract: { start: '2025-04-01', end: '2027-03-31', reason: 'client-ended' },
    contacts: [{ name: 'Jamie Rivera', email: 'jamie@client.example.com', title: 'Marketing Director', primary: true }],
    team,
    outstanding: {
      invoices: [{ number: 'INV-1042', amount: 3150, currency: 'USD', due: '2027-04-14' }],
      deliverables: [{ name: 'Website source files', status: 'in-progress' }],
    },
    vars: { handoverLink: 'https://files.example.com/sample-client/handover' },
    done: {},
  };
}

/** One email rendered for the sample client, and who it came from. */
export interface SampleRender {
  client: ClientEntry;
  /** The role that sends it: the first task that sends the email, else the team's first role. */
  role: string;
  owner: Person | undefined;
  email: RenderedEmail;
}

/** Sample runs' dates by library and playbook: every email and task of a playbook shows the same run. */
const sampleDates = new WeakMap<Library, Map<string, Record<string, IsoDate>>>();

/**
 * The due dates of the sample client's run of a playbook (`dates` in the context: what
 * `{{ dates["…"] | date: "long" }}` shows on the email pages and what `check` renders with); none for
 * a playbook the library lacks. Emails are not rendered: a run's dates never depend on them.
 */
export function sampleRunDates(library: Library, playbookId: string | undefined, client: ClientEntry = sampleClient(library)): Record<string, IsoDate> {
  const playbook = playbookId === undefined ? undefined : library.playbookById.get(playbookId);
  if (!playbook) return {};
  let byPlaybook = sampleDates.get(library);
  if (!byPlaybook) sampleDates.set(library, (byPlaybook = new Map()));
  let dates = byPlaybook.get(playbook.id);
  if (!dates) {
    const run = buildRun({ ...client, playbook: playbook.id }, playbook, library, { emails: false });
    dates = Object.fromEntries(run.items.flatMap((item) => (item.dueDate ? [[item.globalId, item.dueDate]] : [])));
    byPlaybook.set(playbook.id, dates);
  }
  return dates;
}

/** The first playbook that runs a task (by global id), for the sample run an email or task is shown in. */
export function samplePlaybookFor(library: Library, globalId: string | undefined): string | undefined {
  if (globalId === undefined) return library.playbooks[0]?.id;
  const sopId = globalId.slice(0, globalId.indexOf('#'));
  const playbook =
    library.playbooks.find((candidate) => candidate.id === sopId && candidate.extra.some((item) => `${candidate.id}#${item.id}` === globalId)) ??
    library.playbooks.find((candidate) => candidate.sops.some((entry) => entry.id === sopId) && !candidate.skip.includes(globalId));
  return playbook?.id ?? library.playbooks[0]?.id;
}

/**
 * Renders an email as its page shows it and as `check` tries it: with the sample client, sent by the
 * person who holds the role of the first task that sends it, with the dates of the sample client's run
 * of that task's playbook. Throws what the template throws.
 */
export function sampleEmailRender(library: Library, email: EmailEntry, client: ClientEntry = sampleClient(library)): SampleRender {
  const sender = emailSenders(library, email.id)[0];
  const role = sender?.owner ?? library.team.roles[0]?.id ?? '';
  const owner = teamMember(library, client, role);
  // An email to a contact by role (`client:billing`) reaches a made-up contact who holds it.
  const ref = parseRecipient(email.to);
  const addressed =
    ref.kind === 'client' && ref.role !== null && !client.contacts.some((contact) => contact.role === ref.role)
      ? { ...client, contacts: [...client.contacts, { name: 'Casey Morgan', email: 'casey@client.example.com', primary: false, role: ref.role }] }
      : client;
  const context = createRenderContext(library, addressed, owner, role, email.to, sampleRunDates(library, samplePlaybookFor(library, sender?.globalId), client));
  return { client, role, owner, email: renderEmail(templateEnginesFor(library.company.locale), email, context) };
}
