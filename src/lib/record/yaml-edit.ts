import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DoneEntry } from '../../schemas';

/**
 * Writes one entry of a client file's `done:` record (or removes it) and leaves every other byte of the
 * file as it was: comments, blank lines, key order, quoting and the spacing before a `#`. The `yaml`
 * package's Document API finds where things are (each node keeps its source range) and renders the
 * new entry; the text is then changed only at those ranges. Re-stringifying the whole document would
 * also keep the comments, but it reflows the rest of the file (aligned comments, long lines), and a
 * one-line record should be a one-line diff in review.
 *
 * The result is parsed again and must hold exactly the old data with this one change; if it does not
 * (a file shaped in a way the splice does not foresee), the edit falls back to the Document API's own
 * `toString()`, which is correct but may reformat.
 *
 * Pure: text in, text out. `npm run done`, the dev server's tick endpoint and the tests all call it.
 * An entry already recorded is replaced in place (in the style it was written: `{ … }` on one line or
 * a block); a new one goes after the last entry; a file with no `done:` gets one at its end. Removing
 * the last entry removes the `done:` key. Removing an entry that is not there returns the text as is.
 */
export function setDoneEntry(text: string, globalId: string, entry: DoneEntry | null): string {
  const document = parseYaml(text);
  const root = document.contents;
  if (!isMap(root)) throw new RecordEditError('the file is not a YAML mapping (`name:`, `playbook:`, …), so it has no place for `done:`');
  const before = document.toJS() as Record<string, unknown>;
  const expected = withEntry(before, globalId, entry);
  if (isDeepStrictEqual(before, expected)) return text;

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edited = spliceEntry(text, root, globalId, entry, eol);
  if (edited !== null && holds(edited, expected)) return edited;
  return rewriteDocument(document, globalId, entry);
}

/** Whether a text parses to exactly this data. */
function holds(text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(parseYaml(text).toJS(), expected);
  } catch {
    return false;
  }
}

/** A file `setDoneEntry` cannot edit: it does not parse as YAML, or is not a mapping. */
export class RecordEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordEditError';
  }
}

/** The options of the one content parser (`content/yaml-positions.ts`), so the edit reads the file as `check` does. */
function parseYaml(text: string): Document.Parsed {
  const document = parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: false });
  const error = document.errors[0];
  if (error) throw new RecordEditError(`the file does not parse as YAML: ${error.message.split('\n')[0]}`);
  return document;
}

/** The record's value as plain data, without unset optional fields (they would print as `null`). */
function entryValue(entry: DoneEntry): Record<string, unknown> {
  const { on, by, note, answer } = entry;
  return { on, by, ...(note === undefined ? {} : { note }), ...(answer === undefined ? {} : { answer }) };
}

function withEntry(data: Record<string, unknown>, globalId: string, entry: DoneEntry | null): Record<string, unknown> {
  const done = { ...((data.done ?? {}) as Record<string, unknown>) };
  if (entry) done[globalId] = entryValue(entry);
  else delete done[globalId];
  const { done: _, ...rest } = data;
  return Object.keys(done).length > 0 ? { ...rest, done } : rest;
}

const RENDER = { lineWidth: 0, flowCollectionPadding: true } as const;

/** `key: { on: …, by: … }` (flow) or `key:\n  on: …` (block), each line after the first indented by `indent`. */
function renderPair(globalId: string, entry: DoneEntry, flow: boolean, indent: string, step: string, eol: string): string {
  const document = new Document({ [globalId]: entryValue(entry) });
  const pair = (document.contents as YAMLMap).items[0] as Pair<Node, YAMLMap>;
  pair.value!.flow = flow;
  // A sign-off stays on its line (`answer: { name: …, on: … }`) in a block entry too.
  for (const field of pair.value!.items) if (isMap(field.value)) field.value.flow = true;
  const lines = document.toString({ ...RENDER, indent: step.length }).replace(/\n$/, '').split('\n');
  return lines.map((line, index) => (index === 0 ? line : indent + line)).join(eol);
}

