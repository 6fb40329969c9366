import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createLibrary, type LibraryInput } from '../lib/content/library';
import { loadContent } from '../lib/content/load';
import { CLIENT_ARTIFACT_NAMES, clientArtifactFile, renderClientArtifacts } from '../lib/run/client-artifacts';
import { siteToday } from '../site/options';
import { CLAIM } from './client-pool-slots';

/**
 * The client-page worker of a build (see client-pool.ts): loads the content as the site does, says
 * which clients there are, then renders, one at a time into the pool's folder, every client whose slot
 * it takes before a route does. It never waits for the main thread between clients.
 */
export type PoolRequest = { type: 'start' };
export type PoolReply =
  | { type: 'ready'; clientIds: string[]; slots: SharedArrayBuffer }
  | { type: 'done'; clientId: string }
  | { type: 'failed'; clientId: string; message: string }
  | { type: 'finished' };

if (parentPort) {
  const port = parentPort;
  const { root, dir, content } = workerData as { root: string; dir: string; content: LibraryInput | null };
  // The content the build's pre-flight validated (a copy of it), else read and validated here.
  const input = content ?? (await loadContent(root)).input;
  // The build's pre-flight has refused invalid content before this starts; without it there is nothing to do.
  const library = input && createLibrary(input);
  const clientIds = library ? library.clients.map((client) => client.id) : [];
  // One slot per client, shared with the routes: whoever sets a free slot first renders that client.
  const slots = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, clientIds.length)));
  const reply = (message: PoolReply) => port.postMessage(message);
  reply({ type: 'ready', clientIds, slots: slots.buffer as SharedArrayBuffer });
  port.once('message', () => {
    // The routes ask in the library's order: start from the other end, so the two meet in the middle.
    for (let index = clientIds.length - 1; index >= 0; index--) {
      if (Atomics.compareExchange(slots, index, CLAIM.free, CLAIM.worker) !== CLAIM.free) continue;
      const clientId = clientIds[index]!;
      try {
        const artifacts = renderClientArtifacts(library!, clientId, siteToday(library!));
        for (const name of CLIENT_ARTIFACT_NAMES) writeFileSync(join(dir, clientArtifactFile(clientId, name)), artifacts[name], { mode: 0o600 });
        Atomics.store(slots, index, CLAIM.done);
        reply({ type: 'done', clientId });
      } catch (error) {
        reply({ type: 'failed', clientId, message: error instanceof Error ? error.message : String(error) });
      }
    }
    reply({ type: 'finished' });
  });
}
