import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { ensureBundle } from './bundle.mjs';
import { CLIENT_ARTIFACT_NAMES, type ClientArtifactName, type ClientArtifacts } from '../lib/run/client-artifacts';
import { artifactTarget, type PoolFolders } from './client-pool-files';
import { publishClientPool, type ClientArtifactFiles, type ClientPool } from '../site/client-pool-channel';
import type { PoolReply, PoolRequest } from './client-pool-worker';
import type { LibraryInput } from '../lib/content/library';
import { CLAIM } from './client-pool-slots';
import { wrapPrerenderer, withBody } from './prerenderer';
import { ROUTES } from '../lib/routes';
import { isClientExportRouteData } from './render-order';

/**
 * Client pages and their exports rendered on the second core while the build does everything else.
 *
 * A client's run is the most expensive thing the build renders (a page of every task and email, and
 * three exports), and Astro renders pages one at a time on the main thread. From the start of the
 * bundling, a worker thread loads the content through the same pipeline and renders clients one by one
 * (`renderClientArtifacts`, the function the route itself calls): the page HTML into a private
 * temporary folder, the exports straight into the site (`client-pool-files.ts`; Astro is not asked to
 * render the export routes, 600 of the build's pages at 200 clients). When the pages reach a client,
 * the route takes the worker's page (waiting only if the worker is on that very client); a client the
 * worker has not started is rendered by the route itself, which writes its exports the same way. The two threads
 * share one slot per client (`client-pool-slots.ts`) and take a client by setting its slot atomically,
 * so the worker goes from client to client without waiting for this thread, which is busy bundling and
 * rendering (when this thread handed out the clients one by one, the worker sat idle half its time).
 * The worker takes clients from the far end of the list the routes go through, so the two meet in the
 * middle. If the worker fails for any reason, the routes render everything themselves, as in the dev
 * server.
 */

type Waiting = { ready: Promise<boolean>; settle: (written: boolean) => void };

export interface RunningPool {
  /** Settles when the worker has nothing left to render (or is gone): how many clients it rendered. */
  finished: Promise<{ byWorker: number }>;
  /**
   * A client page's bytes with the worker's page HTML put in place of its placeholder (`files.placeholder()`),
   * or `null` if the page has none (its route rendered the client itself).
   */
  splice(page: Uint8Array): Promise<Uint8Array | null>;
  /** Stops the worker and removes the temporary files (the build is done, or failed). */
  stop(): void;
}

