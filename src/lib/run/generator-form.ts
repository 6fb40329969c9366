import type { z } from 'astro/zod';
import { ClientSchema, END_REASONS, IdSchema, IsoDateSchema, type VarValue } from '../../schemas';
import { addDays, toWorkingDay } from './dates';
import { clientProblems } from '../check/client-problems';
import type { ClientEntry, Library, LibraryInput } from '../content/library';
import { primaryContact } from '../email/render-context';
import { noticeDaysFor } from './notice';

/**
 * The `/generate/` form as plain data: what it holds, how it goes into and comes out of the URL (so a
 * run can be shared and survives a reload), and how it becomes a client record that `buildRun` takes,
 * validated by the same schema as `content/clients/*.yaml`. Everything here runs in the browser; no
 * value leaves it.
 */

export interface InvoiceFields {
  number: string;
  amount: string;
  currency: string;
  due: string;
}
export interface DeliverableFields {
  name: string;
  status: string;
}
/** A contact beside the primary one (`accounts@…` with `role: billing`). */
export interface ContactFields {
  name: string;
  email: string;
  title: string;
  /** `billing`: emails with `to: client:billing` go to this contact. */
  role: string;
}

/** Every form field as the text the reader typed (the URL can only hold text). */
export interface GeneratorState {
  name: string;
  /** Kebab-case id for file names, calendar UIDs and ticks; empty: made from the name. */
  id: string;
  contactName: string;
  contactEmail: string;
  contactTitle: string;
  /** The primary contact's `role` (`billing`): emails with `to: client:billing` go to them. */
  contactRole: string;
  start: string;
  end: string;
  /** Empty: end minus the company's notice period. */
  notice: string;
  reason: string;
  playbook: string;
  /** Role id → person id. */
  team: Record<string, string>;
  /** Playbook question → answer as text (`true`/`false` for yes/no questions). */
  vars: Record<string, string>;
  /** The client's other contacts, after the primary one. */
  contacts: ContactFields[];
  invoices: InvoiceFields[];
  deliverables: DeliverableFields[];
}

/** URL parameter of each single-value field: short, readable, stable (shared links depend on them). */
const PARAMS = {
  name: 'name',
  id: 'id',
  contactName: 'contact',
  contactEmail: 'email',
  contactTitle: 'title',
  contactRole: 'role',
  start: 'start',
  end: 'end',
  notice: 'notice',
  reason: 'reason',
  playbook: 'playbook',
} as const satisfies Partial<Record<keyof GeneratorState, string>>;
type SimpleField = keyof typeof PARAMS;
const SIMPLE_FIELDS = Object.keys(PARAMS) as SimpleField[];

const INVOICE_FIELDS = ['number', 'amount', 'currency', 'due'] as const;
const DELIVERABLE_FIELDS = ['name', 'status'] as const;
const CONTACT_FIELDS = ['name', 'email', 'title', 'role'] as const;

/** The library the generator embeds: everything but client records, which stay on client pages. */
export function generatorPayload(library: Library): LibraryInput {
  const { company, team, phases, sops, emails, playbooks } = library;
  return { company, team, phases, sops, emails, playbooks, clients: [] };
}

/** The first person who can fill each role: the form's starting team. */
export function defaultTeam(library: Library): Record<string, string> {
  return Object.fromEntries(
    library.team.roles.flatMap((role) => {
      const person = library.team.people.find((candidate) => candidate.roles.includes(role.id));
      return person ? [[role.id, person.id]] : [];
    }),
  );
}

/** A list answer as the form's text: one entry per line. */
export function listToText(value: readonly string[]): string {
  return value.join('\n');
}

