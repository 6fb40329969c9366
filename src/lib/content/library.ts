import type { ChecklistItem, Client, Company, Email, Person, Phase, Playbook, Role, Sop, Team } from '../../schemas';

/**
 * The whole content library as plain, validated data, with the look-ups every page and rule needs.
 * Built once from whatever loaded the files (Astro's collections for the site, the file loader for
 * `sendoff check`), so both see the same thing.
 */

export interface SopEntry extends Sop {
  /** Path under `sops/` without extension. */
  id: string;
}
export interface EmailEntry extends Email {
  id: string;
  /** The Markdown body in LiquidJS syntax. */
  body: string;
}
export interface PlaybookEntry extends Playbook {
  id: string;
}
export interface ClientEntry extends Client {
  id: string;
}

export interface LibraryInput {
  company: Company;
  team: Team;
  phases: Phase[];
  sops: SopEntry[];
  emails: EmailEntry[];
  playbooks: PlaybookEntry[];
  clients: ClientEntry[];
}

/** A checklist item with the SOP it belongs to and its global id (`<sop-id>#<item-id>`). */
export interface LibraryItem extends ChecklistItem {
  globalId: string;
  sopId: string;
  /** The role that does it (the item's own or the SOP's). */
  owner: string;
  phase: string;
  /** The playbook's condition on the item's whole SOP (`sops: [{ id, when }]`), if any; checked before the item's own `when`. */
  sopWhen?: string;
}

export interface Library extends LibraryInput {
  phaseById: Map<string, Phase>;
  roleById: Map<string, Role>;
  personById: Map<string, Person>;
  sopById: Map<string, SopEntry>;
  emailById: Map<string, EmailEntry>;
  playbookById: Map<string, PlaybookEntry>;
  clientById: Map<string, ClientEntry>;
  itemById: Map<string, LibraryItem>;
}

const byId = <T extends { id: string }>(entries: readonly T[]) => new Map(entries.map((entry) => [entry.id, entry]));

/** Splits an `after`/`skip` reference into its global id, resolving same-SOP references. */
export function toGlobalId(ref: string, sopId: string): string {
  return ref.includes('#') ? ref : `${sopId}#${ref}`;
}

/** The items of one SOP with their global ids. */
export function sopItems(sop: SopEntry): LibraryItem[] {
  return sop.checklist.map((item) => ({
    ...item,
    globalId: `${sop.id}#${item.id}`,
    sopId: sop.id,
    owner: item.owner ?? sop.owner,
    phase: sop.phase,
    after: item.after.map((ref) => toGlobalId(ref, sop.id)),
  }));
}

/** The ids of the SOPs a playbook lists, in its order (with or without a `when`). */
export function sopIdsOf(playbook: Pick<PlaybookEntry, 'sops'>): string[] {
  return playbook.sops.map((entry) => entry.id);
}

/**
 * A value worked out once per library, or per any part of one (its list of SOPs): a library is not
 * changed once `createLibrary` made it. A check
 * asks for a playbook's items once per client and once per email (200 clients and 50 emails over 10
 * playbooks of 2,000 items made 1.4 million item objects, a second of `sendoff check`), and a build's
 * worker once per client.
 */
export function perLibrary<T, K extends object = Library>(make: (library: K) => T): (library: K) => T {
  const memo = new WeakMap<K, T>();
  return (library) => {
    let value = memo.get(library);
    if (value === undefined) memo.set(library, (value = make(library)));
    return value;
  };
}

/** No items: frozen, as every list shared between callers is. */
export const NO_ITEMS = Object.freeze([]) as unknown as LibraryItem[];

/** Items grouped by a key (items without one left out), in their order; each group frozen, as callers share it. */
export function itemsBy(items: Iterable<LibraryItem>, key: (item: LibraryItem) => string | undefined): Map<string, LibraryItem[]> {
  const groups = new Map<string, LibraryItem[]>();
  for (const item of items) {
    const value = key(item);
    if (value === undefined) continue;
    const group = groups.get(value);
    if (group) group.push(item);
    else groups.set(value, [item]);
  }
  for (const group of groups.values()) Object.freeze(group);
  return groups;
}

const playbookItems = perLibrary(() => ({ all: new Map<PlaybookEntry, LibraryItem[]>(), run: new Map<PlaybookEntry, LibraryItem[]>() }));

function remembered(map: Map<PlaybookEntry, LibraryItem[]>, playbook: PlaybookEntry, make: () => LibraryItem[]): LibraryItem[] {
  let items = map.get(playbook);
  if (!items) map.set(playbook, (items = Object.freeze(make()) as LibraryItem[]));
  return items;
}

/** Every item a playbook lists: its SOPs' items in playbook order, then its extras; skipped ones included. */
export function allPlaybookItems(library: Library, playbook: PlaybookEntry): LibraryItem[] {
  return remembered(playbookItems(library).all, playbook, () => listPlaybookItems(library, playbook));
}

