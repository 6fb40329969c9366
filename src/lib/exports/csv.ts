import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Run } from '../run/build-run';
import { dependencyTasks, phaseTitle } from './shared';

/**
 * The run as a spreadsheet (RFC 4180: CRLF line ends, quotes doubled, fields with commas, quotes or
 * line breaks quoted), written by csv-stringify. A UTF-8 byte-order mark makes Excel read accents and
 * dashes correctly; every other spreadsheet ignores it. The `browser` build is used everywhere: the
 * Node build needs `Buffer`, and the generator runs this same function in the browser.
 */
export const CSV_COLUMNS = ['Task', 'Phase', 'SOP', 'Owner', 'Owner email', 'Due', 'Required', 'Depends on', 'Email template'] as const;

/** Renders the run as CSV: a header row, then one row per item in run order. */
export function runToCsv(run: Run): string {
  const rows = run.items.map((item) => [
    item.task,
    phaseTitle(run, item.phase),
    item.sopId ? item.sopTitle : `${run.playbook.title} playbook`,
    item.person?.name ?? `${item.role.title} (unassigned)`,
    item.person?.email ?? '',
    item.dueDate,
    item.required ? 'yes' : 'no',
    dependencyTasks(run, item).join('; '),
    item.email?.title ?? '',
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { bom: true, record_delimiter: 'windows' });
}
