import { formatDue, type Due } from '../../schemas/due';
import { describeRecipient } from '../email/render-context';
import { formatDuration } from '../../schemas/duration';
import {
  ClientSchema,
  CompanySchema,
  EmailSchema,
  PhasesSchema,
  PlaybookSchema,
  SopSchema,
  TeamSchema,
  type ChecklistItem,
  type Client,
  type Company,
  type DoneEntry,
  type Email,
  type Person,
  type Phase,
  type Playbook,
  type Role,
  type Sop,
  type Team,
} from '../../schemas';
import type { ClientEntry, EmailEntry, PlaybookEntry, SopEntry } from '../content/library';
import type { ObjectSpec } from './fields';

/**
 * What the diff compares, field by field, for every schema object it covers: each field is compared
 * (under a label a reader understands, its values quoted, in code or in words) or ignored for a stated
 * reason. The field lists are checked against the zod schemas (`test/unit/diff-spec.test.ts`): a field
 * added to a schema fails that test until it is added here, so nothing is skipped silently.
 */

/** A checklist item in the shape the diff compares: effective owner, global `after` ids. */
export interface ComparableItem {
  id: string;
  task: string;
  /** The item's owner, or the SOP's when it names none. */
  owner: string;
  inheritsOwner: boolean;
  due: Due | undefined;
  required: boolean;
  /** Global ids, sorted, in the head version's SOP ids. */
  after: string[];
  email: string | null;
  when: string | null;
  /** `vars.<name>` of an item repeated once per list entry, or null. */
  each: string | null;
  evidence: string | null;
  /** What the item asks the doer to record, in words (`describeAnswerSpec`). */
  answer: string | null;
  /** A playbook extra's phase; null for an SOP's item, which takes its SOP's. */
  phase: string | null;
}

export const ITEM_SPEC: ObjectSpec<ComparableItem, ChecklistItem> = {
  schema: 'ChecklistItemSchema',
  name: 'ITEM_SPEC',
  fields: {
    id: { own: 'matches the item across versions; a new id with the same content or task is a rename' },
    task: { label: 'Task', value: (item) => item.task, prose: true },
    owner: { label: 'Owner', value: (item) => item.owner, words: 'role' },
    due: { label: 'Due', value: (item) => formatDue(item.due), words: 'due' },
    required: { label: 'Required', value: (item) => item.required, words: 'required' },
    after: { label: 'Waits for', value: (item) => item.after, words: 'tasks' },
    email: { label: 'Sends', value: (item) => item.email, words: 'email' },
    when: { label: 'Only when', value: (item) => item.when },
    each: { label: 'Once for each entry of', value: (item) => item.each },
    evidence: { label: 'Evidence', value: (item) => item.evidence, prose: true },
    answer: { label: 'Asks for', value: (item) => item.answer },
  },
};

const { id, task, ...itemFields } = ITEM_SPEC.fields;

/** A playbook's extra item: a checklist item with its own phase (listed second, after the task). */
export const EXTRA_ITEM_SPEC: ObjectSpec<ComparableItem, Playbook['extra'][number]> = {
  schema: 'PlaybookSchema.extra',
  name: 'EXTRA_ITEM_SPEC',
  fields: { id, task, phase: { label: 'Phase', value: (item) => item.phase, words: 'phase' }, ...itemFields },
};

const describeVar = (spec: PlaybookEntry['vars'][string] | undefined) =>
  spec
    ? `${spec.type}${spec.options ? ` of ${spec.options.join(', ')}` : ''}${spec.default !== undefined ? `, default ${JSON.stringify(spec.default)}` : ', required'}: ${spec.description}`
    : null;

/** How a question shows in the diff, in a playbook or an SOP. */
const VARS_RULE = {
  item: (spec: unknown) => describeVar(spec as PlaybookEntry['vars'][string] | undefined),
  shows: 'each question as `vars.<name>`: its type (with a choice’s options), default (or “required”) and question in one line',
  parts: { type: '`boolean`', options: '` of yes, no`', default: '`, default true`', description: 'the question, after a colon' },
};

