import { parentPort } from 'node:worker_threads';
import { parseDiagram, type DiagramProblem } from './mermaid-parse.ts';

/** A request from mermaid.ts: diagrams to parse, answered in the same order under the same id. */
export interface ParseRequest {
  id: number;
  texts: string[];
}
export interface ParseReply {
  id: number;
  problems: DiagramProblem[];
}

parentPort?.on('message', async ({ id, texts }: ParseRequest) => {
  const problems: DiagramProblem[] = [];
  for (const text of texts) problems.push(await parseDiagram(text));
  parentPort!.postMessage({ id, problems } satisfies ParseReply);
});
