import { parentPort, workerData } from 'node:worker_threads';
import { parseDiagram, type DiagramProblem } from './mermaid-parse.ts';
import { mermaidFencesIn, type Prefetch } from './mermaid-prefetch.ts';

/**
 * A request from mermaid.ts: the diagrams to parse, and a counter shared by every worker. Each takes the
 * next diagram from the counter until none is left, so no worker waits for the main thread (busy with
 * the other rules) between diagrams, and a worker that loaded mermaid late simply takes fewer.
 */
export interface ParseRequest {
  id: number;
  texts: string[];
  next: SharedArrayBuffer;
}
/** What this worker parsed: `[index in texts, problem or null]`. */
export interface ParseReply {
  id: number;
  problems: [number, DiagramProblem][];
}

/** Diagrams parsed before the rule asked (mermaid-prefetch.ts), by text. */
const ahead = new Map<string, DiagramProblem>();
let asked = false;
const prefetch = (workerData as { prefetch?: Prefetch } | null)?.prefetch;
/** Parsing ahead stops when the rule's list comes, after the diagram in hand (mermaid parses one at a time). */
const parsingAhead = prefetch
  ? (async () => {
      const texts = mermaidFencesIn(prefetch.dir, prefetch.extensions);
      for (let index = prefetch.part; index < texts.length && !asked; index += prefetch.parts) ahead.set(texts[index]!, await parseDiagram(texts[index]!));
    })().catch(() => {})
  : Promise.resolve();

parentPort?.on('message', async ({ id, texts, next }: ParseRequest) => {
  asked = true;
  await parsingAhead;
  const counter = new Int32Array(next);
  const problems: [number, DiagramProblem][] = [];
  for (let index = Atomics.add(counter, 0, 1); index < texts.length; index = Atomics.add(counter, 0, 1)) {
    const text = texts[index]!;
    problems.push([index, ahead.has(text) ? ahead.get(text)! : await parseDiagram(text)]);
  }
  parentPort!.postMessage({ id, problems } satisfies ParseReply);
});
