import { formatDue } from '../../schemas/due';
import { addDays } from '../run/dates';
import { itemAnchor } from '../run/run-html';
import type { Run, RunItem } from '../run/build-run';
import { dependencyTasks, isAbsoluteUrl, ownerLabel, phaseTitle, recordLines, type ExportOptions } from './shared';

/**
 * The run as a calendar (RFC 5545): text escaped (`,` `;` `\` and line breaks), long lines folded,
 * every line ended with CRLF. One all-day event per task (`DTSTART;VALUE=DATE`, ending the next day
 * as the RFC asks), marked free so a day of tasks does not block anyone's calendar. A task's UID is
 * built from the client id and the item's global id only, so importing the file again after a date
 * moved updates the event instead of adding a second one.
 *
 * Written here rather than with the `ics` package, property for property as it wrote them (ASCII text
 * byte for byte): that package validates every event against a yup schema and folds a line by
 * re-splitting all of it into graphemes for every 75 characters, which made the calendar the slowest
 * export of the build (about 300 ms a client on the bench corpus). Our events are built from validated
 * content, so there is nothing left to validate; a date that cannot be written still throws. Lines with
 * other characters are folded at 75 octets, as the RFC says, where the package counted characters.
 */

/** The stable UID of one task of one client's run. */
export function eventUid(clientId: string, globalId: string): string {
  return `${clientId}.${globalId.replace(/[#/]/g, '.')}@sendoff`;
}

/**
 * `YYYYMMDD` of a calendar date (a DATE value). RFC 5545 writes a DATE as exactly 8 digits: a date the
 * schema's years (2000–2099) cannot produce, like Temporal's `+010000-01-05`, is a bug, not content.
 */
function dateValue(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`The calendar export cannot write ${JSON.stringify(iso)}: a calendar date has a 4-digit year (YYYY-MM-DD)`);
  return iso.replace(/-/g, '');
}

/** The link back to an item: `<run page>#task-…`. */
export function itemLink(runUrl: string, globalId: string): string {
  return `${runUrl.replace(/#.*$/, '')}#${itemAnchor(globalId)}`;
}

function description(run: Run, item: RunItem, link: string, locale: string): string {
  const after = dependencyTasks(run, item);
  return [
    ...recordLines(item, locale),
    `Owner: ${ownerLabel(item)}`,
    `Due: ${item.dueDate} (${formatDue(item.due)}${item.dueMovedFrom ? `, moved from ${item.dueMovedFrom}` : ''})${item.required ? '' : ', optional'}`,
    `SOP: ${item.sopId ? item.sopTitle : `${run.playbook.title} playbook`}`,
    ...(after.length > 0 ? [`After: ${after.join('; ')}`] : []),
    ...(item.evidence ? [`Evidence: ${item.evidence}`] : []),
    ...(item.email ? [`Email: ${item.email.subject}`] : []),
    `Checklist: ${link}`,
  ].join('\n');
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, line breaks, semicolon and comma. */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

/** Line breaks written as `\n`, for values that are not escaped as TEXT (ids, URLs, names in the header). */
function encodeNewLines(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();
const utf8Length = (char: string) => (char.charCodeAt(0) < 0x80 ? 1 : encoder.encode(char).length);

/**
 * Folds a content line (RFC 5545 §3.1): at most 75 octets a line, each continuation starting with a
 * tab. A code point is never split across lines, so each line stays valid UTF-8 (the RFC allows a
 * split; calendar apps do not all agree on reading one).
 */
export function foldLine(line: string): string {
  // ASCII only (nearly always): one octet a character, folded by slicing.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(line)) {
    if (line.length <= 75) return line;
    const parts = [line.slice(0, 75)];
    for (let at = 75; at < line.length; at += 74) parts.push(line.slice(at, at + 74));
    return parts.join('\r\n\t');
  }
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n\t');
}

/** `YYYYMMDDTHHMMSSZ` of a moment in UTC (a DATE-TIME value, for DTSTAMP). */
const utcDateTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** Renders the run as an .ics calendar. */
export function runToIcs(run: Run, options: ExportOptions): string {
  return tasksToIcs(
    `Offboarding: ${run.client.name}`,
    run.items.map((item) => ({ run, item, runUrl: options.runUrl })),
    options,
  );
}

/** One task of a calendar: its run, the item, and the run's page (for the link back). */
export interface CalendarTask {
  run: Run;
  item: RunItem;
  runUrl: string;
}

/**
 * A calendar of tasks from any runs (a client's run, a person's open tasks across clients). A task has
 * the same UID in every calendar, so a person's feed and a client's file never add the same task twice.
 * A task recorded done stays an event (its summary starts "Done:", its description says who and when):
 * importing the file again updates the event rather than leaving a stale one behind.
 */
export function tasksToIcs(name: string, tasks: readonly CalendarTask[], options: Pick<ExportOptions, 'timestamp' | 'locale'>): string {
  const line = (name: string, value: string) => `${foldLine(`${name}:${value}`)}\r\n`;
  const stamp = utcDateTime(options.timestamp ?? Date.now());
  let calendar =
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n' +
    line('PRODID', '-//Sendoff//Client offboarding//EN') +
    line('METHOD', 'PUBLISH') +
    line('X-WR-CALNAME', encodeNewLines(name)) +
    'X-PUBLISHED-TTL:PT1H\r\n';
  // All-day events end the next day; many tasks share a due date.
  const nextDays = new Map<string, string>();
  const nextDay = (iso: string) => nextDays.get(iso) ?? nextDays.set(iso, addDays(iso, 1)).get(iso)!;
  for (const { run, item, runUrl } of tasks) {
    // An undated task (done during the run) has no day to put in a calendar.
    if (item.dueDate === null) continue;
    const link = itemLink(runUrl, item.globalId);
    calendar +=
      'BEGIN:VEVENT\r\n' +
      line('UID', encodeNewLines(eventUid(run.client.id, item.globalId))) +
      line('SUMMARY', escapeText(`${item.record ? 'Done: ' : ''}${run.client.name}: ${item.task}`)) +
      line('DTSTAMP', stamp) +
      line('DTSTART;VALUE=DATE', dateValue(item.dueDate)) +
      line('DTEND;VALUE=DATE', dateValue(nextDay(item.dueDate))) +
      line('DESCRIPTION', escapeText(description(run, item, link, options.locale))) +
      (isAbsoluteUrl(link) ? line('URL', encodeNewLines(link)) : '') +
      line('CATEGORIES', escapeText(phaseTitle(run, item.phase))) +
      line('X-MICROSOFT-CDO-BUSYSTATUS', 'FREE') +
      line('TRANSP', 'TRANSPARENT') +
      'END:VEVENT\r\n';
  }
  return `${calendar}END:VCALENDAR\r\n`;
}