export const SOP_SPEC: ObjectSpec<SopEntry, Sop> = {
  schema: 'SopSchema',
  name: 'SOP_SPEC',
  fields: {
    title: { label: 'Title', value: (sop) => sop.title, prose: true },
    summary: { label: 'Summary', value: (sop) => sop.summary, prose: true },
    phase: { label: 'Phase', value: (sop) => sop.phase, words: 'phase' },
    owner: { label: 'Owner', value: (sop) => sop.owner, words: 'role' },
    tags: { label: 'Tags', value: (sop) => sop.tags },
    aliases: { label: 'Also called (search words)', value: (sop) => sop.aliases },
    review: {
      label: 'Review',
      value: (sop) => (sop.review ? `every ${formatDuration(sop.review.every)}, last reviewed ${sop.review.lastReviewed}` : null),
      prose: true,
      parts: { every: '“every 6 months”', lastReviewed: '“last reviewed 2026-10-01”' },
    },
    checklist: { own: 'task by task (ITEM_SPEC): new, removed, renamed and changed tasks', entries: ITEM_SPEC },
    vars: { each: (sop) => sop.vars, ...VARS_RULE },
  },
};

export const EMAIL_SPEC: ObjectSpec<EmailEntry, Email> = {
  schema: 'EmailSchema',
  name: 'EMAIL_SPEC',
  fields: {
    title: { label: 'Title', value: (email) => email.title, prose: true },
    subject: { label: 'Subject', value: (email) => email.subject },
    audience: { label: 'Audience', value: (email) => email.audience },
    to: { label: 'Addressed to', value: (email) => `${describeRecipient(email.to)} (${email.to ?? 'client'})` },
    send: { label: 'Usually sent', value: (email) => (email.send ? formatDue(email.send) : null) },
    description: { label: 'Description', value: (email) => email.description ?? null, prose: true },
  },
};


export const PLAYBOOK_SPEC: ObjectSpec<PlaybookEntry, Playbook> = {
  schema: 'PlaybookSchema',
  name: 'PLAYBOOK_SPEC',
  fields: {
    title: { label: 'Title', value: (playbook) => playbook.title, prose: true },
    description: { label: 'Description', value: (playbook) => playbook.description, prose: true },
    noticeDays: { label: 'Notice period (days)', value: (playbook) => playbook.noticeDays ?? null },
    sops: { own: 'SOPs added and dropped, and the ones that moved in the order, by title' },
    skip: { own: 'tasks it now skips and no longer skips, by task' },
    extra: { own: 'extra task by extra task (EXTRA_ITEM_SPEC), like an SOP’s tasks', entries: EXTRA_ITEM_SPEC },
    vars: { each: (playbook) => playbook.vars, ...VARS_RULE },
  },
};

export const ROLE_SPEC: ObjectSpec<Role> = {
  schema: 'RoleSchema',
  name: 'ROLE_SPEC',
  fields: {
    id: { own: 'matches the role across versions; a new id reads as one role removed and one added' },
    title: { label: 'Title', value: (role) => role.title, prose: true },
    description: { label: 'Description', value: (role) => role.description ?? null, prose: true },
    reviewers: { label: 'Reviewers', value: (role) => role.reviewers ?? [] },
  },
};

export const PERSON_SPEC: ObjectSpec<Person> = {
  schema: 'PersonSchema',
  name: 'PERSON_SPEC',
  fields: {
    id: { own: 'matches the person across versions; a new id reads as one person removed and one added' },
    name: { label: 'Name', value: (person) => person.name, prose: true },
    email: { label: 'Email', value: (person) => person.email },
    roles: { label: 'Roles', value: (person) => person.roles, words: 'roles' },
    handle: { label: 'Handle', value: (person) => person.handle ?? null },
  },
};

export const TEAM_SPEC: ObjectSpec<Team> = {
  schema: 'TeamSchema',
  name: 'TEAM_SPEC',
  fields: {
    roles: { own: 'role by role (ROLE_SPEC)', entries: ROLE_SPEC },
    people: { own: 'person by person (PERSON_SPEC)', entries: PERSON_SPEC },
  },
};

export const PHASE_SPEC: ObjectSpec<Phase> = {
  schema: 'PhaseSchema',
  name: 'PHASE_SPEC',
  fields: {
    id: { own: 'matches the phase across versions, and gives the phase order (compared as one “Order” line)' },
    title: { label: 'Title', value: (phase) => phase.title, prose: true },
    description: { label: 'Description', value: (phase) => phase.description, prose: true },
  },
};

