import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContent } from '../../src/lib/content/load';
import { createLibrary, type ClientEntry, type Library } from '../../src/lib/content/library';
import { clientProblems } from '../../src/lib/check/client-problems';
import { validateProject } from '../../src/lib/check/validate';
import { clientFromState, stateFromClient } from '../../src/lib/run/generator-form';
import { fixtureProject } from '../fixture-project';

/**
 * `check` and `/generate/` judge a client through one function, `clientProblems`: the same problems,
 * with the same words and severities, positioned at the YAML field by check and at the form field by
 * the generator.
 */

const TODAY = '2026-11-25';
let dir: string;
let library: Library;
beforeAll(async () => {
  dir = await fixtureProject('runs');
  const { input } = await loadContent(dir);
  library = createLibrary(input!);
});

/** The `runs` fixture's acme, changed: the record a client file would hold. */
function acme(patch: (client: ClientEntry) => void): ClientEntry {
  const client = structuredClone(library.clientById.get('acme')!);
  patch(client);
  return client;
}

const CASES: [string, (client: ClientEntry) => void][] = [
  ['an end that is not after the start', (client) => (client.contract.start = '2027-02-01')],
  ['notice given after the end', (client) => (client.contract.notice = '2027-02-03')],
  ['an end on a Sunday', (client) => (client.contract.end = '2027-01-31')],
  ['an end on a company holiday', (client) => ((client.contract.end = '2027-01-01'), delete client.contract.notice)],
  ['a role nobody fills', (client) => delete client.team.finance],
];

describe('clientProblems', () => {
  it('finds nothing wrong with a runnable client', () => {
    expect(clientProblems(library, library.clientById.get('acme')!)).toEqual([]);
  });

  it('returns each problem as data: rule, severity, the field path, message and hint', () => {
    const found = clientProblems(library, acme((client) => {
      client.contract.end = '2027-01-31';
      client.contract.notice = '2027-02-03';
      delete client.team.finance;
    }));
    expect(found.map(({ rule, severity, path }) => [rule, severity, path.join('.')])).toEqual([
      ['client', 'error', 'contract.notice'],
      ['end-day-off', 'warning', 'contract.end'],
      ['unstaffed-role', 'warning', 'team.finance'],
    ]);
    expect(found.map((problem) => `${problem.message} — ${problem.hint}`)).toMatchInlineSnapshot(`
      [
        "contract.notice (2027-02-03) is after contract.end (2027-01-31) — notice is the day the ending was announced, before the end date",
        "contract.end (2027-01-31) is a Sunday, not a working day — if the last working day is another day, write that; tasks due on the end date move to 2027-01-29 (\`dueOnDayOff: earlier\` in content/company.yaml)",
        "team: nobody is assigned the role "finance", which the playbook "standard" needs — add \`finance: ben\` under team",
      ]
    `);
  });
});

describe('the generator shows what check reports', () => {
  it.each(CASES)('%s', async (_name, patch) => {
    const record = acme(patch);
    const { id, ...fields } = record;
    const file = `content/clients/${id}-case.yaml`;
    await writeFile(join(dir, file), stringify({ ...fields, contract: { ...fields.contract } }));
    const checked = (await validateProject(dir, { today: TODAY, cache: false })).diagnostics.filter((d) => d.file === file);
    expect(checked.length).toBeGreaterThan(0);

    const { problems, warnings } = clientFromState(stateFromClient(record, library), library);
    const shown = [...problems.map((problem) => ['error', problem.message]), ...warnings.map((warning) => ['warning', warning.message])];
    expect(shown.sort()).toEqual(checked.map((d) => [d.severity, d.message]).sort());
  });

  it('marks the form field each problem is about', () => {
    const { client, problems, warnings } = clientFromState(stateFromClient(acme((client) => {
      client.contract.notice = '2027-02-03';
      client.contract.end = '2027-01-31';
      delete client.team.finance;
    }), library), library);
    expect(client).toBeNull(); // an error stops the run, as it stops the build
    expect(problems.map((problem) => problem.field)).toEqual(['notice']);
    expect(warnings.map((warning) => warning.field)).toEqual(['end', 'team.finance']);
  });

  it('builds the run despite a warning, as the build does', () => {
    const { client, warnings } = clientFromState(stateFromClient(acme((client) => delete client.team.finance), library), library);
    expect(client).not.toBeNull();
    expect(warnings.map((warning) => warning.field)).toEqual(['team.finance']);
  });
});
