import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { atBody, fileOf, sopBodies, type RuleContext } from './context';
import type { DiagramProblem } from './mermaid-parse';
import type { ParseReply, ParseRequest } from './mermaid-worker';
import type { Prefetch } from './mermaid-prefetch';
import { FOLDER_KINDS } from '../../content/kinds';

interface Block {
  file: string;
  /** Line of the opening fence inside the body. */
  fenceLine: number;
  text: string;
}

/** Where valid diagrams are remembered between runs, so an unchanged diagram is not parsed again. */
export const MERMAID_CACHE = 'node_modules/.cache/sendoff/mermaid.json';

/**
 * Every ```mermaid block must parse with mermaid's own parser (under a happy-dom window, as mermaid
 * needs a DOM even to parse). The error's line is the line in the MDX file, not in the diagram.
 */
export async function mermaidRules(ctx: RuleContext, cacheFile?: string): Promise<Diagnostic[]> {
  const blocks: Block[] = [];
  for (const body of sopBodies(ctx)) {
    if (!('tree' in body)) continue;
    const { file, tree } = body;
    visit(tree, 'code', (node: Code) => {
      if (node.lang === 'mermaid') blocks.push({ file, fenceLine: node.position?.start.line ?? 1, text: node.value });
    });
  }
  if (blocks.length === 0) {
    if (!keepPool) stopPool();
    return [];
  }

  // Read at once (a small file), so the diagrams go to the workers before the other rules take this thread.
  const known = readCache(cacheFile);
  const unknown = blocks.filter((block) => !known.has(hash(block.text)));
  // The same diagram in several SOPs (a shared review loop, say) is parsed once.
  const texts = [...new Set(unknown.map((block) => block.text))];
  const parsed = texts.length > 0 ? await parseDiagrams(texts) : [];
  const problemOf = new Map(texts.map((text, index) => [text, parsed[index] ?? null]));
  if (!keepPool) stopPool();
  const found: Diagnostic[] = [];
  for (const block of unknown) {
    const error = problemOf.get(block.text);
    if (!error) {
      known.add(hash(block.text));
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

// Mermaid and happy-dom take about a second to load and a few milliseconds per diagram to parse (mermaid
// copies its whole configuration for every node): they run in worker threads, one per core the main
// thread leaves (two at most). When diagrams will probably need parsing, the workers start as the
// content is read (`warmMermaidParser`) and parse what they find in the SOP files meanwhile
// (mermaid-prefetch.ts); else they start when the rule finds a diagram it does not know. Every worker
// gets the rule's whole list and takes diagrams from one shared counter (mermaid-worker.ts), so a worker
// that starts later still takes its share and none waits for this thread between diagrams.

interface ParserWorker {
  worker: Worker;
  /** The answer awaited for the request in flight (null: the worker failed, parse here instead). */
  answer?: ((problems: ParseReply['problems'] | null) => void) | undefined;
  failed: boolean;
}

/** Set by `scripts/sendoff.mjs` when it bundles the program: the worker's file beside the bundle. */
declare const SENDOFF_MERMAID_WORKER: string | undefined;

let pool: ParserWorker[] | undefined;
/** Stops warmed-up workers that no rule asked for (a library that did not load). */
let idleTimer: NodeJS.Timeout | undefined;
/** Whether the workers outlive a check (`keepMermaidParser`). */
let keepPool = false;

/**
 * Keeps the parser workers between checks, for a process that checks many projects one after another
 * (the unit tests): each check would otherwise load mermaid again, a second or more per check. They
 * stop after a minute unused, or with `stopMermaidParser`. The checks must follow one another, not
 * overlap: a worker answers one request at a time.
 */
export function keepMermaidParser(): void {
  keepPool = true;
}

/** Stops the parser workers now (a process that kept them, when it is done checking). */
export function stopMermaidParser(): void {
  stopPool();
}

/**
 * Starts loading mermaid in workers now, when the diagrams will need parsing: no cache, or no cache
 * file yet. With a cache, the rule starts them only if a diagram is new.
 */
export function warmMermaidParser(cacheFile: string | undefined, sopsDir?: string): void {
  if (!cacheFile || !existsSync(cacheFile)) startPool(sopsDir);
}

/** `sopsDir`: the workers parse the diagrams they find there while the content is read (mermaid-prefetch.ts). */
function startPool(sopsDir?: string): ParserWorker[] {
  if (pool) {
    idleTimer?.refresh(); // a minute unused, not a minute since they started
    return pool;
  }
  // Node strips the worker's types itself when it can (faster than a loader); otherwise the worker
  // inherits this process's loader (tsx).
  const native = Boolean((process.features as { typescript?: string | false }).typescript);
  // One core stays with this thread, which reads the content and runs the other rules meanwhile: on two
  // cores, one worker checked the bench corpus in 3.0 s and two in 3.4 s (each loads mermaid, 0.6 s).
  const size = Math.max(1, Math.min(2, availableParallelism() - 1));
  pool = Array.from({ length: size }, (_, part) => {
    const prefetch: Prefetch | undefined = sopsDir === undefined ? undefined : { dir: sopsDir, extensions: FOLDER_KINDS.sops.extensions, part, parts: size };
    const worker = new Worker(new URL(typeof SENDOFF_MERMAID_WORKER === 'string' ? SENDOFF_MERMAID_WORKER : './mermaid-worker.ts', import.meta.url), {
      ...(native ? { execArgv: [] } : {}),
      workerData: { prefetch },
    });
    worker.unref();
    const entry: ParserWorker = { worker, failed: false };
    const fail = () => {
      entry.failed = true;
      entry.answer?.(null);
      entry.answer = undefined;
    };
    worker.on('message', ({ problems }: ParseReply) => {
      entry.answer?.(problems);
      entry.answer = undefined;
    });
    worker.on('error', fail);
    worker.on('exit', fail);
    return entry;
  });
  idleTimer = setTimeout(stopPool, 60_000).unref();
  return pool;
}

function stopPool(): void {
  clearTimeout(idleTimer);
  for (const entry of pool ?? []) {
    entry.failed = true;
    void entry.worker.terminate();
  }
  pool = undefined;
}

function ask(entry: ParserWorker, texts: string[], next: SharedArrayBuffer): Promise<ParseReply['problems'] | null> {
  if (entry.failed) return Promise.resolve(null);
  return new Promise((resolve) => {
    entry.answer = resolve;
    entry.worker.postMessage({ id: nextId++, texts, next } satisfies ParseRequest);
  });
}

let nextId = 0;

/** Parses diagrams in the workers (in this thread what they cannot do); one answer per text, in order. */
async function parseDiagrams(texts: string[]): Promise<DiagramProblem[]> {
  const problems: DiagramProblem[] = [];
  const answered: boolean[] = [];
  const next = new SharedArrayBuffer(4);
  await Promise.all(
    startPool().map(async (entry) => {
      entry.worker.ref();
      // A worker that fails loses what it took: those diagrams are parsed here, below.
      for (const [index, problem] of (await ask(entry, texts, next)) ?? []) {
        problems[index] = problem;
        answered[index] = true;
      }
      entry.worker.unref();
    }),
  );
  if (answered.filter(Boolean).length < texts.length) {
    const { parseDiagram } = await import('./mermaid-parse');
    for (const [index, text] of texts.entries()) if (!answered[index]) problems[index] = await parseDiagram(text);
  }
  return problems;
}

const hash = (text: string) => createHash('sha1').update(text).digest('hex');

function readCache(file: string | undefined): Set<string> {
  if (!file) return new Set();
  try {
    return new Set(JSON.parse(readFileSync(file, 'utf8')) as string[]);
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
