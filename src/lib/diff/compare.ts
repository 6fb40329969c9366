import { isDeepStrictEqual } from 'node:util';
import { formatDue, type Due } from '../../schemas/due';
import { formatDuration } from '../../schemas/duration';
import type { ChecklistItem } from '../../schemas';
import { toGlobalId, type LibraryInput, type PlaybookEntry, type SopEntry } from '../content/library';
import { templateVariables } from '../email/template-variables';
import { clientImpact } from './impact';
import { movedEntries, summarizeText } from './text';
import type {
  ChangeKind,
  DiffReport,
  EmailChange,
  FieldChange,
  FieldValue,
  ItemChange,
  PlaybookChange,
  Ref,
  SettingChange,
  SopChange,
  VersionLabel,
} from './types';

/** One version of the library, with what the diff needs beyond the validated data. */
export interface DiffSide extends LibraryInput {
  /** SOP page text (MDX body) by SOP id, when known: renames compare it and body changes are summarised. */
  sopBodies?: ReadonlyMap<string, string>;
  /** The file an entry came from (`sops/x.mdx` for folder `sops`, id `x`); default `<folder>/<id>` + the usual extension. */
  fileOf?: (folder: string, id: string) => string;
}

export interface DiffOptions {
  base: VersionLabel;
  head: VersionLabel;
  /** Compute the impact on clients whose contract ends on this date or later; no impact when absent. */
  today?: string;
}

/** Plain-language due offsets: `-14d` → "14 days before the contract end". */
export function describeDue(due: Due): string {
  const n = Math.abs(due.days);
  const unit = `${due.unit === 'business' ? 'working ' : ''}day${n === 1 ? '' : 's'}`;
  if (due.anchor === 'notice') return n === 0 ? 'on the day notice is given' : `${n} ${unit} after notice is given`;
  if (n === 0) return 'on the contract end date';
  return `${n} ${unit} ${due.days < 0 ? 'before' : 'after'} the contract end`;
}

/** Look-ups for labels, preferring the head version's names. */
function labeller(base: DiffSide, head: DiffSide) {
  const roles = new Map([...base.team.roles, ...head.team.roles].map((role) => [role.id, role.title]));
  const people = new Map([...base.team.people, ...head.team.people].map((person) => [person.id, person.name]));
  const phases = new Map([...base.phases, ...head.phases].map((phase) => [phase.id, phase.title]));
  const emails = new Map([...base.emails, ...head.emails].map((email) => [email.id, email.title]));
  const sops = new Map([...base.sops, ...head.sops].map((sop) => [sop.id, sop.title]));
  let tasks: Map<string, string> | undefined; // built on first use: most diffs never name a dependency
  const taskMap = () => {
    if (tasks) return tasks;
    tasks = new Map();
    for (const side of [base, head]) {
      for (const sop of side.sops) for (const item of sop.checklist) tasks.set(`${sop.id}#${item.id}`, item.task);
      for (const playbook of side.playbooks) for (const item of playbook.extra) tasks.set(`${playbook.id}#${item.id}`, item.task);
    }
    return tasks;
  };
  return {
    role: (id: string) => roles.get(id) ?? id,
    person: (id: string) => people.get(id) ?? id,
    phase: (id: string) => phases.get(id) ?? id,
    email: (id: string) => emails.get(id) ?? id,
    sop: (id: string) => sops.get(id) ?? id,
    task: (globalId: string) => taskMap().get(globalId) ?? globalId,
  };
}
type Labels = ReturnType<typeof labeller>;

/** A field's value as the diff compares and prints it, and how to say it in words. */
interface FieldSpec<T> {
  field: string;
  value: (entry: T) => FieldValue;
  label?: (value: FieldValue, labels: Labels) => string | undefined;
}

const joined = (value: FieldValue) => (Array.isArray(value) ? (value as string[]) : []);
const listLabel = (name: (id: string) => string) => (value: FieldValue) => joined(value).map(name).join(', ') || 'none';

/** A checklist item in the shape the diff compares: effective owner, due as shorthand, global `after` ids. */
interface ComparableItem {
  id: string;
  task: string;
  owner: string;
  inheritsOwner: boolean;
  due: Due;
  required: boolean;
  after: string[];
  email: string | null;
  when: string | null;
  evidence: string | null;
  phase: string | null;
}

