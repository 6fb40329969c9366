import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ensureBundle } from '../integrations/bundle.mjs';
import type { RenderedBody } from '../lib/content/render-body';
import { FOLDER_KINDS } from '../lib/content/kinds';
import type { LoadResult } from '../lib/content/load';
import { processSlot } from '../lib/process-slot';

/**
 * SOP bodies rendered on both cores when a sync has many to render (a cold build: every body; a
 * dev-server save renders one, on the loader's thread). A worker thread and the loader's thread take
 * bodies from one shared counter until none is left, so neither waits for the other, and the results
 * come back in the jobs' order (`render-bodies.ts`). A build starts the worker already in its
 * pre-flight, as soon as the content is parsed, and the worker renders while the check's rules run
 * (`renderBodiesEarly`). Profiled on the bench corpus (1,000 SOPs), rendering the bodies was about 6 s
 * of a cold build with the other core idle. The worker renders with the same function and plugins
 * (`render-body.ts`), so a body's HTML does not depend on which thread rendered it; if the worker
 * cannot start or fails, the loader's thread renders whatever it left.
 */
export interface BodyJob {
  body: string;
  /** The SOP's file: `.mdx` is read as MDX. */
  file: string;
  /** The line the body starts on in its file. */
  line: number;
}

/** The body of the SOP `id` as a job, when it has one: one rule for the loader and the pre-flight, whose lists must match. */
export function sopBodyJob(result: Pick<LoadResult, 'files' | 'sources'>, id: string): BodyJob | undefined {
  const file = result.files.get(`${FOLDER_KINDS.sops.folder}/${id}`);
  const record = file === undefined ? undefined : result.sources.get(file);
  return record?.body === undefined ? undefined : { body: record.body, file: file!, line: record.bodyLine ?? 1 };
}

export type BodyReply = { type: 'rendered'; index: number; rendered: RenderedBody } | { type: 'finished' };

/** Below this many bodies, starting a worker (about half a second) costs more than it saves. */
export const WORKER_FROM = 64;

/** A worker rendering a list of bodies, which this thread may join by taking from the same counter. */
export interface BodyPool {
  jobs: readonly BodyJob[];
  next: Int32Array;
  results: (RenderedBody | undefined)[];
  /** Settles when the worker has finished or is gone; null when it could not start. */
  worker: { finished: Promise<void>; stop(): void; keepProcess(keep: boolean): void } | null;
}

/** The pool the pre-flight started, for the loader to join (separate module graphs: see process-slot.ts). */
const early = processSlot<Promise<BodyPool>>('early-bodies');

/**
 * Starts rendering `jobs` on a worker before the loader asks for them: the build's pre-flight calls
 * this once it has parsed the content, and the worker renders while the check's rules run on this
 * thread (the other core was idle then). The loader's `renderBodies` joins it when it asks for the
 * same bodies (a cold build: all of them), or stops it (a warm build renders few or none).
 */
export function renderBodiesEarly(jobs: readonly BodyJob[]): void {
  if (jobs.length < WORKER_FROM || process.env.SENDOFF_BODY_WORKER === 'off') return;
  // It does not keep the process alive: a build whose check fails ends without waiting for it.
  const pool = startPool(jobs).then((started) => (started.worker?.keepProcess(false), started));
  early.set(pool);
  // Nothing to report here: a worker that cannot start leaves the bodies to the loader.
  pool.catch(() => {});
}

export const sameJobs = (a: readonly BodyJob[], b: readonly BodyJob[]) => a.length === b.length && a.every((job, index) => job.file === b[index]!.file && job.line === b[index]!.line && job.body === b[index]!.body);

export async function takeEarly(): Promise<BodyPool | undefined> {
  const started = early.get();
  early.set(undefined);
  return started?.catch(() => undefined);
}

/** A pool with its worker started (null when it cannot start: this thread renders every body). */
export async function startPool(jobs: readonly BodyJob[]): Promise<BodyPool> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results: (RenderedBody | undefined)[] = new Array(jobs.length);
  let worker: Worker;
  try {
    const bundle = await ensureBundle('body-worker', { 'body-worker': 'src/loaders/body-worker.ts' });
    worker = new Worker(pathToFileURL(join(bundle, 'body-worker.js')), { workerData: { jobs, next } });
  } catch {
    return { jobs, next, results, worker: null };
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
  return {
    jobs,
    next,
    results,
    worker: { finished, stop: () => void worker.terminate(), keepProcess: (keep) => (keep ? worker.ref() : worker.unref()) },
  };
}
