import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { formatDue } from '../../schemas/due';
import { addDays } from '../run/dates';
import { itemAnchor } from '../run/run-html';
import type { Run, RunItem } from '../run/build-run';
import { dependencyTasks, isAbsoluteUrl, ownerLabel, phaseTitle, type ExportOptions } from './shared';

/**
 * The run as a calendar (RFC 5545) written by the `ics` package, which escapes text (`,` `;` `\`
 * and line breaks), folds long lines and ends them with CRLF. One all-day event per task
 * (`DTSTART;VALUE=DATE`, ending the next day as the RFC asks), marked free so a day of tasks does not
 * block anyone's calendar. A task's UID is built from the client id and the item's global id only, so
 * importing the file again after a date moved updates the event instead of adding a second one.
 */

/** The stable UID of one task of one client's run. */
export function eventUid(clientId: string, globalId: string): string {
  return `${clientId}.${globalId.replace(/[#/]/g, '.')}@sendoff`;
}

/**
 * `[year, month, day]` of a calendar date. RFC 5545 writes a DATE as exactly 8 digits: a date the
 * schema's years (2000–2099) cannot produce, like Temporal's `+010000-01-05`, is a bug, not content.
 */
function toDateArray(iso: string): DateArray {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`The calendar export cannot write ${JSON.stringify(iso)}: a calendar date has a 4-digit year (YYYY-MM-DD)`);
  return iso.split('-').map(Number) as DateArray;
}

/** The link back to an item: `<run page>#task-…`. */
export function itemLink(runUrl: string, globalId: string): string {
  return `${runUrl.replace(/#.*$/, '')}#${itemAnchor(globalId)}`;
}

function description(run: Run, item: RunItem, link: string): string {
  const after = dependencyTasks(run, item);
  return [
    `Owner: ${ownerLabel(item)}`,
    `Due: ${item.dueDate} (${formatDue(item.due)}${item.dueMovedFrom ? `, moved from ${item.dueMovedFrom}` : ''})${item.required ? '' : ', optional'}`,
    `SOP: ${item.sopId ? item.sopTitle : `${run.playbook.title} playbook`}`,
    ...(after.length > 0 ? [`After: ${after.join('; ')}`] : []),
    ...(item.evidence ? [`Evidence: ${item.evidence}`] : []),
    ...(item.email ? [`Email: ${item.email.subject}`] : []),
    `Checklist: ${link}`,
  ].join('\n');
}

/** Renders the run as an .ics calendar; throws if the library rejects an event (a bug, not content). */
export function runToIcs(run: Run, options: ExportOptions): string {
  const events: EventAttributes[] = run.items.map((item) => {
    const link = itemLink(options.runUrl, item.globalId);
    return {
      uid: eventUid(run.client.id, item.globalId),
      title: `${run.client.name}: ${item.task}`,
      description: description(run, item, link),
      start: toDateArray(item.dueDate),
      end: toDateArray(addDays(item.dueDate, 1)),
      categories: [phaseTitle(run, item.phase)],
      ...(isAbsoluteUrl(link) ? { url: link } : {}),
      transp: 'TRANSPARENT',
      busyStatus: 'FREE',
      productId: '-//Sendoff//Client offboarding//EN',
      calName: `Offboarding: ${run.client.name}`,
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    };
  });
  const { error, value } = createEvents(events);
  if (error || !value) throw new Error(`The calendar export failed: ${error?.message ?? 'no output'}`);
  return value;
}