const ITEM_FIELDS: FieldSpec<ComparableItem>[] = [
  { field: 'task', value: (item) => item.task },
  { field: 'phase', value: (item) => item.phase, label: (value, l) => (typeof value === 'string' ? l.phase(value) : undefined) },
  { field: 'owner', value: (item) => item.owner, label: (value, l) => (typeof value === 'string' ? l.role(value) : undefined) },
  { field: 'due', value: (item) => formatDue(item.due) },
  { field: 'required', value: (item) => item.required, label: (value) => (value ? 'required' : 'optional') },
  { field: 'after', value: (item) => item.after, label: (value, l) => joined(value).map((id) => `“${l.task(id)}”`).join(', ') || 'nothing' },
  { field: 'email', value: (item) => item.email, label: (value, l) => (typeof value === 'string' ? l.email(value) : undefined) },
  { field: 'when', value: (item) => item.when },
  { field: 'evidence', value: (item) => item.evidence },
];

const SOP_FIELDS: FieldSpec<SopEntry>[] = [
  { field: 'title', value: (sop) => sop.title },
  { field: 'summary', value: (sop) => sop.summary },
  { field: 'phase', value: (sop) => sop.phase, label: (value, l) => l.phase(String(value)) },
  { field: 'owner', value: (sop) => sop.owner, label: (value, l) => l.role(String(value)) },
  { field: 'tags', value: (sop) => sop.tags },
  {
    field: 'review',
    value: (sop) => (sop.review ? `every ${formatDuration(sop.review.every)}, last reviewed ${sop.review.lastReviewed}` : null),
  },
];

/** Field changes between two versions of an entry (added: every non-empty field, from null). */
function fieldChanges<T>(specs: readonly FieldSpec<T>[], before: T | null, after: T | null, labels: Labels): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const spec of specs) {
    const from = before === null ? null : spec.value(before);
    const to = after === null ? null : spec.value(after);
    if (isDeepStrictEqual(from, to)) continue;
    if (before === null && (to === null || (Array.isArray(to) && to.length === 0))) continue;
    if (after === null) continue; // a removed entry lists no fields
    const change: FieldChange = { field: spec.field, from, to };
    const fromLabel = from === null ? undefined : spec.label?.(from, labels);
    const toLabel = to === null ? undefined : spec.label?.(to, labels);
    if (fromLabel !== undefined) change.fromLabel = fromLabel;
    if (toLabel !== undefined) change.toLabel = toLabel;
    if (spec.field === 'due') {
      const dues = [before, after].map((entry) => (entry as { due?: Due } | null)?.due);
      if (dues[0]) change.fromLabel = describeDue(dues[0]);
      if (dues[1]) change.toLabel = describeDue(dues[1]);
    }
    changes.push(change);
  }
  return changes;
}

function comparableItems(items: readonly (ChecklistItem & { phase?: string })[], ownerId: string | null, scope: string, renames: ReadonlyMap<string, string>): ComparableItem[] {
  const rename = (globalId: string) => {
    const [sop, item] = globalId.split('#') as [string, string];
    return renames.has(sop) ? `${renames.get(sop)}#${item}` : globalId;
  };
  return items.map((item) => ({
    id: item.id,
    task: item.task,
    owner: item.owner ?? ownerId ?? '',
    inheritsOwner: item.owner === undefined,
    due: item.due,
    required: item.required,
    after: item.after.map((ref) => rename(toGlobalId(ref, scope))).sort(),
    email: item.email ?? null,
    when: item.when ?? null,
    evidence: item.evidence ?? null,
    phase: item.phase ?? null,
  }));
}

/**
 * Pairs removed and added entries that are the same thing under a new id: first those with identical
 * content, then those for which `similar` holds. Returns new id → old id.
 */
function pairRenames<T extends { id: string }>(removed: T[], added: T[], same: (a: T, b: T) => boolean, similar?: (a: T, b: T) => boolean): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const test of [same, similar]) {
    if (!test) continue;
    for (const next of added) {
      if (pairs.has(next.id)) continue;
      const previous = removed.find((old) => ![...pairs.values()].includes(old.id) && test(old, next));
      if (previous) pairs.set(next.id, previous.id);
    }
  }
  return pairs;
}

const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

