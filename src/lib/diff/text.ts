import { diffArrays, diffWords } from 'diff';
import type { TextChange } from './types';

const SAMPLE_WORDS = 8;

const words = (text: string) => text.match(/\S+/g) ?? [];

/** The first `SAMPLE_WORDS` words of a run, with an ellipsis when there were more. */
function sample(text: string): string | undefined {
  const list = words(text);
  if (list.length === 0) return undefined;
  return list.length > SAMPLE_WORDS ? `${list.slice(0, SAMPLE_WORDS).join(' ')}…` : list.join(' ');
}

/**
 * A word-level summary of how a text changed ("+12 words, −3 words" and the first run of each), with
 * jsdiff's word diff. Null when the words are the same (a re-wrapped paragraph is no change to a reader).
 */
export function summarizeText(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let wordsAdded = 0;
  let wordsRemoved = 0;
  // The first run of added and of removed words; a run goes on across unchanged whitespace.
  const runs = { added: '', removed: '' };
  const open = { added: true, removed: true };
  for (const part of diffWords(before, after)) {
    const side = part.added ? 'added' : part.removed ? 'removed' : null;
    if (side) {
      if (side === 'added') wordsAdded += words(part.value).length;
      else wordsRemoved += words(part.value).length;
      if (open[side]) runs[side] += part.value;
    } else if (part.value.trim()) {
      for (const key of ['added', 'removed'] as const) if (runs[key]) open[key] = false;
    } else {
      for (const key of ['added', 'removed'] as const) if (runs[key] && open[key]) runs[key] += part.value;
    }
  }
  const addedSample = sample(runs.added);
  const removedSample = sample(runs.removed);
  if (wordsAdded === 0 && wordsRemoved === 0) return null;
  return { wordsAdded, wordsRemoved, ...(addedSample ? { addedSample } : {}), ...(removedSample ? { removedSample } : {}) };
}

/**
 * Entries of `after` whose place relative to the others changed: the ones outside the longest common
 * subsequence of the two orders (jsdiff's array diff), so moving one SOP reports one move, not ten.
 */
export function movedEntries(before: readonly string[], after: readonly string[]): string[] {
  const common = new Set(after.filter((id) => before.includes(id)));
  const a = before.filter((id) => common.has(id));
  const b = after.filter((id) => common.has(id));
  return diffArrays(a, b)
    .filter((part) => part.added)
    .flatMap((part) => part.value);
}
