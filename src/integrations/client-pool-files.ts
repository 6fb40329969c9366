import { dirname, join } from 'node:path';
import { clientArtifactFile, type ClientArtifactName } from '../lib/run/client-artifacts';
import { href } from '../lib/routes';

/** Where the build's client-page worker and the client routes keep a client's outputs (client-pool.ts). */
export interface PoolFolders {
  /** The pool's private folder: the page HTML, until the page's route puts it into the page. */
  temp: string;
  /**
   * The site being built: export files are written straight to their URL path in it, so they never pass
   * through Astro (their routes serve the dev server, and a build without the worker).
   */
  site: string;
}

export interface ArtifactTarget {
  file: string;
  /** The folder to make first: an export's, in the site. */
  folder: string | null;
  /** Any built file's mode for an export; the page HTML is client data kept outside the site: this user's only. */
  mode: number;
}

/** Where a client's output is written, and how. */
export function artifactTarget(folders: PoolFolders, clientId: string, name: ClientArtifactName): ArtifactTarget {
  if (name === 'page') return { file: join(folders.temp, clientArtifactFile(clientId, name)), folder: null, mode: 0o600 };
  const file = join(folders.site, href.clientExport(clientId, name));
  return { file, folder: dirname(file), mode: 0o666 };
}