function itemChanges(
  before: readonly ComparableItem[],
  after: readonly ComparableItem[],
  labels: Labels,
): ItemChange[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const next = new Map(after.map((item) => [item.id, item]));
  const removed = before.filter((item) => !next.has(item.id));
  const added = after.filter((item) => !old.has(item.id));
  const renames = pairRenames(removed, added, (a, b) => isDeepStrictEqual(withoutId(a), withoutId(b)), (a, b) => a.task === b.task);
  const renamedFrom = new Set(renames.values());
  const changes: ItemChange[] = [];
  for (const item of after) {
    const previousId = renames.get(item.id);
    const previous = old.get(item.id) ?? (previousId ? old.get(previousId) : undefined);
    if (!previous) {
      changes.push({ change: 'added', id: item.id, task: item.task, fields: fieldChanges(ITEM_FIELDS, null, item, labels).filter((f) => f.field !== 'task') });
      continue;
    }
    const fields = fieldChanges(ITEM_FIELDS, previous, item, labels).filter(
      // An owner that only changed because the SOP's owner did is reported once, on the SOP.
      (field) => !(field.field === 'owner' && previous.inheritsOwner && item.inheritsOwner),
    );
    if (previousId) changes.push({ change: 'renamed', id: item.id, previousId, task: item.task, fields });
    else if (fields.length > 0) changes.push({ change: 'changed', id: item.id, task: item.task, fields });
  }
  for (const item of removed) {
    if (!renamedFrom.has(item.id)) changes.push({ change: 'removed', id: item.id, task: item.task, fields: [] });
  }
  return changes;
}

const defaultFile = (folder: string, id: string) =>
  `${folder}/${id}${{ sops: '.mdx', 'templates/emails': '.md', 'templates/playbooks': '.yaml', 'content/clients': '.yaml' }[folder] ?? ''}`;
const fileIn = (side: DiffSide, folder: string, id: string) => (side.fileOf ?? defaultFile)(folder, id);

/** SOPs, with the rename map (new id → old id) that playbooks, items and impact use too. */
function diffSops(base: DiffSide, head: DiffSide, labels: Labels): { changes: SopChange[]; renames: Map<string, string> } {
  const baseById = new Map(base.sops.map((sop) => [sop.id, sop]));
  const headById = new Map(head.sops.map((sop) => [sop.id, sop]));
  const removed = base.sops.filter((sop) => !headById.has(sop.id));
  const added = head.sops.filter((sop) => !baseById.has(sop.id));
  const bodyOf = (side: DiffSide, id: string) => side.sopBodies?.get(id);
  const renames = pairRenames(
    removed,
    added,
    (a, b) => isDeepStrictEqual(withoutId(a), withoutId(b)) && bodyOf(base, a.id) === bodyOf(head, b.id),
    (a, b) => a.title === b.title,
  );
  // Base id → head id, to read old references in the new names.
  const oldToNew = new Map([...renames].map(([next, old]) => [old, next]));
  const changes: SopChange[] = [];
  for (const sop of head.sops) {
    const previousId = renames.get(sop.id);
    const previous = baseById.get(sop.id) ?? (previousId ? baseById.get(previousId) : undefined);
    const file = fileIn(head, 'sops', sop.id);
    if (!previous) {
      changes.push({ change: 'added', id: sop.id, title: sop.title, file, fields: fieldChanges(SOP_FIELDS, null, sop, labels).filter((f) => f.field === 'phase' || f.field === 'owner'), items: [], body: null, itemCount: sop.checklist.length });
      continue;
    }
    if (previous === sop && !previousId && bodyOf(base, sop.id) === bodyOf(head, sop.id)) continue; // same parsed object: unchanged
    const fields = fieldChanges(SOP_FIELDS, previous, sop, labels);
    const items = itemChanges(
      comparableItems(previous.checklist, previous.owner, previous.id, oldToNew),
      comparableItems(sop.checklist, sop.owner, sop.id, new Map()),
      labels,
    );
    const beforeBody = bodyOf(base, previous.id);
    const afterBody = bodyOf(head, sop.id);
    const body = beforeBody !== undefined && afterBody !== undefined ? summarizeText(beforeBody, afterBody) : null;
    const kind: ChangeKind = previousId ? 'renamed' : 'changed';
    if (kind === 'changed' && fields.length === 0 && items.length === 0 && !body) continue;
    changes.push({ change: kind, id: sop.id, ...(previousId ? { previousId } : {}), title: sop.title, file, fields, items, body, itemCount: sop.checklist.length });
  }
  const renamedFrom = new Set(renames.values());
  for (const sop of removed) {
    if (renamedFrom.has(sop.id)) continue;
    changes.push({ change: 'removed', id: sop.id, title: sop.title, file: fileIn(base, 'sops', sop.id), fields: [], items: [], body: null, itemCount: sop.checklist.length });
  }
  return { changes, renames };
}

