import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createLibrary, type LibraryInput } from '../lib/content/library';
import { loadContent } from '../lib/content/load';
import { CLIENT_ARTIFACT_NAMES, renderClientArtifacts } from '../lib/run/client-artifacts';
import { siteToday } from '../site/options';
import { CLAIM } from './client-pool-slots';
import { artifactTarget, type PoolFolders } from './client-pool-files';

/**
 * The client-page worker of a build (see client-pool.ts): loads the content as the site does, says
 * which clients there are, then renders, one at a time, every client whose slot it takes before a
 * route does: its page HTML into the pool's folder, its exports into the site (client-pool-files.ts).
 * It never waits for the main thread between clients.
 */
export type PoolRequest = { type: 'start' };
export type PoolReply =
  | { type: 'ready'; clientIds: string[]; slots: SharedArrayBuffer }
  | { type: 'done'; clientId: string }
  | { type: 'failed'; clientId: string; message: string }
  | { type: 'finished' };

if (parentPort) {
  const port = parentPort;
  const { root, folders, content } = workerData as { root: string; folders: PoolFolders; content: LibraryInput | null };
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
        for (const name of CLIENT_ARTIFACT_NAMES) {
          const { file, folder, mode } = artifactTarget(folders, clientId, name);
          if (folder) mkdirSync(folder, { recursive: true });
          writeFileSync(file, artifacts[name], { mode });
        }
        Atomics.store(slots, index, CLAIM.done);
        reply({ type: 'done', clientId });
      } catch (error) {
        reply({ type: 'failed', clientId, message: error instanceof Error ? error.message : String(error) });
      }
    }
    reply({ type: 'finished' });
  });
}
