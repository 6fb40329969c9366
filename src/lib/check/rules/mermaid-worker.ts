import { parentPort } from 'node:worker_threads';
import { parseDiagram, type DiagramProblem } from './mermaid-parse.ts';

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

parentPort?.on('message', async ({ id, texts, next }: ParseRequest) => {
  const counter = new Int32Array(next);
  const problems: [number, DiagramProblem][] = [];
  for (let index = Atomics.add(counter, 0, 1); index < texts.length; index = Atomics.add(counter, 0, 1)) problems.push([index, await parseDiagram(texts[index]!)]);
  parentPort!.postMessage({ id, problems } satisfies ParseReply);
});