export const CONTRACT_SPEC: ObjectSpec<Client['contract']> = {
  schema: 'ContractSchema',
  name: 'CONTRACT_SPEC',
  fields: {
    start: { label: 'Contract start', value: (contract) => contract.start },
    end: { label: 'Contract end', value: (contract) => contract.end },
    notice: { label: 'Notice given', value: (contract) => contract.notice ?? null },
    reason: { label: 'End reason', value: (contract) => contract.reason ?? null },
  },
};

/** One recorded task (`done:` entry): who and when are shown; a note or an answer is client data, compared unseen. */
export const DONE_ENTRY_SPEC: ObjectSpec<DoneEntry> = {
  schema: 'DoneEntrySchema',
  name: 'DONE_ENTRY_SPEC',
  fields: {
    on: { label: 'Done on', value: (entry) => entry.on },
    by: { label: 'Done by', value: (entry) => entry.by, words: 'person' },
    note: { private: 'note', hidden: (entry) => entry.note ?? null },
    answer: { private: 'answer', hidden: (entry) => entry.answer ?? null },
  },
};

/**
 * Client records are sensitive: only what decides a checklist is shown. Contacts, amounts, answers
 * and notes are compared but never printed: any change among them is one line that says so.
 */
export const CLIENT_SPEC: ObjectSpec<ClientEntry, Client> = {
  schema: 'ClientSchema',
  name: 'CLIENT_SPEC',
  fields: {
    name: { label: 'Name', value: (client) => client.name, prose: true },
    playbook: { label: 'Playbook', value: (client) => client.playbook },
    contract: { nested: CONTRACT_SPEC, get: (client) => client.contract },
    team: { label: 'Team', value: (client) => Object.entries(client.team).map(([role, person]) => `${role}: ${person}`).sort(), words: 'team' },
    contacts: { private: 'contacts', hidden: (client) => client.contacts },
    outstanding: { private: 'outstanding work', hidden: (client) => client.outstanding },
    vars: { private: 'answers', hidden: (client) => client.vars },
    notes: { private: 'notes', hidden: (client) => client.notes ?? null },
    done: { own: 'the record: one line per person and client under “Recorded progress” (`records.ts`), notes and answers never shown', entries: DONE_ENTRY_SPEC },
  },
};

export const COMPANY_SPEC: ObjectSpec<Company> = {
  schema: 'CompanySchema',
  name: 'COMPANY_SPEC',
  fields: {
    name: { label: 'Name', value: (company) => company.name, prose: true },
    locale: { label: 'Locale', value: (company) => company.locale },
    timezone: { label: 'Time zone', value: (company) => company.timezone },
    noticeDays: { label: 'Notice period (days)', value: (company) => company.noticeDays },
    workweek: { label: 'Working days', value: (company) => company.workweek },
    holidays: { label: 'Holidays', value: (company) => [...company.holidays].sort() },
    dueOnDayOff: { label: 'Due date on a day off', value: (company) => company.dueOnDayOff },
    signature: { label: 'Email signature', value: (company) => company.signature, prose: true },
    site: { label: 'Site address', value: (company) => company.site ?? null },
    repo: { label: 'Repository', value: (company) => company.repo ?? null },
    imageHosts: { label: 'Image hosts', value: (company) => [...company.imageHosts].sort() },
    links: { each: (company) => company.links, item: (url) => (url as string | undefined) ?? null, sorted: true, shows: 'each link as `links.<name>`: its URL' },
  },
};

/** The schemas the diff covers, each with its spec; nested objects are reached through the rules. */
export const SCHEMA_SPECS = [
  { schema: CompanySchema, spec: COMPANY_SPEC },
  { schema: TeamSchema, spec: TEAM_SPEC },
  { schema: PhasesSchema, spec: PHASE_SPEC },
  { schema: SopSchema, spec: SOP_SPEC },
  { schema: EmailSchema, spec: EMAIL_SPEC },
  { schema: PlaybookSchema, spec: PLAYBOOK_SPEC },
  { schema: ClientSchema, spec: CLIENT_SPEC },
] as const;
