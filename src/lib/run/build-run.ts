import type { Due, IsoDate, Person, Phase, RenderContext, Role } from '../../schemas';
import { resolveDue, toWorkingDay, type WorkCalendar } from './dates';
import {
  type ClientEntry,
  type EmailEntry,
  type Library,
  type PlaybookEntry,
  playbookRunItems,
  teamMember,
} from '../content/library';
import { renderEmailBody } from '../email/email-body';
import { createRenderContext, findRecipient, resolveVars } from '../email/render-context';
import { evaluateCondition, renderTemplate, templateEnginesFor, type TemplateEngines } from '../email/liquid';
import type { AnswerSpec } from '../../schemas/record';
import { itemRecord, type ItemRecord } from '../record/progress';
import { eachVar, repeatId } from './each';
import { renderRunTaskText, type TaskTextContext } from './task-text';
import { clientNoticeDate } from './notice';
import { resolveAnchoredDates, type TaskDates } from './anchors';

/** An email as this client will receive it. */
export interface RenderedEmail {
  id: string;
  title: string;
  audience: EmailEntry['audience'];
  subject: string;
  /** The body as sanitised HTML (client values escaped). */
  html: string;
  /** The body as readable plain text (no Markdown syntax, links written out), for plain-text copy and `mailto:`. */
  text: string;
  /**
   * Recipient's address: the person the email's `to:` names (the primary contact for client emails
   * without one); empty for internal and vendor emails without `to:`, or when the client has nobody for it.
   */
  to: string;
  /** The recipient's name, beside `to` (empty with it). */
  toName: string;
}

/** One task of one client's run, with its real date and person. */
export interface RunItem {
  /** `<sop-id>#<item-id>`, or `<playbook-id>#<item-id>` for a playbook's extra items. */
  globalId: string;
  sopId: string | null;
  sopTitle: string;
  phase: string;
  task: string;
  role: Role | { id: string; title: string };
  /** The client-team member for the role; null when the client's team leaves the role empty. */
  person: Person | null;
  /** Its due offset; null for an undated task (done during the run: no date, no calendar entry, never overdue). */
  due: Due | null;
  /**
   * The day it is due: anchor + offset, moved off a day off as `company.dueOnDayOff` says. Null when
   * undated, and when its anchor task or date var gives no date for this client (check says why).
   */
  dueDate: IsoDate | null;
  /** The date the offset gave when it fell on a day off and was moved; null when it was not moved. */
  dueMovedFrom: IsoDate | null;
  required: boolean;
  /** Global ids of the run's items this one waits for. */
  after: string[];
  evidence: string | null;
  email: RenderedEmail | null;
  /** What the item asks the person who does it to record (`answer:`), or null. */
  answer: AnswerSpec | null;
  /** The client's record of it (`done:`): who did it, when, with what note and answer; null while open. */
  record: ItemRecord | null;
}

export interface RunPhase {
  phase: Phase;
  items: RunItem[];
}

export interface Run {
  client: ClientEntry;
  playbook: PlaybookEntry;
  end: IsoDate;
  notice: IsoDate;
  /** All items, dependencies first, then by date. */
  items: RunItem[];
  /** The same items grouped by phase, in phase order (phases without items left out). */
  phases: RunPhase[];
  /**
   * Items left out for this client: their `when:` condition (or their SOP's, in the playbook's `sops:`)
   * is false, or they repeat once per entry of a `list` question (`each: vars.projects`, here `each:
   * 'projects'`) the client answered with no entry.
   */
  excluded: (
    | {
        globalId: string;
        task: string;
        when: string;
        /** Set when the playbook's `sops: [{ id, when }]` left out the whole SOP (the page names the SOP once). */
        sop?: { id: string; title: string };
      }
    | { globalId: string; task: string; each: string }
  )[];
}

export interface BuildRunOptions {
  /** Render each task's email (default true); the diff only needs dates and people, and skips it. */
  emails?: boolean;
  /**
   * Fill in each task's text with the client's values (default true). The diff's impact shows tasks
   * as written: its report may become a public pull-request comment, and a task's Liquid could
   * print a contact's name or address into it.
   */
  texts?: boolean;
}

/**
 * A client's run: the playbook's SOP items minus `skip`, plus `extra`, each with a real date and owner,
 * its email rendered, ordered so that a task never comes before one it depends on.
 */