/** A list answer from the form's text: one entry per line, blank lines and surrounding spaces dropped. */
export function listFromText(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/** A var's value as the form's text (`true`/`false`, a number, a date, one list entry per line). */
function varText(value: VarValue): string {
  return Array.isArray(value) ? listToText(value) : String(value);
}

/** A playbook's questions with their default answers, as text. */
export function defaultVars(library: Library, playbookId: string): Record<string, string> {
  const playbook = library.playbookById.get(playbookId);
  return Object.fromEntries(Object.entries(playbook?.vars ?? {}).map(([name, spec]) => [name, spec.default === undefined ? '' : varText(spec.default)]));
}

/** The playbook a blank form starts with: the fullest one (most SOPs, fewest skips). */
export function defaultPlaybook(library: Library): string {
  const size = (playbook: Library['playbooks'][number]) => playbook.sops.length - playbook.skip.length;
  return [...library.playbooks].sort((a, b) => size(b) - size(a))[0]?.id ?? '';
}

/**
 * A blank form: the contract ends on the first working day at least the company's notice period from
 * today (notice given today leaves the full period), and started a year before.
 */
export function defaultState(library: Library, today: string): GeneratorState {
  const playbook = defaultPlaybook(library);
  const end = toWorkingDay(addDays(today, noticeDaysFor(library, library.playbookById.get(playbook))), 'later', library.company);
  return {
    name: '',
    id: '',
    contactName: '',
    contactEmail: '',
    contactTitle: '',
    contactRole: '',
    start: addDays(end, -365),
    end,
    notice: '',
    reason: '',
    playbook,
    team: defaultTeam(library),
    vars: defaultVars(library, playbook),
    contacts: [],
    invoices: [],
    deliverables: [],
  };
}

/** Reads the form from the URL; anything missing takes the blank form's value. */
export function stateFromParams(params: URLSearchParams, library: Library, today: string): GeneratorState {
  const state = defaultState(library, today);
  for (const field of SIMPLE_FIELDS) {
    const value = params.get(PARAMS[field]);
    if (value !== null) state[field] = value;
  }
  if (!library.playbookById.has(state.playbook)) state.playbook = defaultPlaybook(library);
  state.vars = defaultVars(library, state.playbook);
  for (const [key, value] of params) {
    const [kind, name, field] = key.split('.');
    if (kind === 'team' && name && library.roleById.has(name)) state.team[name] = value;
    if (kind === 'var' && name && Object.hasOwn(state.vars, name)) state.vars[name] = value;
    if (kind === 'invoice' && field && (INVOICE_FIELDS as readonly string[]).includes(field)) {
      rowAt(state.invoices, Number(name), () => ({ number: '', amount: '', currency: 'USD', due: '' }))[field as keyof InvoiceFields] = value;
    }
    if (kind === 'deliverable' && field && (DELIVERABLE_FIELDS as readonly string[]).includes(field)) {
      rowAt(state.deliverables, Number(name), () => ({ name: '', status: 'in-progress' }))[field as keyof DeliverableFields] = value;
    }
    if (kind === 'contacts' && field && (CONTACT_FIELDS as readonly string[]).includes(field)) {
      rowAt(state.contacts, Number(name), () => ({ name: '', email: '', title: '', role: '' }))[field as keyof ContactFields] = value;
    }
  }
  state.contacts = state.contacts.filter(Boolean);
  state.invoices = state.invoices.filter(Boolean);
  state.deliverables = state.deliverables.filter(Boolean);
  return state;
}

/** Row `index` of a repeated group, created when the URL names it (indexes above 50 are ignored). */
function rowAt<T>(rows: T[], index: number, create: () => T): T {
  if (!Number.isInteger(index) || index < 0 || index > 50) return create();
  rows[index] ??= create();
  return rows[index]!;
}

/** Writes the form into URL parameters (empty fields left out). */
export function stateToParams(state: GeneratorState): URLSearchParams {
  const params = new URLSearchParams();
  const add = (key: string, value: string) => {
    if (value !== '') params.append(key, value);
  };
  // Fields whose blank value differs from their default are written even when empty, so a reload
  // does not put back a person or an answer the reader removed.
  const always = (key: string, value: string) => params.append(key, value);
  for (const field of SIMPLE_FIELDS) (field === 'start' || field === 'end' ? always : add)(PARAMS[field], state[field]);
  for (const [role, person] of Object.entries(state.team)) always(`team.${role}`, person);
  for (const [name, value] of Object.entries(state.vars)) always(`var.${name}`, value);
  state.contacts.forEach((contact, index) => CONTACT_FIELDS.forEach((field) => add(`contacts.${index}.${field}`, contact[field])));
  state.invoices.forEach((invoice, index) => INVOICE_FIELDS.forEach((field) => add(`invoice.${index}.${field}`, invoice[field])));
  state.deliverables.forEach((row, index) => DELIVERABLE_FIELDS.forEach((field) => add(`deliverable.${index}.${field}`, row[field])));
  return params;
}

/** The form filled in from a client record ("open a copy in the generator"). */
export function stateFromClient(client: ClientEntry, library: Library): GeneratorState {
  const contact = primaryContact(client);
  return {
    name: client.name,
    id: client.id === slugify(client.name) ? '' : client.id,
    contactName: contact.name,
    contactEmail: contact.email,
    contactTitle: contact.title ?? '',
    contactRole: contact.role ?? '',
    start: client.contract.start,
    end: client.contract.end,
    notice: client.contract.notice ?? '',
    reason: client.contract.reason ?? '',
    playbook: client.playbook,
    team: { ...client.team },
    vars: { ...defaultVars(library, client.playbook), ...Object.fromEntries(Object.entries(client.vars).map(([name, value]) => [name, varText(value)])) },
    contacts: client.contacts.filter((other) => other !== contact).map((other) => ({ name: other.name, email: other.email, title: other.title ?? '', role: other.role ?? '' })),
    invoices: client.outstanding.invoices.map((invoice) => ({ ...invoice, amount: String(invoice.amount) })),
    deliverables: client.outstanding.deliverables.map((row) => ({ ...row })),
  };
}

/** A kebab-case id from a name (`Café Zoë & Co.` → `cafe-zoe-co`), as a client file would be named. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'client';
}

/** A problem with one form field, named by its URL parameter so the page can show it next to it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Where a schema issue's path points in the form. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [first, second, third, fourth] = path.map(String);
  // contacts[0] is the primary contact's fields; contacts[1…] the other contacts' rows.
  if (first === 'contacts' && Number(second) > 0) return `contacts.${Number(second) - 1}.${third ?? 'name'}`;
  if (first === 'contacts') return { name: 'contact', email: 'email', title: 'title', role: 'role' }[third ?? ''] ?? 'contact';
  if (first === 'contract') return second ?? 'end';
  if (first === 'outstanding') return `${second === 'invoices' ? 'invoice' : 'deliverable'}.${third}.${fourth}`;
  if (first === 'team') return `team.${second}`;
  if (first === 'vars') return `var.${second}`;
  return first ?? 'name';
}

/** Turns a var's text into its typed value; `undefined` means "use the playbook default". */
function varValue(type: string, text: string): VarValue | undefined | { error: string } {
  if (type === 'list') return text.trim() === '' ? undefined : listFromText(text);
  if (text === '') return undefined;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : { error: 'expected yes or no' };
  if (type === 'number') return Number.isFinite(Number(text)) ? Number(text) : { error: `expected a number, found ${JSON.stringify(text)}` };
  if (type === 'date') return IsoDateSchema.safeParse(text).success ? text : { error: `expected a date written YYYY-MM-DD, found ${JSON.stringify(text)}` };
  return text;
}

/** What the form describes: the client, or null while an error stands; each problem tied to its field. */
export interface FormVerdict {
  client: ClientEntry | null;
  /** Errors: `check` would refuse this client file, so there is no run until they are fixed. */
  problems: FieldProblem[];
  /** Warnings: `check` would warn about this client file; the run is built all the same. */
  warnings: FieldProblem[];
}

/**
 * The client record the form describes, judged as `check` judges a client file: `ClientSchema` (the
 * shape), then `clientProblems` (the rules); every problem tied to its field.
 */
export function clientFromState(state: GeneratorState, library: Library): FormVerdict {
  const problems: FieldProblem[] = [];
  const playbook = library.playbookById.get(state.playbook);
  if (!playbook) problems.push({ field: 'playbook', message: 'choose a playbook' });
  const vars: Record<string, VarValue> = {};
  for (const [name, spec] of Object.entries(playbook?.vars ?? {})) {
    const value = varValue(spec.type, state.vars[name] ?? '');
    if (value !== undefined && typeof value === 'object' && !Array.isArray(value)) problems.push({ field: `var.${name}`, message: value.error });
    else if (value !== undefined) vars[name] = value;
  }
  for (const [role, person] of Object.entries(state.team)) {
    if (person && !library.personById.has(person)) problems.push({ field: `team.${role}`, message: `no one with the id ${JSON.stringify(person)} is on the team` });
  }
  const input = {
    name: state.name.trim(),
    playbook: state.playbook,
    contract: {
      start: state.start,
      end: state.end,
      ...(state.notice ? { notice: state.notice } : {}),
      ...(state.reason ? { reason: state.reason } : {}),
    },
    contacts: [
      { name: state.contactName.trim(), email: state.contactEmail.trim(), ...(state.contactTitle.trim() ? { title: state.contactTitle.trim() } : {}), primary: true, ...(state.contactRole.trim() ? { role: state.contactRole.trim() } : {}) },
      ...state.contacts.map((other) => ({ name: other.name.trim(), email: other.email.trim(), ...(other.title.trim() ? { title: other.title.trim() } : {}), primary: false, ...(other.role.trim() ? { role: other.role.trim() } : {}) })),
    ],
    team: Object.fromEntries(Object.entries(state.team).filter(([, person]) => person !== '' && library.personById.has(person))),
    outstanding: {
      invoices: state.invoices.map((invoice) => ({ ...invoice, amount: invoice.amount.trim() === '' ? Number.NaN : Number(invoice.amount) })),
      deliverables: state.deliverables,
    },
    vars,
  };
  const id = state.id.trim() || slugify(state.name);
  const idCheck = IdSchema.safeParse(id);
  if (!idCheck.success) problems.push({ field: 'id', message: idCheck.error.issues[0]!.message });
  const parsed = ClientSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: friendly(issue) })));
  const warnings: FieldProblem[] = [];
  const client = parsed.success ? { ...parsed.data, id } : null;
  for (const problem of client && playbook ? clientProblems(library, client) : []) {
    const field = fieldOf(problem.key === undefined ? problem.path : [...problem.path, problem.key]);
    (problem.severity === 'error' ? problems : warnings).push({ field, message: problem.message });
  }
  return { client: problems.length > 0 ? null : client, problems, warnings };
}

/** Schema messages, reworded where the form knows better what the reader did. */
function friendly(issue: z.core.$ZodIssue): string {
  if (issue.input === '') return 'required';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'required';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'expected an amount like 1250.50';
  return issue.message;
}

/** The reasons a contract can end, for the form's choice. */
export const REASON_CHOICES = END_REASONS;