const EMAIL_FIELDS: FieldSpec<DiffSide['emails'][number]>[] = [
  { field: 'title', value: (email) => email.title },
  { field: 'subject', value: (email) => email.subject },
  { field: 'audience', value: (email) => email.audience },
  { field: 'send', value: (email) => (email.send ? formatDue(email.send) : null) },
  { field: 'description', value: (email) => email.description ?? null },
];

function diffEmails(base: DiffSide, head: DiffSide, labels: Labels): EmailChange[] {
  const baseById = new Map(base.emails.map((email) => [email.id, email]));
  const headIds = new Set(head.emails.map((email) => email.id));
  const removed = base.emails.filter((email) => !headIds.has(email.id));
  const added = head.emails.filter((email) => !baseById.has(email.id));
  const renames = pairRenames(removed, added, (a, b) => isDeepStrictEqual(withoutId(a), withoutId(b)));
  const variables = (email: { subject: string; body: string }) => {
    try {
      return templateVariables(`${email.subject}\n${email.body}`);
    } catch {
      return []; // a template that does not parse is `check`'s to report
    }
  };
  const changes: EmailChange[] = [];
  for (const email of head.emails) {
    const previousId = renames.get(email.id);
    const previous = baseById.get(email.id) ?? (previousId ? baseById.get(previousId) : undefined);
    const file = fileIn(head, 'templates/emails', email.id);
    if (!previous) {
      changes.push({ change: 'added', id: email.id, title: email.title, file, fields: fieldChanges(EMAIL_FIELDS, null, email, labels).filter((f) => f.field === 'audience' || f.field === 'send'), body: null, variables: { added: variables(email), removed: [] } });
      continue;
    }
    if (previous === email) continue;
    const fields = fieldChanges(EMAIL_FIELDS, previous, email, labels);
    const body = summarizeText(previous.body, email.body);
    const before = variables(previous);
    const after = variables(email);
    const vars = { added: after.filter((name) => !before.includes(name)), removed: before.filter((name) => !after.includes(name)) };
    if (!previousId && fields.length === 0 && !body && vars.added.length + vars.removed.length === 0) continue;
    changes.push({ change: previousId ? 'renamed' : 'changed', id: email.id, ...(previousId ? { previousId } : {}), title: email.title, file, fields, body, variables: vars });
  }
  const renamedFrom = new Set(renames.values());
  for (const email of removed) {
    if (!renamedFrom.has(email.id)) changes.push({ change: 'removed', id: email.id, title: email.title, file: fileIn(base, 'templates/emails', email.id), fields: [], body: null, variables: { added: [], removed: [] } });
  }
  return changes;
}

const PLAYBOOK_FIELDS: FieldSpec<PlaybookEntry>[] = [
  { field: 'title', value: (playbook) => playbook.title },
  { field: 'description', value: (playbook) => playbook.description },
];

const describeVar = (spec: PlaybookEntry['vars'][string] | undefined) =>
  spec ? `${spec.type}${spec.default !== undefined ? `, default ${JSON.stringify(spec.default)}` : ''}: ${spec.description}` : null;

