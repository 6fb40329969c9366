import didYouMean, { ReturnTypeEnums, ThresholdTypeEnums } from 'didyoumean2';

/** Words shorter than this are never corrected (and never suggested): "to", "an", "CRM" stay as typed. */
const MIN_LENGTH = 4;

/** The words of a text as search sees them: lower case, letters only (an invoice number adds nothing). */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []).filter((word) => word.length >= MIN_LENGTH);
}

/** How far a word may be from the one meant: one edit for words up to five letters, two for longer ones. */
const maxEdits = (word: string) => (word.length <= 5 ? 1 : 2);

/** The known word that is `word` with two neighbouring letters swapped ("gitf" → "gift"), the commonest typo. */
function transposed(word: string, known: ReadonlySet<string>): string | null {
  for (let i = 0; i < word.length - 1; i += 1) {
    if (word[i] === word[i + 1]) continue;
    const candidate = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/**
 * "Did you mean": the query with each word the index does not have replaced by the nearest word it has
 * (two neighbouring letters swapped; else fewest edits, then the commonest: `words` comes commonest
 * first), or null when every word is known
 * or nothing is near enough. The last word may be the start of a known word (the reader is still
 * typing "invo"). Words with digits or under four letters are kept as typed.
 */
export function suggestQuery(query: string, words: readonly string[], known: ReadonlySet<string> = new Set(words)): string | null {
  const parts = query.trim().split(/\s+/).filter(Boolean);
  let changed = false;
  const corrected = parts.map((part, index) => {
    const word = part.toLowerCase();
    if (!/^\p{L}+$/u.test(word) || word.length < MIN_LENGTH || known.has(word)) return part;
    if (index === parts.length - 1 && words.some((candidate) => candidate.startsWith(word))) return part;
    const swapped = transposed(word, known);
    if (swapped) {
      changed = true;
      return swapped;
    }
    const match = didYouMean(word, words as string[], {
      thresholdType: ThresholdTypeEnums.EDIT_DISTANCE,
      threshold: maxEdits(word),
      returnType: ReturnTypeEnums.FIRST_CLOSEST_MATCH,
    });
    if (typeof match !== 'string') return part;
    changed = true;
    return match;
  });
  return changed ? corrected.join(' ') : null;
}
