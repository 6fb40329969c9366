import { processSlot } from '../lib/process-slot';
import type { ClientArtifactName, ClientArtifacts } from '../lib/run/client-artifacts';

/**
 * How the client routes reach the build's client-page workers (src/integrations/client-pool.ts).
 * The integration and the pages are bundled apart (the pages by Vite) but run in one Node process,
 * so the pool is published in a process slot (src/lib/process-slot.ts) for the length of a build; the
 * dev server has none.
 */
export interface ClientPool {
  /**
   * The client's artifacts once written (by a worker, or by the page that claimed it earlier), or
   * `null`: nobody has started on this client, so the caller renders it and hands it to `store`.
   */
  claim(clientId: string): Promise<ClientArtifactFiles | null>;
  store(clientId: string, artifacts: ClientArtifacts): Promise<ClientArtifactFiles>;
}

export interface ClientArtifactFiles {
  read(name: ClientArtifactName): Promise<string>;
  /** The same file's bytes, for an export route to hand on as they are (no decoding and encoding again). */
  bytes(name: ClientArtifactName): Promise<Uint8Array<ArrayBuffer>>;
  /**
   * An HTML comment a client page renders in place of the worker's page HTML: the build puts the
   * file's bytes there as it writes the page (`spliceClientPages`), so the 650 KB are neither decoded
   * here nor encoded again by Astro.
   */
  placeholder(): string;
}

const slot = processSlot<ClientPool>('client-pool');

export function publishClientPool(pool: ClientPool | undefined): void {
  slot.set(pool);
}

export function clientPool(): ClientPool | undefined {
  return slot.get();
}