function listPlaybookItems(library: Library, playbook: PlaybookEntry): LibraryItem[] {
  return [
    ...playbook.sops.flatMap((entry) => {
      const sop = library.sopById.get(entry.id);
      if (!sop) return [];
      const items = sopItems(sop);
      return entry.when ? items.map((item) => ({ ...item, sopWhen: entry.when })) : items;
    }),
    ...playbook.extra.map((item) => ({
      ...item,
      globalId: `${playbook.id}#${item.id}`,
      sopId: '',
      after: item.after.map((ref) => toGlobalId(ref, playbook.id)),
    })),
  ];
}

/** The items of a playbook's run before any client: everything it lists minus `skip`. */
export function playbookRunItems(library: Library, playbook: PlaybookEntry): LibraryItem[] {
  return remembered(playbookItems(library).run, playbook, () => {
    const skip = new Set(playbook.skip);
    return allPlaybookItems(library, playbook).filter((item) => !skip.has(item.globalId));
  });
}

/**
 * SOPs in process order: by phase, then by where playbooks list them (authors order playbooks the way
 * the work runs), then by title.
 */
export function sortSops(sops: readonly SopEntry[], phases: readonly Phase[], playbooks: readonly PlaybookEntry[] = []): SopEntry[] {
  const phaseOrder = new Map(phases.map((phase, index) => [phase.id, index]));
  const playbookOrder = new Map<string, number>();
  for (const playbook of playbooks) {
    sopIdsOf(playbook).forEach((id, index) => playbookOrder.set(id, Math.min(playbookOrder.get(id) ?? index, index)));
  }
  const rank = (sop: SopEntry) => playbookOrder.get(sop.id) ?? Number.MAX_SAFE_INTEGER;
  return [...sops].sort(
    (a, b) => (phaseOrder.get(a.phase) ?? 99) - (phaseOrder.get(b.phase) ?? 99) || rank(a) - rank(b) || a.title.localeCompare(b.title),
  );
}

/**
 * A playbook with the questions its SOPs declare added to its own `vars` (SOPs in playbook order; a
 * name the playbook or an earlier SOP declares keeps that declaration: `duplicateIdRules` reports two
 * of different types). The same object when no SOP adds one, so unchanged playbooks stay identical.
 */
export function withSopVars(playbook: PlaybookEntry, sopById: ReadonlyMap<string, Pick<SopEntry, 'vars'>>): PlaybookEntry {
  let vars: PlaybookEntry['vars'] | null = null;
  for (const { id } of playbook.sops) {
    for (const [name, spec] of Object.entries(sopById.get(id)?.vars ?? {})) {
      if (Object.hasOwn(vars ?? playbook.vars, name)) continue;
      (vars ??= { ...playbook.vars })[name] = spec;
    }
  }
  return vars ? { ...playbook, vars } : playbook;
}

export function createLibrary(input: LibraryInput): Library {
  const sops = sortSops(input.sops, input.phases, input.playbooks);
  const sopsById = byId(sops);
  const playbooks = input.playbooks.map((playbook) => withSopVars(playbook, sopsById));
  return {
    ...input,
    sops,
    emails: [...input.emails].sort((a, b) => a.title.localeCompare(b.title)),
    playbooks: [...playbooks].sort((a, b) => a.title.localeCompare(b.title)),
    clients: [...input.clients].sort((a, b) => a.contract.end.localeCompare(b.contract.end) || a.name.localeCompare(b.name)),
    phaseById: byId(input.phases),
    roleById: byId(input.team.roles),
    personById: byId(input.team.people),
    sopById: sopsById,
    emailById: byId(input.emails),
    playbookById: byId(playbooks),
    clientById: byId(input.clients),
    itemById: new Map(sops.flatMap(sopItems).map((item) => [item.globalId, item])),
  };
}

/** The SOP items (and playbook extras) that send an email, for "sent by" links on email pages. */
export function emailSenders(library: Library, emailId: string): LibraryItem[] {
  return sendersByEmail(library).get(emailId) ?? NO_ITEMS;
}

const sendersByEmail = perLibrary((library) => itemsBy(library.itemById.values(), (item) => item.email));

/** The playbooks that include an SOP. */
export function playbooksUsing(library: Library, sopId: string): PlaybookEntry[] {
  return library.playbooks.filter((playbook) => playbook.sops.some((entry) => entry.id === sopId));
}

/** The person a client's team names for a role, if any. Own keys only: a role may be called `constructor`. */
export function teamMember(library: Library, client: Pick<ClientEntry, 'team'>, roleId: string): Person | undefined {
  return Object.hasOwn(client.team, roleId) ? library.personById.get(client.team[roleId]!) : undefined;
}

/** The role's title, or its id when the role does not exist (the validator reports that). */
export function roleTitle(library: Library, roleId: string): string {
  return library.roleById.get(roleId)?.title ?? roleId;
}
