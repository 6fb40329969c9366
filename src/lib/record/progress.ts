import type { IsoDate, Person } from '../../schemas';
import type { AnswerSpec, AnswerValue, DoneEntry, SignoffAnswer } from '../../schemas/record';
import type { ClientEntry, Library } from '../content/library';
import { formatDate } from '../run/dates';
import type { Run, RunItem } from '../run/build-run';

/**
 * The client's record (`done:`) read against its run: which task was done, by whom, when and with what
 * answer, and how far the run has come. Plain data in, plain data out: the client page, the clients
 * index, the home page, the people pages and the exports all read it from here.
 */

/** One task's record, with the person resolved from `content/team.yaml`. */
export interface ItemRecord {
  on: IsoDate;
  /** The person id as the record gives it. */
  by: string;
  /** The team member, or null when the id is unknown (`check` reports it; the page still shows the id). */
  person: Person | null;
  note: string | null;
  answer: AnswerValue | null;
}

/** A task's record in a client file, or null when the task is not recorded done. */
export function itemRecord(client: Pick<ClientEntry, 'done'>, globalId: string, library: Pick<Library, 'personById'>): ItemRecord | null {
  const entry: DoneEntry | undefined = client.done?.[globalId];
  if (!entry) return null;
  return { on: entry.on, by: entry.by, person: library.personById.get(entry.by) ?? null, note: entry.note ?? null, answer: entry.answer ?? null };
}

/** The name of whoever recorded a task: the person's name, or the id as written when it names no one. */
export function recordedBy(record: ItemRecord): string {
  return record.person?.name ?? record.by;
}

/** A run's recorded progress on a day (the company's calendar date). */
export interface RunProgress {
  recorded: number;
  total: number;
  requiredRecorded: number;
  requiredTotal: number;
  /** Not recorded and due before today. */
  overdue: number;
  /** The first task not recorded that is due today or later (overdue ones are counted in `overdue`). */
  nextDue: RunItem | null;
  /** The date of the last required record, when every required task is recorded; else null. */
  completedOn: IsoDate | null;
}

/** Counts a run's recorded progress as of `today`. */
export function runProgress(run: Pick<Run, 'items'>, today: IsoDate): RunProgress {
  let recorded = 0;
  let requiredRecorded = 0;
  let requiredTotal = 0;
  let overdue = 0;
  let nextDue: RunItem | null = null;
  let lastRequired: IsoDate | null = null;
  for (const item of run.items) {
    if (item.required) requiredTotal += 1;
    if (item.record) {
      recorded += 1;
      if (item.required) {
        requiredRecorded += 1;
        if (!lastRequired || item.record.on > lastRequired) lastRequired = item.record.on;
      }
    } else if (item.dueDate === null) continue; // undated: never overdue, never "next due"
    else if (item.dueDate < today) overdue += 1;
    else if (!nextDue || item.dueDate < nextDue.dueDate!) nextDue = item;
  }
  const complete = requiredTotal > 0 && requiredRecorded === requiredTotal;
  return { recorded, total: run.items.length, requiredRecorded, requiredTotal, overdue, nextDue, completedOn: complete ? lastRequired : null };
}

/** One open task on a person's list. */
export interface OpenTask {
  run: Run;
  item: RunItem;
  overdue: boolean;
}

/**
 * A person's open tasks (not recorded) across every run that is not complete: overdue first, then by
 * due date, then by client name and run order.
 */
export function openTasksOf(personId: string, runs: readonly Run[], today: IsoDate): OpenTask[] {
  const tasks: (OpenTask & { order: number })[] = [];
  for (const run of runs) {
    if (runProgress(run, today).completedOn) continue;
    run.items.forEach((item, order) => {
      if (!item.record && item.person?.id === personId) tasks.push({ run, item, overdue: item.dueDate !== null && item.dueDate < today, order });
    });
  }
  return tasks
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        // Undated tasks (done during the run) come after the dated ones.
        (a.item.dueDate ?? '\uffff').localeCompare(b.item.dueDate ?? '\uffff') ||
        a.run.client.name.localeCompare(b.run.client.name) ||
        a.order - b.order,
    )
    .map(({ run, item, overdue }) => ({ run, item, overdue }));
}

/** A question as a label: "How would you rate us?" → "How would you rate us". */
function label(question: string): string {
  return question.trim().replace(/[?:.]+$/, '');
}

const isSignoff = (value: AnswerValue): value is SignoffAnswer => typeof value === 'object';

/** "Signed by Dana Cho (Principal) on Mon, Nov 30, 2026". */
export function formatSignoff(signoff: SignoffAnswer, locale: string): string {
  return `Signed by ${signoff.name}${signoff.title ? ` (${signoff.title})` : ''} on ${formatDate(signoff.on, 'weekday', locale)}`;
}

/**
 * A recorded answer in words, as the page, the printout and the exports write it: "Primary reason for
 * leaving: Budget", "How would you rate us: 8 / 10", "Signed by Dana Cho (Principal) on Mon, Nov 30,
 * 2026". Without the item's spec (the item stopped asking; `check` reports it) the value is written as is.
 */
export function formatAnswer(spec: AnswerSpec | null, value: AnswerValue, locale: string): string {
  if (isSignoff(value)) return formatSignoff(value, locale);
  if (!spec) return `Answer: ${value}`;
  if (spec.type === 'rating') return `${label(spec.question)}: ${value} / ${spec.scale}`;
  return `${label(spec.question)}: ${value}`;
}

/** "Done by Theo Okafor on Tue, Nov 24, 2026". */
export function formatDone(record: ItemRecord, locale: string): string {
  return `Done by ${recordedBy(record)} on ${formatDate(record.on, 'weekday', locale)}`;
}
