import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureBundle } from '../integrations/bundle.mjs';
import { renderSopBody, type RenderedBody } from '../lib/content/render-body';

/**
 * SOP bodies rendered on both cores when a sync has many to render (a cold build: every body; a
 * dev-server save renders one, on this thread). A worker thread and this thread take bodies from one
 * shared counter until none is left, so neither waits for the other, and the results come back in the
 * jobs' order. Profiled on the bench corpus (1,000 SOPs), rendering the bodies was about 6 s of a
 * cold build with the other core idle. The worker renders with the same function and plugins
 * (`render-body.ts`), so a body's HTML does not depend on which thread rendered it; if the worker
 * cannot start or fails, this thread renders whatever it left.
 */
export interface BodyJob {
  body: string;
  /** The SOP's file: `.mdx` is read as MDX. */
  file: string;
  /** The line the body starts on in its file. */
  line: number;
}

export type BodyReply = { type: 'rendered'; index: number; rendered: RenderedBody } | { type: 'finished' };

/** Below this many bodies, starting a worker (about half a second) costs more than it saves. */
const WORKER_FROM = 64;

const renderHere = (job: BodyJob) => renderSopBody(job.body, job.file, job.line);

export interface RenderedBodies {
  /** Each job's HTML and headings, in the jobs' order. */
  bodies: RenderedBody[];
  /** How many of them the worker rendered. */
  byWorker: number;
}

/**
 * `workerOnly` leaves every body to the worker (tests: the worker's HTML is this thread's); this thread
 * still renders whatever the worker does not send back.
 */
export async function renderBodies(jobs: readonly BodyJob[], { workerOnly = false } = {}): Promise<RenderedBodies> {
  const results: (RenderedBody | undefined)[] = new Array(jobs.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const useWorker = (workerOnly || jobs.length >= WORKER_FROM) && process.env.SENDOFF_BODY_WORKER !== 'off';
  const worker = useWorker ? await startWorker(jobs, next, results) : null;
  let here = 0;
  if (!(workerOnly && worker)) {
    for (let index = Atomics.add(next, 0, 1); index < jobs.length; index = Atomics.add(next, 0, 1), here++) results[index] = await renderHere(jobs[index]!);
  }
  if (worker) await worker.finished;
  // What the worker took and did not send back (it failed, or that body has an error to report).
  for (let index = 0; index < jobs.length; index++) {
    if (results[index]) continue;
    results[index] = await renderHere(jobs[index]!);
    here++;
  }
  return { bodies: results as RenderedBody[], byWorker: jobs.length - here };
}

/** Starts the worker: `finished` settles when it has finished or is gone. Null when it cannot start. */
async function startWorker(jobs: readonly BodyJob[], next: Int32Array, results: (RenderedBody | undefined)[]): Promise<{ finished: Promise<void> } | null> {
  let worker: Worker;
  try {
    const bundle = await ensureBundle('body-worker', { 'body-worker': 'src/loaders/body-worker.ts' });
    worker = new Worker(pathToFileURL(join(bundle, 'body-worker.js')), { workerData: { jobs, next } });
  } catch {
    return null;
  }
  const finished = new Promise<void>((resolve) => {
    const done = () => {
      resolve();
      void worker.terminate();
    };
    worker.on('message', (reply: BodyReply) => {
      if (reply.type === 'rendered') results[reply.index] = reply.rendered;
      else done();
    });
    worker.on('error', done);
    worker.on('exit', done);
  });
  // Wrapped: an async function's promise would wait for this one.
  return { finished };
}