/** `done:` with its entries as a block, for a file that has none (or an empty or flow-style one). */
function renderDone(record: Record<string, DoneEntry>, step: string, eol: string): string {
  return ['done:', ...Object.entries(record).map(([id, entry]) => step + renderPair(id, entry, true, step, step, eol))].join(eol);
}

function spliceEntry(text: string, root: YAMLMap, globalId: string, entry: DoneEntry | null, eol: string): string | null {
  const step = indentStep(text);
  const donePair = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'done') as Pair<Node, Node | null> | undefined;
  if (!donePair) {
    if (!entry) return text;
    const body = text.length === 0 || text.endsWith('\n') ? text : text + eol;
    return `${body}${renderDone({ [globalId]: entry }, step, eol)}${eol}`;
  }
  const doneKey = donePair.key;
  const doneValue = donePair.value;
  const block = isMap(doneValue) && !doneValue.flow && doneValue.items.length > 0 ? doneValue : null;

  if (!block) {
    // `done:` (empty), `done: {}` or a flow mapping: write the whole record out as a block.
    const record = { ...((isMap(doneValue) ? doneValue.toJSON() : {}) as Record<string, DoneEntry>) };
    if (entry) record[globalId] = entry;
    else delete record[globalId];
    const start = doneKey.range![0];
    const end = doneValue?.range ? doneValue.range[1] : doneKey.range![1];
    if (Object.keys(record).length === 0) return removeLines(text, start, end);
    return text.slice(0, start) + renderDone(record, step, eol) + text.slice(lineEnd(text, end));
  }

  const pairs = block.items as Pair<Node, Node | null>[];
  const existing = pairs.find((pair) => isScalar(pair.key) && String(pair.key.value) === globalId);
  const indent = ' '.repeat(columnOf(text, pairs[0]!.key.range![0]));
  if (existing) {
    const start = existing.key.range![0];
    const end = existing.value?.range ? valueEnd(text, existing.value.range[1]) : existing.key.range![1];
    if (!entry) return pairs.length === 1 ? removeLines(text, doneKey.range![0], valueEnd(text, block.range![1])) : removeLines(text, start, end);
    const flow = !isMap(existing.value) || existing.value.flow === true;
    return text.slice(0, start) + renderPair(globalId, entry, flow, indent, step, eol) + text.slice(end);
  }
  if (!entry) return text;
  const last = pairs[pairs.length - 1]!;
  const at = lineEnd(text, valueEnd(text, last.value?.range?.[1] ?? last.key.range![1]));
  return `${text.slice(0, at)}${eol}${indent}${renderPair(globalId, entry, true, indent, step, eol)}${text.slice(at)}`;
}

/** The end of a value's text, before the line break and blank space a block value's range takes in. */
function valueEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}

/** The offset of the line break ending the line `offset` is on (or the text's end). */
function lineEnd(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  if (at === -1) return text.length;
  return text[at - 1] === '\r' ? at - 1 : at;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Removes the whole lines from the one `start` is on to the one `end` is on (a trailing comment goes with them). */
function removeLines(text: string, start: number, end: number): string {
  const from = lineStart(text, start);
  const close = text.indexOf('\n', valueEnd(text, end));
  return text.slice(0, from) + (close === -1 ? '' : text.slice(close + 1));
}

/** The file's indentation step: the first indented line's indent (2 when nothing is indented). */
function indentStep(text: string): string {
  const match = /^( +)[^\s#-]/m.exec(text);
  return match ? match[1]! : '  ';
}

/** The fallback: the same change through the Document API, re-stringified (comments kept, layout may change). */
function rewriteDocument(document: Document.Parsed, globalId: string, entry: DoneEntry | null): string {
  if (entry) {
    const node = document.createNode(entryValue(entry), { flow: true });
    if (!document.has('done') || !isMap(document.get('done'))) document.set('done', document.createNode({}));
    document.setIn(['done', globalId], node);
  } else {
    document.deleteIn(['done', globalId]);
    const done = document.get('done');
    if (isMap(done) && done.items.length === 0) document.delete('done');
  }
  return document.toString(RENDER);
}
