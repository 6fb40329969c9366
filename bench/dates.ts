import { resolve } from 'node:path';
import { loadContent } from '../src/lib/content/load';
import { createLibrary } from '../src/lib/content/library';
import { buildRun } from '../src/lib/run/build-run';
import { addBusinessDays, businessDaysBetween } from '../src/lib/run/dates';
import { renderRunHtml } from '../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../src/lib/run/run-html-options';
import { EXPORT_FORMAT_IDS, renderExport } from '../src/lib/exports';

/**
 * What calendar maths costs at the edge of the accepted years (2000–2099): working days counted across
 * a century, a century of working days added, and the starter's Northwind run with its contract ending
 * 2099-12-31 (its page says how many working days are left, counted from today), rendered with its
 * three exports. Working days are counted by whole weeks, so none of these grows with the span.
 * `npx tsx bench/dates.ts [repeats]` (default 20) prints the median and the slowest run of each;
 * `npm run bench` reports the medians too.
 */

export interface DateFigure {
  label: string;
  medianMs: number;
  slowestMs: number;
  result: string;
}

const TODAY = '2026-11-25';

/** Times each measurement `repeats` times, in this process, on the starter library in `root`. */
export async function measureDates(repeats = 20, root = resolve('.')): Promise<DateFigure[]> {
  const { input } = await loadContent(root);
  if (!input) throw new Error('the starter library does not load: run `npm run check`');
  const library = createLibrary(input);
  const calendar = library.company;
  const northwind = structuredClone(library.clientById.get('northwind-studio')!);
  northwind.contract = { ...northwind.contract, end: '2099-12-31' };
  delete northwind.contract.notice;
  const playbook = library.playbookById.get(northwind.playbook)!;

  const time = (label: string, task: () => unknown): DateFigure => {
    const runs: number[] = [];
    let result: unknown;
    for (let run = 0; run < repeats; run++) {
      const started = performance.now();
      result = task();
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    const round = (ms: number) => Number(ms.toFixed(ms < 10 ? 2 : 0));
    return { label, medianMs: round(runs[Math.floor(runs.length / 2)]!), slowestMs: round(runs[runs.length - 1]!), result: String(result) };
  };
  return [
    time('working days 2000-01-01 → 2099-12-31', () => businessDaysBetween('2000-01-01', '2099-12-31', calendar)),
    time('2000-01-03 + 26,000 working days', () => addBusinessDays('2000-01-03', 26_000, calendar)),
    time('2099-12-31 − 26,000 working days', () => addBusinessDays('2099-12-31', -26_000, calendar)),
    time('Northwind ending 2099-12-31: run, page and exports', () => {
      const run = buildRun(northwind, playbook, library);
      const html = renderRunHtml(run, clientRunHtmlOptions(library, northwind.id, TODAY));
      const exports = EXPORT_FORMAT_IDS.map((format) => renderExport(run, format, { locale: calendar.locale, runUrl: `/clients/${northwind.id}/`, timestamp: 0 }));
      return `${run.items.length} tasks, ${Math.round((html.length + exports.join('').length) / 1024)} KB`;
    }),
  ];
}

if (process.argv[1]?.endsWith('dates.ts')) {
  const repeats = Number(process.argv[2] ?? 20);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats must be a whole number ≥ 1, got "${process.argv[2]}"`);
  const ms = (value: number) => `${value} ms`;
  console.log(`| measurement (${repeats} runs) | median | slowest | result |\n| --- | --- | --- | --- |`);
  for (const figure of await measureDates(repeats)) console.log(`| ${figure.label} | ${ms(figure.medianMs)} | ${ms(figure.slowestMs)} | ${figure.result} |`);
}
