/**
 * Prints every client's run in the `runs` fixture library (dates, owners, emails) and its three exports
 * as JSON, plus the same clients moved across DST changes and a year end. `timezones.test.ts` runs this
 * under several `TZ` values in separate processes, because a process's time zone is fixed when it starts.
 */
import { renderExport } from '../../../src/lib/exports';
import { clientRun, loadFixtureLibrary } from './fixture-library';

/** Contract ends around the US and EU DST changes of 2026 and across the 2026/27 year end. */
export const MOVED_ENDS = ['2026-03-09', '2026-03-30', '2026-10-26', '2026-11-02', '2027-01-01', '2027-01-04'];

export async function dumpRuns(): Promise<Record<string, unknown>> {
  const library = await loadFixtureLibrary();
  const out: Record<string, unknown> = {};
  for (const client of library.clients) {
    for (const end of [client.contract.end, ...MOVED_ENDS]) {
      const run = clientRun(library, client.id, (record) => {
        record.contract.end = end;
        if (end !== client.contract.end) delete record.contract.notice;
      });
      const options = { locale: library.company.locale, runUrl: `/clients/${client.id}/`, timestamp: 0 };
      out[`${client.id}@${end}`] = {
        notice: run.notice,
        items: run.items.map((item) => [item.globalId, item.dueDate, item.person?.id, item.email?.subject, item.email?.text]),
        md: renderExport(run, 'md', options),
        csv: renderExport(run, 'csv', options),
        ics: renderExport(run, 'ics', options),
      };
    }
  }
  return out;
}

if (process.argv[1]?.endsWith('dump-runs.ts')) {
  process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date('2026-07-01T12:00:00Z').getTimezoneOffset(), runs: await dumpRuns() }));
}