/** `site`: the folder the build writes the site into; `content`: what the pre-flight validated (else the worker reads `root`). */
export async function startClientPool(root: string, site: string, logger: AstroIntegrationLogger, content: LibraryInput | null = null): Promise<RunningPool> {
  const bundle = await ensureBundle('client-pool', { 'client-pool-worker': 'src/integrations/client-pool-worker.ts' });
  // Client data: a folder only this user can read, removed when the build ends however it ends.
  const dir = mkdtempSync(join(tmpdir(), 'sendoff-clients-'));
  const folders: PoolFolders = { temp: dir, site };
  const fileOf = (clientId: string, name: ClientArtifactName) => artifactTarget(folders, clientId, name).file;
  /**
   * Reads started ahead: the routes go through the clients in the library's order, one output at a
   * time, so while a route renders one client's file, the next client's is read (one file ahead per
   * output). The main thread waited on these reads for about a second at 200 clients.
   */
  const ahead = new Map<string, Promise<Buffer<ArrayBuffer>>>();
  const readBytes = (clientId: string, name: ClientArtifactName): Promise<Buffer<ArrayBuffer>> => {
    const file = fileOf(clientId, name);
    const started = ahead.get(file);
    ahead.delete(file);
    const index = indexOf.get(clientId);
    const next = index === undefined ? undefined : clientIds[index + 1];
    if (next !== undefined && slots && Atomics.load(slots, index! + 1) === CLAIM.done && !ahead.has(fileOf(next, name))) {
      const read = readFile(fileOf(next, name));
      read.catch(() => ahead.delete(fileOf(next, name)));
      ahead.set(fileOf(next, name), read);
    }
    // A read ahead that failed is tried again, and fails (or not) as a plain read would.
    return started ? started.catch(() => readFile(file)) : readFile(file);
  };
  /**
   * Placeholders handed out, by number. The comment carries a random word of this build: an author's
   * text cannot forge it (the page escapes `<` in content anyway), and a number is all it names.
   */
  const placed = new Map<string, string>();
  let placeholders = 0;
  const marker = `<!--sendoff-page ${randomBytes(8).toString('hex')} `;
  const markerBytes = Buffer.from(marker);
  const files = (clientId: string): ClientArtifactFiles => ({
    read: async (name) => (await readBytes(clientId, name)).toString('utf8'),
    bytes: (name) => readBytes(clientId, name),
    placeholder: () => {
      const number = String(++placeholders);
      placed.set(number, clientId);
      return `${marker}${number}-->`;
    },
  });

  /** Clients a route took before the worker said which clients there are. */
  const early = new Set<string>();
  /** Clients a route rendered and stored. */
  const stored = new Set<string>();
  /** Routes waiting for a client the worker is rendering, or another route of the same client is. */
  const waiting = new Map<string, Waiting>();
  let slots: Int32Array | undefined;
  let indexOf = new Map<string, number>();
  let clientIds: readonly string[] = [];
  let alive = true;
  let byWorker = 0;
  const started = performance.now();
  let readyAfter = NaN;
  const worker = new Worker(pathToFileURL(join(bundle, 'client-pool-worker.js')), { workerData: { root, folders, content } });
  worker.unref();
  const send = (request: PoolRequest) => worker.postMessage(request);
  let finish!: (value: { byWorker: number }) => void;
  const finished = new Promise<{ byWorker: number }>((resolve) => (finish = resolve));

  const waitFor = (clientId: string): Promise<boolean> => {
    let entry = waiting.get(clientId);
    if (!entry) {
      let settle!: (written: boolean) => void;
      const ready = new Promise<boolean>((resolve) => (settle = resolve));
      entry = { ready, settle };
      waiting.set(clientId, entry);
    }
    return entry.ready;
  };
  const settle = (clientId: string, written: boolean) => {
    waiting.get(clientId)?.settle(written);
    waiting.delete(clientId);
  };
  /** The worker is gone: what it was rendering goes back to the routes. */
  const giveUp = (why: string) => {
    if (!alive) return;
    alive = false;
    finish({ byWorker });
    logger.warn(`Client pages: the render worker stopped (${why}); the pages render them instead.`);
    for (const [clientId, index] of indexOf) {
      if (slots && Atomics.compareExchange(slots, index, CLAIM.worker, CLAIM.free) === CLAIM.worker) settle(clientId, false);
    }
  };

  worker.on('message', (reply: PoolReply) => {
    if (reply.type === 'ready') {
      readyAfter = performance.now() - started;
      slots = new Int32Array(reply.slots);
      clientIds = reply.clientIds;
      indexOf = new Map(reply.clientIds.map((clientId, index) => [clientId, index]));
      // The routes that came first keep their clients; then the worker may start.
      for (const clientId of early) {
        const index = indexOf.get(clientId);
        if (index !== undefined) Atomics.store(slots, index, stored.has(clientId) ? CLAIM.done : CLAIM.page);
      }
      send({ type: 'start' });
    } else if (reply.type === 'done') {
      byWorker++;
      settle(reply.clientId, true);
    } else if (reply.type === 'failed') {
      // A client the worker could not render goes to its route, which reports the error as any page would.
      Atomics.store(slots!, indexOf.get(reply.clientId)!, CLAIM.free);
      settle(reply.clientId, false);
    } else {
      // Every client is taken: the worker ends, which is no failure.
      alive = false;
      finish({ byWorker });
    }
  });
  worker.on('error', (error: unknown) => giveUp(error instanceof Error ? error.message : String(error)));
  worker.on('exit', (code) => giveUp(`exit code ${code}`));

  const pool: ClientPool = {
    async claim(clientId) {
      if (stored.has(clientId)) return files(clientId);
      const index = indexOf.get(clientId);
      if (!slots || index === undefined) {
        // Before the worker knows the clients: the first route to ask renders the client.
        if (early.has(clientId)) return (await waitFor(clientId)) ? files(clientId) : pool.claim(clientId);
        early.add(clientId);
        void waitFor(clientId);
        return null;
      }
      // Taken by whichever thread sets its slot first; the worker's progress never waits for this thread.
      const before = Atomics.compareExchange(slots, index, CLAIM.free, CLAIM.page);
      if (before === CLAIM.free) {
        void waitFor(clientId);
        return null;
      }
      if (before === CLAIM.done) return files(clientId);
      // The worker, or another route, is on it; a client the worker gave back is free again.
      return (await waitFor(clientId)) ? files(clientId) : pool.claim(clientId);
    },
    async store(clientId, artifacts: ClientArtifacts) {
      await Promise.all(
        CLIENT_ARTIFACT_NAMES.map(async (name) => {
          const { file, folder, mode } = artifactTarget(folders, clientId, name);
          if (folder) await mkdir(folder, { recursive: true });
          await writeFile(file, artifacts[name], { mode });
        }),
      );
      stored.add(clientId);
      const index = indexOf.get(clientId);
      if (slots && index !== undefined) Atomics.store(slots, index, CLAIM.done);
      settle(clientId, true);
      return files(clientId);
    },
  };
  publishClientPool(pool);

  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  return {
    finished,
    async splice(page) {
      const bytes = Buffer.from(page.buffer, page.byteOffset, page.byteLength);
      const start = bytes.indexOf(markerBytes);
      if (start < 0) return null;
      const end = bytes.indexOf('-->', start + markerBytes.length);
      const number = end < 0 ? '' : bytes.toString('latin1', start + markerBytes.length, end);
      const clientId = placed.get(number);
      if (clientId === undefined) throw new Error('a client page has a placeholder this build did not hand out');
      placed.delete(number);
      return Buffer.concat([bytes.subarray(0, start), await readBytes(clientId, 'page'), bytes.subarray(end + 3)]);
    },
    stop() {
      const seconds = (readyAfter / 1000).toFixed(1);
      if (indexOf.size > 0) logger.info(`Client pages: ${byWorker} of ${indexOf.size} clients rendered by the worker on another core (content loaded in ${seconds} s)`);
      publishClientPool(undefined);
      ahead.clear();
      alive = false;
      finish({ byWorker });
      void worker.terminate();
      process.removeListener('exit', remove);
      remove();
    },
  };
}

/**
 * Astro's prerenderer as the client pool needs it. Each client page's placeholder is replaced by the
 * worker's page HTML as the page is rendered (`RunningPool.splice`): the run's bytes go from the
 * worker's file to the built page without becoming a string on this thread. Wrapped closest to Astro's
 * own, so the search index, when client pages are searchable, reads the whole page. The export routes
 * are left out when the pool writes the exports into the site itself (no pool, no worker: they render).
 */
export function spliceClientPages(base: AstroPrerenderer, pool: () => RunningPool | undefined): AstroPrerenderer {
  return wrapPrerenderer(base, `${base.name}+sendoff:client-pages`, {
    getStaticPaths: async () => {
      const paths = await base.getStaticPaths();
      return pool() ? paths.filter((path) => !isClientExportRouteData(path.route)) : paths;
    },
    render: async (request, options) => {
      const result = await base.render(request, options);
      const running = pool();
      if (!running || options.routeData.route !== ROUTES.client.pattern) return result;
      return withBody(result, (page) => running.splice(page));
    },
  });
}