function diffPlaybooks(base: DiffSide, head: DiffSide, labels: Labels, sopRenames: Map<string, string>): PlaybookChange[] {
  const oldToNew = new Map([...sopRenames].map(([next, old]) => [old, next]));
  const renameSop = (id: string) => oldToNew.get(id) ?? id;
  const renameItem = (globalId: string) => {
    const [sop, item] = globalId.split('#') as [string, string];
    return `${renameSop(sop)}#${item}`;
  };
  const ref = (id: string): Ref => ({ id, title: labels.sop(id) });
  const itemRef = (globalId: string): Ref => ({ id: globalId, title: labels.task(globalId) });
  const baseById = new Map(base.playbooks.map((playbook) => [playbook.id, playbook]));
  const headIds = new Set(head.playbooks.map((playbook) => playbook.id));
  const changes: PlaybookChange[] = [];
  for (const playbook of head.playbooks) {
    const previous = baseById.get(playbook.id);
    const file = fileIn(head, 'templates/playbooks', playbook.id);
    if (!previous) {
      changes.push({ change: 'added', id: playbook.id, title: playbook.title, file, fields: [], sops: { added: playbook.sops.map(ref), removed: [], moved: [] }, skip: { added: playbook.skip.map(itemRef), removed: [] }, extra: [] });
      continue;
    }
    if (previous === playbook && sopRenames.size === 0) continue;
    const before = previous.sops.map(renameSop);
    const after = playbook.sops;
    const moved = movedEntries(before, after).map((id) => ({ ...ref(id), from: before.indexOf(id) + 1, to: after.indexOf(id) + 1 }));
    const sops = { added: after.filter((id) => !before.includes(id)).map(ref), removed: before.filter((id) => !after.includes(id)).map(ref), moved };
    const skipBefore = previous.skip.map(renameItem);
    const skip = { added: playbook.skip.filter((id) => !skipBefore.includes(id)).map(itemRef), removed: skipBefore.filter((id) => !playbook.skip.includes(id)).map(itemRef) };
    const extra = itemChanges(comparableItems(previous.extra, null, previous.id, oldToNew), comparableItems(playbook.extra, null, playbook.id, new Map()), labels);
    const fields = fieldChanges(PLAYBOOK_FIELDS, previous, playbook, labels);
    for (const name of new Set([...Object.keys(previous.vars), ...Object.keys(playbook.vars)])) {
      const from = describeVar(previous.vars[name]);
      const to = describeVar(playbook.vars[name]);
      if (from !== to) fields.push({ field: `vars.${name}`, from, to });
    }
    const empty = !fields.length && !extra.length && !sops.added.length && !sops.removed.length && !moved.length && !skip.added.length && !skip.removed.length;
    if (!empty) changes.push({ change: 'changed', id: playbook.id, title: playbook.title, file, fields, sops, skip, extra });
  }
  for (const playbook of base.playbooks) {
    if (!headIds.has(playbook.id)) changes.push({ change: 'removed', id: playbook.id, title: playbook.title, file: fileIn(base, 'templates/playbooks', playbook.id), fields: [], sops: { added: [], removed: [], moved: [] }, skip: { added: [], removed: [] }, extra: [] });
  }
  return changes;
}

/** Entries with an id compared field by field (roles, people, phases, client records). */
function diffSettings<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  specs: FieldSpec<T>[],
  title: (entry: T) => string,
  file: (entry: T) => string,
  labels: Labels,
): SettingChange[] {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const next = new Set(after.map((entry) => entry.id));
  const changes: SettingChange[] = [];
  for (const entry of after) {
    const previous = old.get(entry.id);
    if (previous === entry) continue;
    const fields = fieldChanges(specs, previous ?? null, entry, labels);
    if (!previous) changes.push({ change: 'added', id: entry.id, title: title(entry), file: file(entry), fields });
    else if (fields.length > 0) changes.push({ change: 'changed', id: entry.id, title: title(entry), file: file(entry), fields });
  }
  for (const entry of before) {
    if (!next.has(entry.id)) changes.push({ change: 'removed', id: entry.id, title: title(entry), file: file(entry), fields: [] });
  }
  return changes;
}

type Role = LibraryInput['team']['roles'][number];
type Person = LibraryInput['team']['people'][number];
type Phase = LibraryInput['phases'][number];
type Client = LibraryInput['clients'][number];

const ROLE_FIELDS: FieldSpec<Role>[] = [
  { field: 'title', value: (role) => role.title },
  { field: 'description', value: (role) => role.description ?? null },
  { field: 'reviewers', value: (role) => role.reviewers ?? [] },
];
const PERSON_FIELDS: FieldSpec<Person>[] = [
  { field: 'name', value: (person) => person.name },
  { field: 'email', value: (person) => person.email },
  { field: 'roles', value: (person) => person.roles, label: (value, l) => listLabel(l.role)(value) },
];
const PHASE_FIELDS: FieldSpec<Phase>[] = [
  { field: 'title', value: (phase) => phase.title },
  { field: 'description', value: (phase) => phase.description },
];
/**
 * Client records are sensitive: only what decides a checklist is compared, never contacts, amounts,
 * notes or answers. Anything else that changed is one line that says so without showing it.
 */
const CLIENT_FIELDS: FieldSpec<Client>[] = [
  { field: 'name', value: (client) => client.name },
  { field: 'playbook', value: (client) => client.playbook },
  { field: 'contract.start', value: (client) => client.contract.start },
  { field: 'contract.end', value: (client) => client.contract.end },
  { field: 'contract.notice', value: (client) => client.contract.notice ?? null },
  { field: 'contract.reason', value: (client) => client.contract.reason ?? null },
  {
    field: 'team',
    value: (client) => Object.entries(client.team).map(([role, person]) => `${role}: ${person}`).sort(),
    label: (value, l) => joined(value).map((entry) => { const [role, person] = entry.split(': ') as [string, string]; return `${l.role(role)}: ${l.person(person)}`; }).join(', '),
  },
];
const clientPrivate = (client: Client) => ({ contacts: client.contacts, outstanding: client.outstanding, vars: client.vars, notes: client.notes ?? null });

