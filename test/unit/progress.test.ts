import { describe, expect, it } from 'vitest';
import { hashText, progressKey, progressStorageKey } from '../../src/lib/run/progress-keys';
import { parseTicks, summarizeProgress } from '../../src/lib/run/ticks';

const item = { globalId: 'confirm-end-date#send-confirmation', task: 'Send the end-date confirmation email', due: { anchor: 'notice', days: 2, unit: 'business' } } as const;

describe('tick keys', () => {
  it.each([
    ['', '811c9dc5'],
    ['a', 'e40c292c'],
    ['foobar', 'bf9cf968'],
  ])('FNV-1a of %j is %s', (text, hash) => {
    expect(hashText(text)).toBe(hash);
  });

  it('stays the same for the same item, whatever the client dates', () => {
    expect(progressKey(item)).toBe(progressKey({ ...item }));
    expect(progressKey(item)).toMatch(/^confirm-end-date#send-confirmation@[0-9a-f]{8}$/);
  });

  it.each([
    ['the task is reworded', { ...item, task: 'Send the end-date confirmation email today' }],
    ['the due offset changes', { ...item, due: { ...item.due, days: 3 } }],
    ['the anchor changes', { ...item, due: { ...item.due, anchor: 'end' } }],
  ] as const)('changes when %s', (_name, changed) => {
    expect(progressKey(changed)).not.toBe(progressKey(item));
  });

  it('keeps client pages and generated runs apart', () => {
    expect(progressStorageKey('client', 'acme')).toBe('sendoff:progress:client:acme');
    expect(progressStorageKey('generated', 'acme')).toBe('sendoff:progress:generated:acme');
  });
});

describe('stored ticks', () => {
  it.each([
    [null, {}],
    ['', {}],
    ['not json', {}],
    ['[1,2]', {}],
    ['"text"', {}],
    ['{"a@1":"2026-11-25","b@2":true,"c@3":"yesterday"}', { 'a@1': '2026-11-25' }],
  ])('%j reads as %j', (stored, expected) => {
    expect(parseTicks(stored)).toEqual(expected);
  });

  it('counts done, required left and overdue', () => {
    const items = [
      { key: 'a', required: true, dueDate: '2026-11-20' },
      { key: 'b', required: true, dueDate: '2026-11-24' },
      { key: 'c', required: false, dueDate: '2026-11-24' },
      { key: 'd', required: true, dueDate: '2026-11-25' },
    ];
    expect(summarizeProgress(items, { a: '2026-11-21' }, '2026-11-25')).toEqual({ done: 1, total: 4, requiredLeft: 2, overdue: 2 });
  });
});
