import type { IsoDate, Person, RenderContext, VarValue } from '../../schemas';
import { roleTitle, teamMember, type ClientEntry, type Library, type PlaybookEntry } from '../content/library';
import { clientNoticeDate } from '../run/notice';

/** The client's primary contact (the first contact when none is marked; the validator reports that). */
export function primaryContact(client: ClientEntry) {
  return client.contacts.find((contact) => contact.primary) ?? client.contacts[0]!;
}

/** A `to:` read apart: `client` (the primary contact), a contact by role, or a team role. */
export type RecipientRef = { kind: 'client'; role: string | null } | { kind: 'team'; role: string };

/** Reads an email's `to:` (`client`, `client:billing`, `team:finance`); no `to:` is `client`. */
export function parseRecipient(to: string | undefined): RecipientRef {
  if (!to || to === 'client') return { kind: 'client', role: null };
  const [kind, role] = [to.slice(0, to.indexOf(':')), to.slice(to.indexOf(':') + 1)];
  return kind === 'team' ? { kind: 'team', role } : { kind: 'client', role };
}

/** An email's `to:` in words: "the primary contact", "the client's billing contact", "our finance role". */
export function describeRecipient(to: string | undefined): string {
  const ref = parseRecipient(to);
  if (ref.kind === 'team') return `our ${ref.role} role`;
  return ref.role === null ? 'the primary contact' : `the client's ${ref.role} contact`;
}

/**
 * The person an email's `to:` names for one client, or null when the client has nobody for it (no
 * contact with that role, nobody in that team role: `check` reports it at the client file).
 */
export function findRecipient(library: Library, client: ClientEntry, to: string | undefined): RenderContext['recipient'] | null {
  const ref = parseRecipient(to);
  if (ref.kind === 'team') {
    const person = teamMember(library, client, ref.role);
    return person ? { name: person.name, email: person.email, title: roleTitle(library, ref.role) } : null;
  }
  const contact = ref.role === null ? primaryContact(client) : client.contacts.find((candidate) => candidate.role === ref.role);
  if (!contact) return null;
  // Left out when the record has none, so `{% if recipient.title %}` is false (Liquid counts "" as true).
  return { name: contact.name, email: contact.email, ...(contact.title ? { title: contact.title } : {}) };
}

/** The first word of a name ("Alex" for "Alex Moreno"); the whole name when it has one word. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The client's answers to the playbook's questions, with the playbook's defaults filled in. */
export function resolveVars(client: ClientEntry, playbook: PlaybookEntry | undefined): Record<string, VarValue> {
  const defaults = Object.fromEntries(
    Object.entries(playbook?.vars ?? {}).flatMap(([name, spec]) => (spec.default === undefined ? [] : [[name, spec.default]])),
  );
  return { ...defaults, ...client.vars };
}

/**
 * Everything a template can read for one client, sent by `owner` in `ownerRole` to the person `to`
 * names (the primary contact by default; nobody found leaves name and email empty). `dates` is the
 * run's due dates: `buildRun` passes one object for all its contexts and fills it once the run is dated.
 */
export function createRenderContext(
  library: Library,
  client: ClientEntry,
  owner: Person | undefined,
  ownerRole: string,
  to?: string,
  dates: Record<string, IsoDate> = {},
): RenderContext {
  const contact = primaryContact(client);
  return {
    recipient: findRecipient(library, client, to) ?? { name: '', email: '' },
    client: { id: client.id, name: client.name },
    contact: {
      name: contact.name,
      firstName: firstName(contact.name),
      email: contact.email,
      // Left out when the record has none, so `{% if contact.title %}` is false (Liquid counts "" as true).
      ...(contact.title ? { title: contact.title } : {}),
    },
    contract: {
      start: client.contract.start,
      end: client.contract.end,
      notice: clientNoticeDate(library, client),
      reason: client.contract.reason ?? '',
    },
    outstanding: client.outstanding,
    owner: { name: owner?.name ?? '', email: owner?.email ?? '', role: roleTitle(library, ownerRole) },
    company: { name: library.company.name, signature: library.company.signature },
    links: library.company.links,
    vars: resolveVars(client, library.playbookById.get(client.playbook)),
    dates,
  };
}
