import type { Run, RunItem } from '../run/build-run';
import { formatAnswer, recordedBy } from '../record/progress';

/** What every export needs besides the run. */
export interface ExportOptions {
  /** BCP 47 locale for dates written for people. */
  locale: string;
  /**
   * The run's page: an absolute URL when the site's address is known (`company.site`, or the
   * generator's own address), otherwise the site-relative path (`/clients/<id>/`). Exports link back
   * to an item only with an absolute URL; a relative one is written as text.
   */
  runUrl: string;
  /** DTSTAMP of calendar events (ms since epoch); fixed in tests so output is reproducible. */
  timestamp?: number;
}

/** Whether a link can be followed from outside the site (a calendar app, an issue tracker). */
export function isAbsoluteUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** The owner as written in exports: the person (and role), or the unfilled role. */
export function ownerLabel(item: RunItem): string {
  return item.person ? `${item.person.name} (${item.role.title})` : `${item.role.title} (unassigned)`;
}

/** Task text by global id, once per run (every item of every export asks). */
const taskIndexes = new WeakMap<Run, Map<string, string>>();

/** Task text of each item the given one waits for. */
export function dependencyTasks(run: Run, item: RunItem): string[] {
  let taskOf = taskIndexes.get(run);
  if (!taskOf) taskIndexes.set(run, (taskOf = new Map(run.items.map((other) => [other.globalId, other.task]))));
  return item.after.map((id) => taskOf.get(id) ?? id);
}

/** Phase title by id. */
export function phaseTitle(run: Run, phaseId: string): string {
  return run.phases.find((group) => group.phase.id === phaseId)?.phase.title ?? phaseId;
}

/**
 * A recorded task in words for the exports, one line each: "Done by Theo Okafor on 2026-11-24", the
 * note, the answer. Nothing for an open task.
 */
export function recordLines(item: RunItem, locale: string): string[] {
  const { record } = item;
  if (!record) return [];
  return [
    `Done by ${recordedBy(record)} on ${record.on}`,
    ...(record.note ? [`Note: ${record.note}`] : []),
    ...(record.answer !== null ? [formatAnswer(item.answer, record.answer, locale)] : []),
  ];
}
