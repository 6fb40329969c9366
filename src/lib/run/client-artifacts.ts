import type { IsoDate } from '../../schemas/common';
import type { Library } from '../content/library';
import { EXPORT_FORMAT_IDS, renderExport, type ExportFormat } from '../exports';
import { buildRun, type Run } from './build-run';
import { renderRunHtml } from './run-html';
import { clientRunHtmlOptions, clientRunUrl } from './run-html-options';

/**
 * Everything a build writes for one client from its run: the run's HTML for its page and one file per
 * export format. The run (dates, owners, every email rendered) is built once and each output rendered
 * once from it. The client page route and the build's render workers (src/integrations/client-pool.ts)
 * both call this, so a page is the same whichever thread wrote it.
 */
export type ClientArtifactName = 'page' | ExportFormat;
export const CLIENT_ARTIFACT_NAMES: readonly ClientArtifactName[] = ['page', ...EXPORT_FORMAT_IDS];
export type ClientArtifacts = Record<ClientArtifactName, string>;

/** The file an artifact is kept in while a build runs (client ids are slugs; encoded all the same). */
export const clientArtifactFile = (clientId: string, name: ClientArtifactName) => `${encodeURIComponent(clientId)}.${name}`;

/** Every artifact of one client (a build writes them all). */
export function renderClientArtifacts(library: Library, clientId: string, today: IsoDate): ClientArtifacts {
  const run = clientRun(library, clientId);
  return Object.fromEntries(CLIENT_ARTIFACT_NAMES.map((name) => [name, renderArtifact(library, run, name, today)])) as ClientArtifacts;
}

/** One artifact of one client (the dev server renders what the request asks for). */
export function renderClientArtifact(library: Library, clientId: string, today: IsoDate, name: ClientArtifactName): string {
  return renderArtifact(library, clientRun(library, clientId), name, today);
}

function clientRun(library: Library, clientId: string): Run {
  const client = library.clientById.get(clientId);
  if (!client) throw new Error(`no client "${clientId}" in the library`);
  return buildRun(client, library.playbookById.get(client.playbook)!, library);
}

function renderArtifact(library: Library, run: Run, name: ClientArtifactName, today: IsoDate): string {
  const clientId = run.client.id;
  if (name === 'page') return renderRunHtml(run, clientRunHtmlOptions(library, clientId, today));
  return renderExport(run, name, { locale: library.company.locale, runUrl: clientRunUrl(library, clientId) });
}
