import { parentPort, workerData } from 'node:worker_threads';
import { renderSopBody } from '../lib/content/render-body';
import type { BodyJob, BodyReply } from './body-pool';

/**
 * The second core's half of rendering SOP bodies during a content sync (see body-pool.ts): takes the
 * next body from the counter it shares with the loader's thread until none is left, and sends each
 * body's HTML back. A body it cannot render it leaves unsent: the loader's thread renders it again and
 * reports the error as it would have without a worker.
 */
if (parentPort) {
  const port = parentPort;
  const { jobs, next } = workerData as { jobs: BodyJob[]; next: Int32Array };
  for (let index = Atomics.add(next, 0, 1); index < jobs.length; index = Atomics.add(next, 0, 1)) {
    const job = jobs[index]!;
    try {
      port.postMessage({ type: 'rendered', index, rendered: await renderSopBody(job.body, job.file, job.line) } satisfies BodyReply);
    } catch {
      // Left to the loader's thread, which meets the same error and reports it.
    }
  }
  port.postMessage({ type: 'finished' } satisfies BodyReply);
}
