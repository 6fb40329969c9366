import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * The diagrams a check will very likely ask the mermaid worker about, found by a plain scan of the SOP
 * files, so the worker parses them in the time between loading mermaid and receiving the rule's list
 * (the main thread is still reading the content then: ≈ 0.4 s at 1,000 SOPs, the worker's last stretch
 * being the check's). A guess, never an answer on its own: the rule still finds the diagrams in the
 * parsed bodies and sends them all, and only a text found here character for character is answered
 * from what was parsed ahead. A fence this scan reads differently (indented in a list, closed by a
 * longer fence) is parsed when asked.
 */
export interface Prefetch {
  /** The SOP folder. */
  dir: string;
  /** The SOP file extensions (`.md`, `.mdx`). */
  extensions: readonly string[];
  /** This worker takes every `parts`-th diagram, from `part`. */
  part: number;
  parts: number;
}

/** A ```mermaid fence at the start of a line, closed by the same fence: its lines are the code block's value. */
const FENCE = /^(`{3,}|~{3,})[ \t]*mermaid[ \t]*\n([\s\S]*?)\n\1[ \t]*$/gm;

/** The texts of a file's ```mermaid fences, as the Markdown parser gives a fenced block's value. */
export function mermaidFences(text: string): string[] {
  return [...text.matchAll(FENCE)].map((match) => match[2]!);
}

/** Every distinct fenced diagram in the folder's files (regular files only: no symlink is followed). */
export function mermaidFencesIn(dir: string, extensions: readonly string[]): string[] {
  const texts = new Set<string>();
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!entry.isFile() || !extensions.includes(extname(entry.name))) continue;
    try {
      for (const text of mermaidFences(readFileSync(join(entry.parentPath, entry.name), 'utf8'))) texts.add(text);
    } catch {
      // Unreadable here: the loader reports it; nothing to guess from.
    }
  }
  return [...texts];
}
