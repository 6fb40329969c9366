import type { Person, RenderContext, VarValue } from '../../schemas';
import { roleTitle, type ClientEntry, type Library, type PlaybookEntry } from '../content/library';
import { clientNoticeDate } from '../run/notice';

/** The client's primary contact (the first contact when none is marked; the validator reports that). */
export function primaryContact(client: ClientEntry) {
  return client.contacts.find((contact) => contact.primary) ?? client.contacts[0]!;
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

/** Everything a template can read for one client, sent by `owner` in `ownerRole`. */
export function createRenderContext(
  library: Library,
  client: ClientEntry,
  owner: Person | undefined,
  ownerRole: string,
): RenderContext {
  const contact = primaryContact(client);
  return {
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
  };
}
