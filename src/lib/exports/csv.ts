import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Run } from '../run/build-run';
import { formatDue } from '../../schemas/due';
import { dependencyTasks, phaseTitle } from './shared';
import { formatAnswer, recordedBy } from '../record/progress';

/**
 * The run as a spreadsheet (RFC 4180: CRLF line ends, quotes doubled, fields with commas, quotes or
 * line breaks quoted), written by csv-stringify. A UTF-8 byte-order mark makes Excel read accents and
 * dashes correctly; every other spreadsheet ignores it. The `browser` build is used everywhere: the
 * Node build needs `Buffer`, and the generator runs this same function in the browser.
 */
export const CSV_COLUMNS = [
  'Task', 'Phase', 'SOP', 'Owner', 'Owner email', 'Due', 'Required', 'Depends on', 'Email template', 'Due note',
  // The client's record: empty while the task is open.
  'Done on', 'Done by', 'Note', 'Answer',
] as const;

/** Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number, negative or not: a spreadsheet reads it as a number and runs nothing. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Neutralises a cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`): a
 * leading single quote makes Excel, LibreOffice and Google Sheets show it as text. Task names and
 * people's names come from content anyone can propose in a pull request, and the file is opened by
 * someone else. A plain number such as `-10` is left alone, so it stays a number.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** Renders the run as CSV: a header row, then one row per item in run order. */
export function runToCsv(run: Run, locale = 'en-US'): string {
  const rows = run.items.map((item) => [
    item.task,
    phaseTitle(run, item.phase),
    item.sopId ? item.sopTitle : `${run.playbook.title} playbook`,
    item.person?.name ?? `${item.role.title} (unassigned)`,
    item.person?.email ?? '',
    item.dueDate ?? formatDue(null),
    item.required ? 'yes' : 'no',
    dependencyTasks(run, item).join('; '),
    item.email?.title ?? '',
    item.dueMovedFrom ? `moved from ${item.dueMovedFrom}, not a working day` : '',
    item.record?.on ?? '',
    item.record ? recordedBy(item.record) : '',
    item.record?.note ?? '',
    item.record && item.record.answer !== null ? formatAnswer(item.answer, item.record.answer, locale) : '',
  ]);
  return stringify([[...CSV_COLUMNS], ...rows.map((row) => row.map(neutraliseFormula))], { bom: true, record_delimiter: 'windows' });
}
