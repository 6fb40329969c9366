import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { doneSnippet, type TickToRecord } from '../../src/lib/record/snippet';
import { setDoneEntry } from '../../src/lib/record/yaml-edit';

/** "Record N ticks" on the static site: the YAML to paste must be what `npm run done` would write. */

const CLIENT = `# Northwind leaves in January.
name: Northwind
playbook: standard
contract: { start: 2025-02-01, end: 2027-01-29 }
team: { account-lead: theo-okafor }
`;
const RECORDED = `${CLIENT}done:
  confirm-end-date#send-confirmation: { on: 2026-11-24, by: theo-okafor } # by phone
`;
const TICKS: TickToRecord[] = [
  { globalId: 'collect-final-payment#send-final-invoice', by: 'ines-carvalho', on: '2026-11-30' },
  { globalId: 'offboarding/data#delete-backups', by: 'theo-okafor', on: '2026-12-01' },
];

/** The file after recording the ticks one by one with the YAML edit that `npm run done` and the dev server use. */
const recordEach = (text: string, ticks: readonly TickToRecord[]) => ticks.reduce((file, tick) => setDoneEntry(file, tick.globalId, { on: tick.on, by: tick.by }), text);

describe('the YAML to paste for ticks kept in a browser', () => {
  it('is the done: record yaml-edit writes into a client file that has none', () => {
    const snippet = doneSnippet(TICKS, { hasDone: false });
    expect(snippet).toBe(
      'done:\n  collect-final-payment#send-final-invoice: { on: 2026-11-30, by: ines-carvalho }\n  offboarding/data#delete-backups: { on: 2026-12-01, by: theo-okafor }\n',
    );
    expect(CLIENT + snippet).toBe(recordEach(CLIENT, TICKS));
  });

  it('is only the entries, indented as yaml-edit indents them, under an existing done:', () => {
    const snippet = doneSnippet(TICKS, { hasDone: true });
    expect(snippet.startsWith('  collect-final-payment#send-final-invoice: {')).toBe(true);
    expect(RECORDED + snippet).toBe(recordEach(RECORDED, TICKS));
    const fourSpaces = RECORDED.replace('  confirm', '    confirm');
    expect(fourSpaces + doneSnippet(TICKS, { hasDone: true, indent: '    ' })).toBe(recordEach(fourSpaces, TICKS));
  });

  it('quotes what is not an id or a date, so a hand-edited browser store cannot break the file', () => {
    const snippet = doneSnippet([{ globalId: 'a#b', by: 'x: y # z', on: '2026-11-30' }], { hasDone: false });
    expect(parse(snippet)).toEqual({ done: { 'a#b': { on: '2026-11-30', by: 'x: y # z' } } });
  });

  it('is empty without ticks', () => {
    expect(doneSnippet([], { hasDone: false })).toBe('');
  });
});
