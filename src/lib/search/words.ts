import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { wordsOf } from './suggest';

export { WORDS_FILE } from './words-file';

/** Pagefind writes each page's fragment as gzip of this signature followed by JSON. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/**
 * The words of every indexed page, commonest first (ties alphabetically), from the fragments Pagefind
 * wrote to `<bundle>/fragment/`: exactly the text it indexed, so an ignored table row or a client page
 * adds nothing. Throws with the fragment's name when one cannot be read.
 */
export async function indexWords(bundleDir: string): Promise<string[]> {
  const dir = join(bundleDir, 'fragment');
  const counts = new Map<string, number>();
  for (const name of (await readdir(dir)).filter((file) => file.endsWith('.pf_fragment')).sort()) {
    let content: string;
    try {
      const text = gunzipSync(await readFile(join(dir, name))).toString('utf8');
      const json = text.startsWith(FRAGMENT_SIGNATURE) ? text.slice(FRAGMENT_SIGNATURE.length) : text;
      content = (JSON.parse(json) as { content?: unknown }).content as string;
      if (typeof content !== 'string') throw new Error('it has no content');
    } catch (error) {
      throw new Error(`Pagefind fragment ${join(dir, name)} could not be read for the search word list: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const word of wordsOf(content)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([word]) => word);
}
