import type { Run, RunItem } from '../run/build-run';

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