export function buildRun(client: ClientEntry, playbook: PlaybookEntry, library: Library, options: BuildRunOptions = {}): Run {
  const { company } = library;
  const calendar: WorkCalendar = company;
  const anchors = { end: client.contract.end, notice: clientNoticeDate(library, client, playbook) };
  const engine = templateEnginesFor(company.locale);
  const candidates = playbookRunItems(library, playbook);

  // A playbook has hundreds of items but a handful of distinct offsets: count each offset once.
  const datesByDue = new Map<string, TaskDates | null>();
  const vars = resolveVars(client, playbook);
  /** An offset's dates; `from` is the anchor task's due date for `<item>+15d`; a date var's value for `vars.x+10bd`. */
  const dueDates = (due: Due, from: IsoDate | null): TaskDates | null => {
    const start = due.anchor === 'var' ? varDate(vars[due.from ?? '']) : from;
    const key = `${due.anchor} ${start ?? ''} ${due.unit} ${due.days}`;
    let dates = datesByDue.get(key);
    if (dates === undefined) {
      const scheduled = resolveDue(due, anchors, calendar, start);
      dates = scheduled === null ? null : { scheduled, dueDate: toWorkingDay(scheduled, company.dueOnDayOff, calendar) };
      datesByDue.set(key, dates);
    }
    return dates;
  };

  // Every item of one owner role reads the same context: make it once per role, not once per item.
  // All share one `dates` object, filled once the run is dated: texts and emails render after that.
  const runDates: Record<string, IsoDate> = {};
  const contexts = new Map<string, { person: Person | null; context: RenderContext }>();
  const ownerContext = (role: string) => {
    let found = contexts.get(role);
    if (!found) {
      const person = teamMember(library, client, role) ?? null;
      contexts.set(role, (found = { person, context: createRenderContext(library, client, person ?? undefined, role, undefined, runDates) }));
    }
    return found;
  };

  const excluded: Run['excluded'] = [];
  const excludedTexts: { context: TaskTextContext }[] = [];
  const items: RunItem[] = [];
  /** What each item's text and email render with, once the dates are known. */
  const pending = new Map<RunItem, { context: TaskTextContext; template: EmailEntry | undefined }>();
  const repeats = new Map<string, string[]>();
  /** A repeated task's offset by its own id (`a#b`): a task may count from it (`b+3d`) as from any task. */
  const repeated: { id: string; due: Due | null }[] = [];
  for (const item of candidates) {
    const { person, context } = ownerContext(item.owner);
    // A condition on the whole SOP (the playbook's `sops: [{ id, when }]`) comes first, then the item's own.
    const unmet = [item.sopWhen, item.when].find((when) => when !== undefined && !evaluateCondition(engine, when, context));
    const template = item.email ? library.emailById.get(item.email) : undefined;
    // The task's text reads the recipient of the email it sends ("Send the invoice to {{ recipient.name }}").
    const addressed = template ? withRecipient(library, client, context, template.to) : context;
    if (unmet) {
      const sop = unmet === item.sopWhen ? { id: item.sopId, title: library.sopById.get(item.sopId)?.title ?? item.sopId } : null;
      excluded.push({ globalId: item.globalId, task: item.task, when: unmet, ...(sop ? { sop } : {}) });
      // A repeated task left out has no entry: its text says "…" where the entry would be.
      excludedTexts.push({ context: item.each ? { ...addressed, entry: '…' } : addressed });
      continue;
    }
    const runItem: RunItem = {
      globalId: item.globalId,
      sopId: item.sopId || null,
      sopTitle: library.sopById.get(item.sopId)?.title ?? playbook.title,
      phase: item.phase,
      task: item.task,
      role: library.roleById.get(item.owner) ?? { id: item.owner, title: item.owner },
      person,
      due: item.due ?? null,
      dueDate: null,
      dueMovedFrom: null,
      required: item.required,
      after: item.after,
      evidence: item.evidence ?? null,
      email: null,
      answer: item.answer ?? null,
      record: itemRecord(client, item.globalId, library),
    };
    if (!item.each) {
      items.push(runItem);
      pending.set(runItem, { context: addressed, template });
      continue;
    }
    // `each: vars.projects`: one task per entry, `<id>/1`, `<id>/2`, … (each.ts); no entry, no task.
    const entries = context.vars[eachVar(item.each)];
    const ids = (Array.isArray(entries) ? entries : []).map((entry, index) => {
      const globalId = repeatId(item.globalId, index + 1);
      const repeat: RunItem = { ...runItem, globalId, record: itemRecord(client, globalId, library) };
      items.push(repeat);
      pending.set(repeat, { context: { ...addressed, entry }, template });
      return globalId;
    });
    repeats.set(item.globalId, ids);
    repeated.push({ id: item.globalId, due: runItem.due });
    if (ids.length === 0) {
      excluded.push({ globalId: item.globalId, task: item.task, each: eachVar(item.each) });
      excludedTexts.push({ context: { ...addressed, entry: '…' } });
    }
  }
  // A task after a repeated one waits for every repeat.
  if (repeats.size > 0) for (const item of items) item.after = item.after.flatMap((id) => repeats.get(id) ?? [id]);

  // Dates next: a task counting from another (`send-final-invoice+15d`) is dated after it (anchors.ts).
  // Every repeat of an `each:` task has its offset, so one date: a task counting from the repeated task
  // counts from that date, also for a client whose list is empty (the date comes from the offset, not
  // from the entries).
  const dates = resolveAnchoredDates([...items.map((item) => ({ id: item.globalId, due: item.due })), ...repeated], dueDates);
  for (const item of items) {
    const found = dates.get(item.globalId);
    if (!found) continue;
    item.dueDate = found.dueDate;
    item.dueMovedFrom = found.dueDate === found.scheduled ? null : found.scheduled;
    runDates[item.globalId] = found.dueDate;
  }

  // Texts and emails last, when `dates` holds every date they may print (item 8).
  const texts = options.texts !== false;
  for (const [item, { context, template }] of pending) {
    if (texts) item.task = renderRunTaskText(engine, item.task, context);
    if (texts && item.evidence !== null) item.evidence = renderRunTaskText(engine, item.evidence, context);
    if (template && options.emails !== false) item.email = renderEmail(engine, template, context);
  }
  if (texts) excluded.forEach((item, index) => (item.task = renderRunTaskText(engine, item.task, excludedTexts[index]!.context)));

  const present = new Set(items.map((item) => item.globalId));
  for (const item of items) item.after = item.after.filter((id) => present.has(id));
  const ordered = orderByDependencies(items);
  return {
    client,
    playbook,
    ...anchors,
    items: ordered,
    phases: library.phases
      .map((phase) => ({ phase, items: ordered.filter((item) => item.phase === phase.id) }))
      .filter((group) => group.items.length > 0),
    excluded,
  };
}

