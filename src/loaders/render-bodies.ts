import { renderSopBody, type RenderedBody } from '../lib/content/render-body';
import { startPool, takeEarly, sameJobs, WORKER_FROM, type BodyJob, type BodyPool } from './body-pool';

/**
 * The loader's side of the body pool (body-pool.ts): renders a sync's SOP bodies on this thread beside
 * the pool's worker, joining the pool the build's pre-flight started when it holds the same bodies.
 * Kept apart from body-pool.ts so the pre-flight, which only starts the worker, does not load the
 * Markdown processor into the integration's module graph.
 */

const renderHere = (job: BodyJob) => renderSopBody(job.body, job.file, job.line);

export interface RenderedBodies {
  /** Each job's HTML and headings, in the jobs' order. */
  bodies: RenderedBody[];
  /** How many of them the worker rendered. */
  byWorker: number;
  /** The worker was the one the pre-flight started (`renderBodiesEarly`) for these very bodies. */
  early: boolean;
}

/**
 * `workerOnly` leaves every body to the worker (tests: the worker's HTML is this thread's); this thread
 * still renders whatever the worker does not send back.
 */
export async function renderBodies(jobs: readonly BodyJob[], { workerOnly = false } = {}): Promise<RenderedBodies> {
  // The other collections' loaders have no bodies: they leave the early pool to the SOPs'.
  if (jobs.length === 0) return { bodies: [], byWorker: 0, early: false };
  const early = await takeEarly();
  if (early && sameJobs(early.jobs, jobs)) {
    early.worker?.keepProcess(true);
    return { ...(await joinPool(early, workerOnly)), early: true };
  }
  early?.worker?.stop();
  const useWorker = (workerOnly || jobs.length >= WORKER_FROM) && process.env.SENDOFF_BODY_WORKER !== 'off';
  const pool = useWorker ? await startPool(jobs) : { jobs, next: new Int32Array(new SharedArrayBuffer(4)), results: new Array(jobs.length), worker: null };
  return { ...(await joinPool(pool, workerOnly)), early: false };
}

/** This thread takes bodies from the pool's counter beside its worker; then renders what the worker left. */
async function joinPool(pool: BodyPool, workerOnly: boolean): Promise<Omit<RenderedBodies, 'early'>> {
  const { jobs, next, results, worker } = pool;
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

