import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createLibrary } from '../lib/content/library';
import { loadContent } from '../lib/content/load';
import { CLIENT_ARTIFACT_NAMES, clientArtifactFile, renderClientArtifacts } from '../lib/run/client-artifacts';
import { siteToday } from '../site/options';

/**
 * The client-page worker of a build (see client-pool.ts): loads the content as the site does, says
 * which clients there are, then renders the clients it is sent, one at a time, into the pool's folder.
 */
export type PoolRequest = { type: 'render'; clientId: string };
export type PoolReply =
  | { type: 'ready'; clientIds: string[] }
  | { type: 'done'; clientId: string }
  | { type: 'failed'; clientId: string; message: string };

if (parentPort) {
  const port = parentPort;
  const { root, dir } = workerData as { root: string; dir: string };
  const { input } = await loadContent(root);
  // The build's pre-flight has refused invalid content before this starts; without it there is nothing to do.
  const library = input && createLibrary(input);
  const reply = (message: PoolReply) => port.postMessage(message);
  reply({ type: 'ready', clientIds: library ? library.clients.map((client) => client.id) : [] });
  port.on('message', ({ clientId }: PoolRequest) => {
    try {
      const artifacts = renderClientArtifacts(library!, clientId, siteToday(library!));
      for (const name of CLIENT_ARTIFACT_NAMES) writeFileSync(join(dir, clientArtifactFile(clientId, name)), artifacts[name], { mode: 0o600 });
      reply({ type: 'done', clientId });
    } catch (error) {
      reply({ type: 'failed', clientId, message: error instanceof Error ? error.message : String(error) });
    }
  });
}
