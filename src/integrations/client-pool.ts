import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegrationLogger } from 'astro';
import { ensureBundle } from './bundle.mjs';
import { CLIENT_ARTIFACT_NAMES, clientArtifactFile, type ClientArtifactName, type ClientArtifacts } from '../lib/run/client-artifacts';
import { publishClientPool, type ClientArtifactFiles, type ClientPool } from '../site/client-pool-channel';
import type { PoolReply, PoolRequest } from './client-pool-worker';

/**
 * Client pages and their exports rendered on the second core while the build does everything else.
 *
 * A client's run is the most expensive thing the build renders (a page of every task and email, and
 * three exports), and Astro renders pages one at a time on the main thread. From the start of the
 * build, a worker thread loads the content through the same pipeline and renders clients one by one
 * (`renderClientArtifacts`, the function the route itself calls) into a private temporary folder. When
 * the pages reach a client, the route takes the worker's files (waiting only if the worker is on that
 * very client); a client the worker has not started is rendered by the route itself. The worker takes
 * clients from the far end of the list the routes go through, so the two meet in the middle. If the
 * worker fails for any reason, the routes render everything themselves, as in the dev server.
 */

type State = { by: 'worker' | 'page'; ready: Promise<boolean>; settle: (written: boolean) => void } | { by: 'done' };

export interface RunningPool {
  /** Settles when the worker has nothing left to render (or is gone): how many clients it rendered. */
  finished: Promise<{ byWorker: number }>;
  /** Stops the worker and removes the temporary files (the build is done, or failed). */
  stop(): void;
}

export async function startClientPool(root: string, logger: AstroIntegrationLogger): Promise<RunningPool> {
  const bundle = await ensureBundle('client-pool', { 'client-pool-worker': 'src/integrations/client-pool-worker.ts' });
  // Client data: a folder only this user can read, removed when the build ends however it ends.
  const dir = mkdtempSync(join(tmpdir(), 'sendoff-clients-'));
  const fileOf = (clientId: string, name: ClientArtifactName) => join(dir, clientArtifactFile(clientId, name));
  const files = (clientId: string): ClientArtifactFiles => ({ read: (name) => readFile(fileOf(clientId, name), 'utf8') });

  const states = new Map<string, State>();
  const queue: string[] = [];
  let busy = false;
  let alive = true;
  let byWorker = 0;
  const started = performance.now();
  let readyAfter = NaN;
  const worker = new Worker(pathToFileURL(join(bundle, 'client-pool-worker.js')), { workerData: { root, dir } });
  worker.unref();
  const send = (request: PoolRequest) => worker.postMessage(request);
  let finish!: (value: { byWorker: number }) => void;
  const finished = new Promise<{ byWorker: number }>((resolve) => (finish = resolve));

  const pending = (by: 'worker' | 'page'): State => {
    let settle!: (written: boolean) => void;
    const ready = new Promise<boolean>((resolve) => (settle = resolve));
    return { by, ready, settle };
  };
  const dispatch = () => {
    if (!alive || busy) return;
    let next: string | undefined;
    while ((next = queue.shift()) !== undefined && states.has(next));
    if (next === undefined) return finish({ byWorker });
    states.set(next, pending('worker'));
    busy = true;
    send({ type: 'render', clientId: next });
  };
  /** The worker is gone: what it was rendering goes back to the routes. */
  const giveUp = (why: string) => {
    if (!alive) return;
    alive = false;
    finish({ byWorker });
    logger.warn(`Client pages: the render worker stopped (${why}); the pages render them instead.`);
    for (const [clientId, state] of states) {
      if (state.by !== 'worker') continue;
      states.delete(clientId);
      state.settle(false);
    }
  };

  worker.on('message', (reply: PoolReply) => {
    if (reply.type === 'ready') {
      readyAfter = performance.now() - started;
      // The routes ask for clients in the library's order: the worker starts from the other end, so the two
      // meet in the middle instead of the routes waiting, in step, for the client the worker has just begun.
      queue.push(...reply.clientIds.toReversed());
      dispatch();
      return;
    }
    const state = states.get(reply.clientId);
    busy = false;
    if (reply.type === 'done') {
      byWorker++;
      states.set(reply.clientId, { by: 'done' });
      if (state?.by === 'worker') state.settle(true);
    } else {
      // A client the worker could not render goes to its route, which reports the error as any page would.
      states.delete(reply.clientId);
      if (state?.by === 'worker') state.settle(false);
    }
    dispatch();
  });
  worker.on('error', (error: unknown) => giveUp(error instanceof Error ? error.message : String(error)));
  worker.on('exit', (code) => giveUp(`exit code ${code}`));

  const pool: ClientPool = {
    async claim(clientId) {
      const state = states.get(clientId);
      if (!state) {
        states.set(clientId, pending('page'));
        return null;
      }
      if (state.by === 'done' || (await state.ready)) return files(clientId);
      return pool.claim(clientId); // the worker gave it back
    },
    async store(clientId, artifacts: ClientArtifacts) {
      await Promise.all(CLIENT_ARTIFACT_NAMES.map((name) => writeFile(fileOf(clientId, name), artifacts[name], { mode: 0o600 })));
      const state = states.get(clientId);
      states.set(clientId, { by: 'done' });
      if (state && state.by !== 'done') state.settle(true);
      return files(clientId);
    },
  };
  publishClientPool(pool);

  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  return {
    finished,
    stop() {
      const seconds = (readyAfter / 1000).toFixed(1);
      if (states.size > 0) logger.info(`Client pages: ${byWorker} of ${states.size} clients rendered by the worker on another core (content loaded in ${seconds} s)`);
      publishClientPool(undefined);
      alive = false;
      finish({ byWorker });
      void worker.terminate();
      process.removeListener('exit', remove);
      remove();
    },
  };
}