/** Renders one template with one client's context: subject as text, body as HTML and as text. */
export function renderEmail(engine: TemplateEngines, template: EmailEntry, context: RenderContext): RenderedEmail {
  // One Markdown rendering (client values escaped), parsed once, feeds both versions: they always say
  // the same, and the generator re-renders every email on each keystroke. The parse is shared by the
  // clients whose values cannot change how the Markdown reads (email-body.ts).
  const { html, text } = renderEmailBody(engine, template.body, context);
  return {
    id: template.id,
    title: template.title,
    audience: template.audience,
    subject: renderTemplate(engine, template.subject, context, 'text').trim(),
    html,
    text,
    ...(template.to !== undefined || template.audience === 'client'
      ? { to: context.recipient.email, toName: context.recipient.email ? context.recipient.name : '' }
      : { to: '', toName: '' }),
  };
}

/** The owner's context addressed to the person an email's `to:` names (the same context for the primary contact). */
export function withRecipient(library: Library, client: ClientEntry, context: RenderContext, to: string | undefined): RenderContext {
  if (to === undefined || to === 'client') return context;
  return { ...context, recipient: findRecipient(library, client, to) ?? { name: '', email: '' } };
}

/**
 * Orders items so that every item comes after the items it depends on; among the items that are free
 * to go next, the earliest date (then the original order) goes first. An undated item keeps its place:
 * it sorts with the dated item written before it. A cycle, which the validator reports, leaves the
 * remaining items in date order rather than dropping them.
 */
export function orderByDependencies(items: RunItem[]): RunItem[] {
  const sortKey = new Map<RunItem, string>();
  let previous = '';
  for (const item of items) sortKey.set(item, (previous = item.dueDate ?? previous));
  const byDate = [...items].sort((a, b) => sortKey.get(a)!.localeCompare(sortKey.get(b)!));
  const done = new Set<string>();
  const result: RunItem[] = [];
  while (result.length < items.length) {
    const next =
      byDate.find((item) => !done.has(item.globalId) && item.after.every((id) => done.has(id))) ??
      byDate.find((item) => !done.has(item.globalId))!;
    done.add(next.globalId);
    result.push(next);
  }
  return result;
}

/** A date var's value as an anchor: a date written YYYY-MM-DD, or null (unanswered, or not a date). */
function varDate(value: unknown): IsoDate | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}
