import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RecordEditError, setDoneEntry } from '../../src/lib/record/yaml-edit';

/** A client file as people write them: comments, aligned comments, quoting, a long line, blank lines. */
const CLIENT = `# Northwind: ending after the reorganisation
name: Northwind Studio
playbook: standard-retainer   # the usual retainer
contract:
  start: 2024-03-01
  end: 2027-01-29

contacts:
  - name: Alex Moreno
    email: alex.moreno@northwind.example.com
    primary: true
team:
  account-lead: 'theo-okafor'
notes: Moving marketing in-house after a reorganisation; relationship is warm. Alex has offered a testimonial before.
`;

const SENT = { on: '2026-11-24', by: 'theo-okafor' };

describe('setDoneEntry: one record entry written into a client file', () => {
  it('adds a done: block at the end of a file that has none, and changes nothing else', () => {
    const edited = setDoneEntry(CLIENT, 'confirm-end-date#send-confirmation', SENT);
    expect(edited).toBe(`${CLIENT}done:\n  confirm-end-date#send-confirmation: { on: 2026-11-24, by: theo-okafor }\n`);
  });

  it('appends after the last entry, in the entries’ indentation, keeping their comments and order', () => {
    const text = `${CLIENT}done:
    # confirmed on the call with Alex
    confirm-end-date#send-confirmation: { on: 2026-11-24, by: theo-okafor }   # by email too
    access-revocation#list-accounts:
        on: 2026-11-25
        by: dev-patel
# the end
`;
    const edited = setDoneEntry(text, 'collect-final-payment#send-final-invoice', { on: '2026-11-26', by: 'ines-carvalho', note: 'Paid by transfer' });
    expect(edited).toBe(text.replace('        by: dev-patel\n', '        by: dev-patel\n    collect-final-payment#send-final-invoice: { on: 2026-11-26, by: ines-carvalho, note: Paid by transfer }\n'));
    expect(Object.keys(parse(edited).done)).toEqual(['confirm-end-date#send-confirmation', 'access-revocation#list-accounts', 'collect-final-payment#send-final-invoice']);
  });

  it('replaces an entry in place, in the style it was written, and keeps its trailing comment', () => {
    const text = `${CLIENT}done:
  a#one: { on: 2026-11-20, by: theo-okafor }  # first
  b#two:
    on: 2026-11-21
    by: dev-patel
  c#three: { on: 2026-11-22, by: dev-patel }
`;
    const flow = setDoneEntry(text, 'a#one', { on: '2026-11-23', by: 'mara-lindqvist' });
    expect(flow).toBe(text.replace('a#one: { on: 2026-11-20, by: theo-okafor }', 'a#one: { on: 2026-11-23, by: mara-lindqvist }'));
    const block = setDoneEntry(text, 'b#two', { on: '2026-11-21', by: 'dev-patel', note: 'Two accounts left' });
    expect(block).toBe(text.replace('    by: dev-patel\n', '    by: dev-patel\n    note: Two accounts left\n'));
  });

  it('undoes an entry (its lines only), and removes done: with the last one', () => {
    const text = `${CLIENT}done:
  a#one: { on: 2026-11-20, by: theo-okafor }  # first
  b#two:
    on: 2026-11-21
    by: dev-patel
`;
    const once = setDoneEntry(text, 'b#two', null);
    expect(once).toBe(`${CLIENT}done:\n  a#one: { on: 2026-11-20, by: theo-okafor }  # first\n`);
    expect(setDoneEntry(once, 'a#one', null)).toBe(CLIENT);
    expect(setDoneEntry(CLIENT, 'a#one', null)).toBe(CLIENT);
  });

  it('quotes what YAML would misread: a note with ": " or " #", a choice that looks like a number, a sign-off', () => {
    const edited = setDoneEntry(CLIENT, 'exit-interview#ask', {
      ...SENT,
      note: 'Called: she said # of seats fell, {budget}',
      answer: '10',
    });
    expect(parse(edited).done['exit-interview#ask']).toEqual({ ...SENT, note: 'Called: she said # of seats fell, {budget}', answer: '10' });
    const signed = setDoneEntry(edited, 'archive#certificate', { ...SENT, answer: { name: 'Ana Ruiz', title: 'Principal, Harbour', on: '2026-11-24' } });
    expect(signed.split('\n').at(-2)).toBe('  archive#certificate: { on: 2026-11-24, by: theo-okafor, answer: { name: Ana Ruiz, title: "Principal, Harbour", on: 2026-11-24 } }');
    expect(parse(signed).done['archive#certificate'].answer.title).toBe('Principal, Harbour');
  });

  it('turns an empty or flow-style done: into a block', () => {
    expect(setDoneEntry(`${CLIENT}done: {}\n`, 'a#one', SENT)).toBe(`${CLIENT}done:\n  a#one: { on: 2026-11-24, by: theo-okafor }\n`);
    expect(setDoneEntry(`${CLIENT}done:\n`, 'a#one', SENT)).toBe(`${CLIENT}done:\n  a#one: { on: 2026-11-24, by: theo-okafor }\n`);
    const flow = `${CLIENT}done: { a#one: { on: 2026-11-20, by: theo-okafor } }\nvars: {}\n`;
    expect(setDoneEntry(flow, 'b#two', SENT)).toBe(`${CLIENT}done:\n  a#one: { on: 2026-11-20, by: theo-okafor }\n  b#two: { on: 2026-11-24, by: theo-okafor }\nvars: {}\n`);
  });

  it('keeps Windows line endings and a file without a final line break', () => {
    const crlf = CLIENT.replaceAll('\n', '\r\n');
    expect(setDoneEntry(crlf, 'a#one', SENT)).toBe(`${crlf}done:\r\n  a#one: { on: 2026-11-24, by: theo-okafor }\r\n`);
    expect(setDoneEntry(CLIENT.trimEnd(), 'a#one', SENT)).toBe(`${CLIENT}done:\n  a#one: { on: 2026-11-24, by: theo-okafor }\n`);
  });

  it('falls back to the Document API when a splice would not hold (a document end marker), comments still kept', () => {
    expect(setDoneEntry('# top\nname: x # n\n...\n', 'a#one', SENT)).toBe('# top\nname: x # n\ndone:\n  a#one: { on: 2026-11-24, by: theo-okafor }\n...\n');
  });

  it('refuses a file that does not parse, or is not a mapping', () => {
    expect(() => setDoneEntry('name: [unclosed\n', 'a#one', SENT)).toThrow(RecordEditError);
    expect(() => setDoneEntry('name: a\nname: b\n', 'a#one', SENT)).toThrow(/does not parse as YAML/);
    expect(() => setDoneEntry('- a\n- b\n', 'a#one', SENT)).toThrow(/not a YAML mapping/);
  });
});
