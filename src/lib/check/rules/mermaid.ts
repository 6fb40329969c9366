import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { returnWindow } from './dom-global';
import mermaid from 'mermaid';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { atBody, bodyTree, fileOf, type RuleContext } from './context';

interface Block {
  file: string;
  /** Line of the opening fence inside the body. */
  fenceLine: number;
  text: string;
}

returnWindow();

/** Where valid diagrams are remembered between runs, so an unchanged diagram is not parsed again. */
export const MERMAID_CACHE = 'node_modules/.cache/sendoff/mermaid.json';

/**
 * Every ```mermaid block must parse with mermaid's own parser (under a happy-dom window, as mermaid
 * needs a DOM even to parse). The error's line is the line in the MDX file, not in the diagram.
 */
export async function mermaidRules(ctx: RuleContext, cacheFile?: string): Promise<Diagnostic[]> {
  const blocks: Block[] = [];
  for (const sop of ctx.library.sops) {
    const file = fileOf(ctx, 'sops', sop.id);
    const tree = await bodyTree(ctx, file);
    if (!tree) continue;
    visit(tree, 'code', (node: Code) => {
      if (node.lang === 'mermaid') blocks.push({ file, fenceLine: node.position?.start.line ?? 1, text: node.value });
    });
  }
  if (blocks.length === 0) return [];

  const known = await readCache(cacheFile);
  const found: Diagnostic[] = [];
  for (const block of blocks) {
    const key = hash(block.text);
    if (known.has(key)) continue;
    const parse = await mermaidParser();
    const error = await parse(block.text);
    if (!error) {
      known.add(key);
      continue;
    }
    found.push(
      atBody(ctx, block.file, block.fenceLine + error.line, 1, {
        ...reportAs('mermaid'),
        message: `the diagram does not parse: ${error.message}`,
        hint: 'check the line against https://mermaid.js.org/syntax/flowchart.html; quote labels that contain brackets, quotes or #',
      }),
    );
  }
  await writeCache(cacheFile, known);
  return found;
}

type Parse = (text: string) => Promise<{ line: number; message: string } | null>;

let parser: Promise<Parse> | undefined;

/** Sets mermaid up once per process. (Imports are static: the engine also runs inside Astro's config.) */
function mermaidParser(): Promise<Parse> {
  parser ??= (async () => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    let primed = false;
    return async (text: string) => {
      try {
        // The first parse registers the diagram types; after that the lighter call is enough.
        if (primed) await mermaid.mermaidAPI.getDiagramFromText(text);
        else await mermaid.parse(text);
        primed = true;
        return null;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const loc = (error as { hash?: { loc?: { first_line?: number; last_line?: number } } }).hash?.loc;
        const line = Number(/Parse error on line (\d+)/.exec(message)?.[1] ?? loc?.last_line ?? 1);
        const detail = message.split('\n').filter((part) => part && !/^[-.^ ]*$/.test(part) && !/^Parse error on line/.test(part)).at(-1) ?? message;
        return { line, message: /No diagram type detected/.test(message) ? `unknown diagram type "${text.trim().split(/\s/)[0]}"` : shorten(detail.replace(/^\.+/, '').trim()) };
      }
    };
  })();
  return parser;
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex');

async function readCache(file: string | undefined): Promise<Set<string>> {
  if (!file) return new Set();
  try {
    return new Set(JSON.parse(await readFile(file, 'utf8')) as string[]);
  } catch {
    return new Set();
  }
}

async function writeCache(file: string | undefined, known: Set<string>): Promise<void> {
  if (!file) return;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify([...known]));
  } catch {
    // A cache that cannot be written only costs time on the next run.
  }
}

/** Jison lists every token it could have accepted; the first few and what it found are enough. */
function shorten(message: string): string {
  const match = /^Expecting (.+), got '([^']+)'$/.exec(message);
  if (!match) return message;
  const expected = match[1]!.split(', ').map((token) => token.replace(/'/g, ''));
  return `unexpected ${match[2]} (expected ${expected.slice(0, 4).join(', ')}${expected.length > 4 ? ', …' : ''})`;
}
