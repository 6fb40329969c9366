import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
    early.clear();
    if (!keepPool) stopPool();
    return [];
  }

  const known = await readCache(cacheFile);
  const unknown = blocks.filter((block) => !known.has(hash(block.text)));
  const problems = unknown.length > 0 ? await parseDiagrams(unknown.map((block) => block.text)) : [];
  early.clear();
  if (!keepPool) stopPool();
  const found: Diagnostic[] = [];
  for (const [index, block] of unknown.entries()) {
    const error = problems[index];
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

// Mermaid and happy-dom take about half a second to load and a few milliseconds per diagram to parse
// (mermaid merges its whole configuration for every node): they run in worker threads, one per core
// (two at most), started while the content is still being read when diagrams will probably need
// parsing (`warmMermaidParser`), else when the rule finds a diagram it does not know. Once started,
// the workers also parse the diagrams they are handed while the content loads (`prefetchDiagrams`),
// so a cold check does not read everything first and only then parse 300 diagrams. Diagrams wait in
// one queue and go out a few at a time to whichever worker is free.

/** Diagrams per request: small enough to share the work out, big enough that messages cost nothing. */
const BATCH = 8;

interface ParserWorker {
  worker: Worker;
  /** The diagrams of the request in flight; none when the worker is free. */
  busy: Job[] | undefined;
  failed: boolean;
}

interface Job {
  text: string;
  /** The diagram's problem (null: it parses), or undefined when no worker could parse it. */
  done: (problem: DiagramProblem | undefined) => void;
}

/** Set by `scripts/sendoff.mjs` when it bundles the program: the worker's file beside the bundle. */
declare const SENDOFF_MERMAID_WORKER: string | undefined;

let pool: ParserWorker[] | undefined;
const queue: Job[] = [];
/** Parses started while the content loaded, by diagram text; the rule takes those it finds, then forgets them. */
const early = new Map<string, Promise<DiagramProblem | undefined>>();
/** Stops warmed-up workers that no rule asked for (a library that did not load). */
let idleTimer: NodeJS.Timeout | undefined;
/** Whether the workers outlive a check (`keepMermaidParser`). */
let keepPool = false;

/**
 * Keeps the parser workers between checks, for a process that checks many projects one after another
 * (the unit tests): each check would otherwise load mermaid again, a second or more per check. They
 * stop after a minute unused, or with `stopMermaidParser`. The checks must follow one another, not
 * overlap: the early parses of one check are the next one's to take.
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
export function warmMermaidParser(cacheFile: string | undefined): void {
  if (!cacheFile || !existsSync(cacheFile)) startPool();
}

/** An opening ```mermaid (or ~~~mermaid) fence at the start of a line, its block, and its closing fence. */
const MERMAID_FENCE = /^(`{3,}|~{3,})mermaid[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*$/gm;

/**
 * Hands the diagrams of an SOP body just read to the warmed-up workers (nothing if none were
 * started: the cache knows the diagrams). The fences are found with a quick scan, not the MDX parser:
 * the rule later takes an early parse only for a diagram whose text is exactly the parser's, and
 * parses any other itself, so a fence the scan gets wrong costs a parse, never a wrong answer.
 */
export function prefetchDiagrams(body: string): void {
  if (!pool || !body.includes('mermaid')) return;
  for (const [, , text] of body.matchAll(MERMAID_FENCE)) {
    if (text !== undefined && !early.has(text)) early.set(text, enqueue(text));
  }
}

function startPool(): ParserWorker[] {
  if (pool) {
    idleTimer?.refresh(); // a minute unused, not a minute since they started
    return pool;
  }
  // Node strips the worker's types itself when it can (faster than a loader); otherwise the worker
  // inherits this process's loader (tsx).
  const native = Boolean((process.features as { typescript?: string | false }).typescript);
  const size = Math.max(1, Math.min(2, availableParallelism()));
  const started: ParserWorker[] = Array.from({ length: size }, () => {
    const worker = new Worker(new URL(typeof SENDOFF_MERMAID_WORKER === 'string' ? SENDOFF_MERMAID_WORKER : './mermaid-worker.ts', import.meta.url), native ? { execArgv: [] } : {});
    worker.unref();
    const entry: ParserWorker = { worker, busy: undefined, failed: false };
    const fail = () => {
      if (entry.failed) return;
      entry.failed = true;
      answer(entry, null);
      // The others take the queue; with none left, every waiting diagram is parsed in this thread.
      if (started.every((other) => other.failed)) for (const job of queue.splice(0)) job.done(undefined);
    };
    worker.on('message', ({ problems }: ParseReply) => answer(entry, problems));
    worker.on('error', fail);
    worker.on('exit', fail);
    return entry;
  });
  pool = started;
  idleTimer = setTimeout(stopPool, 60_000).unref();
  return pool;
}

function stopPool(): void {
  clearTimeout(idleTimer);
  const stopping = pool ?? [];
  pool = undefined;
  for (const entry of stopping) {
    entry.failed = true;
    answer(entry, null);
    void entry.worker.terminate();
  }
  for (const job of queue.splice(0)) job.done(undefined);
  early.clear();
}

/** Settles the worker's request in flight (null: it failed) and gives it the next diagrams. */
function answer(entry: ParserWorker, problems: DiagramProblem[] | null): void {
  const jobs = entry.busy ?? [];
  entry.busy = undefined;
  for (const [index, job] of jobs.entries()) job.done(problems ? problems[index] : undefined);
  dispatch(entry);
}

let nextId = 0;

/** Sends a free, working worker the next diagrams waiting, if any. A worker at work keeps the process alive. */
function dispatch(entry: ParserWorker): void {
  if (entry.failed || entry.busy) return;
  if (queue.length === 0) {
    entry.worker.unref();
    return;
  }
  entry.busy = queue.splice(0, BATCH);
  entry.worker.ref();
  entry.worker.postMessage({ id: nextId++, texts: entry.busy.map((job) => job.text) } satisfies ParseRequest);
}

/** Queues one diagram for the workers; undefined when none could parse it. */
function enqueue(text: string): Promise<DiagramProblem | undefined> {
  const workers = startPool();
  if (workers.every((entry) => entry.failed)) return Promise.resolve(undefined);
  return new Promise((done) => {
    queue.push({ text, done });
    for (const entry of workers) dispatch(entry);
  });
}

/** Parses diagrams in the workers (in this thread what they cannot do); one answer per text, in order. */
async function parseDiagrams(texts: string[]): Promise<DiagramProblem[]> {
  const answers = await Promise.all(texts.map((text) => early.get(text) ?? enqueue(text)));
  const problems: DiagramProblem[] = [];
  for (const [index, text] of texts.entries()) {
    let problem = answers[index];
    if (problem === undefined) {
      const { parseDiagram } = await import('./mermaid-parse');
      problem = await parseDiagram(text);
    }
    problems.push(problem);
  }
  return problems;
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