const COMPANY_FIELDS: FieldSpec<LibraryInput['company']>[] = [
  { field: 'name', value: (company) => company.name },
  { field: 'locale', value: (company) => company.locale },
  { field: 'timezone', value: (company) => company.timezone },
  { field: 'noticeDays', value: (company) => company.noticeDays },
  { field: 'workweek', value: (company) => company.workweek },
  { field: 'holidays', value: (company) => [...company.holidays].sort() },
  { field: 'signature', value: (company) => company.signature },
  { field: 'repo', value: (company) => company.repo ?? null },
];

function diffCompany(base: DiffSide, head: DiffSide, labels: Labels): FieldChange[] {
  if (base.company === head.company) return [];
  const fields = fieldChanges(COMPANY_FIELDS, base.company, head.company, labels);
  for (const name of [...new Set([...Object.keys(base.company.links), ...Object.keys(head.company.links)])].sort()) {
    const from = base.company.links[name] ?? null;
    const to = head.company.links[name] ?? null;
    if (from !== to) fields.push({ field: `links.${name}`, from, to });
  }
  return fields;
}

/**
 * The semantic diff of two versions of a library: what changes for the team (SOPs, tasks, emails,
 * playbooks, settings) and, with `today`, for every client whose contract ends today or later.
 * Pure: both versions are plain data; reading them from git is the caller's job.
 */
export function diffLibraries(base: DiffSide, head: DiffSide, options: DiffOptions): DiffReport {
  const labels = labeller(base, head);
  const { changes: sops, renames } = diffSops(base, head, labels);
  const clients = diffSettings(base.clients, head.clients, CLIENT_FIELDS, (client) => client.name, (client) => fileIn(head, 'content/clients', client.id), labels);
  const baseClients = new Map(base.clients.map((client) => [client.id, client]));
  for (const client of head.clients) {
    const previous = baseClients.get(client.id);
    if (!previous || previous === client || isDeepStrictEqual(clientPrivate(previous), clientPrivate(client))) continue;
    const note: FieldChange = { field: 'details', from: null, to: 'contacts, outstanding work, answers or notes changed (not shown)' };
    const existing = clients.find((change) => change.id === client.id);
    if (existing) existing.fields.push(note);
    else clients.push({ change: 'changed', id: client.id, title: client.name, file: fileIn(head, 'content/clients', client.id), fields: [note] });
  }
  const commonPhases = (side: DiffSide, other: DiffSide) => side.phases.map((phase) => phase.id).filter((id) => other.phases.some((phase) => phase.id === id));
  const [orderBefore, orderAfter] = [commonPhases(base, head), commonPhases(head, base)];
  const phaseOrder: FieldChange | null = isDeepStrictEqual(orderBefore, orderAfter)
    ? null
    : { field: 'order', from: orderBefore, to: orderAfter, fromLabel: orderBefore.map(labels.phase).join(' → '), toLabel: orderAfter.map(labels.phase).join(' → ') };
  return {
    base: options.base,
    head: options.head,
    sops,
    emails: diffEmails(base, head, labels),
    playbooks: diffPlaybooks(base, head, labels, renames),
    company: diffCompany(base, head, labels),
    roles: diffSettings(base.team.roles, head.team.roles, ROLE_FIELDS, (role) => role.title, () => 'content/team.yaml', labels),
    people: diffSettings(base.team.people, head.team.people, PERSON_FIELDS, (person) => person.name, () => 'content/team.yaml', labels),
    phases: diffSettings(base.phases, head.phases, PHASE_FIELDS, (phase) => phase.title, () => 'content/phases.yaml', labels),
    phaseOrder,
    clients,
    impact: options.today ? clientImpact(base, head, renames, options.today) : null,
  };
}

/** Whether a report holds no change at all. */
export function isEmptyReport(report: DiffReport): boolean {
  const lists = [report.sops, report.emails, report.playbooks, report.company, report.roles, report.people, report.phases, report.clients];
  return lists.every((list) => list.length === 0) && !report.phaseOrder && (report.impact?.affected.length ?? 0) === 0;
}
