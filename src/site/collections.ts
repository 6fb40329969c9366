import { getCollection, getEntry } from 'astro:content';
import { createLibrary, type ClientEntry, type EmailEntry, type Library, type LibraryInput, type PlaybookEntry, type SopEntry } from '../lib/content/library';
import { buildRun, type Run } from '../lib/run/build-run';
import { runProgress, type RunProgress } from '../lib/record/progress';
import type { IsoDate } from '../schemas/common';
import { renderClientArtifact, renderClientArtifacts, type ClientArtifactName } from '../lib/run/client-artifacts';
import { clientPool, type ClientArtifactFiles } from './client-pool-channel';

import { CLIENT_PAGES, siteToday } from './options';

export { CLIENT_PAGES };

let cached: Promise<Library> | undefined;

/** The content library from Astro's collections, built once per build and shared by every page. */
export function getLibrary(): Promise<Library> {
  cached ??= load();
  return cached;
}

async function load(): Promise<Library> {
  const [company, team, phases, sops, emails, playbooks, clients] = await Promise.all([
    getEntry('settings', 'company'),
    getEntry('settings', 'team'),
    getEntry('settings', 'phases'),
    getCollection('sops'),
    getCollection('emails'),
    getCollection('playbooks'),
    CLIENT_PAGES ? getCollection('clients') : Promise.resolve([]),
  ]);
  if (!company || !team || !phases) throw new Error('content/company.yaml, team.yaml and phases.yaml must be valid: run `npm run check`');
  // The loaders store the pipeline's validated entries as they are (src/loaders/content.ts).
  return createLibrary({
    company: company.data as unknown as LibraryInput['company'],
    team: team.data as unknown as LibraryInput['team'],
    phases: (phases.data as unknown as { phases: LibraryInput['phases'] }).phases,
    sops: sops.map((entry) => entry.data as unknown as SopEntry),
    emails: emails.map((entry) => entry.data as unknown as EmailEntry),
    playbooks: playbooks.map((entry) => entry.data as unknown as PlaybookEntry),
    clients: clients.map((entry) => entry.data as unknown as ClientEntry),
  });
}

/**
 * The run's HTML a client page shows. In a build, the client-page worker (src/integrations/client-pool.ts)
 * has usually written it already on the other core: the page then shows a placeholder the build swaps
 * for the file's bytes as it writes the page. Otherwise the page renders the client's run and every
 * output of it at once, for the routes still to come. The dev server has no pool: each request renders afresh.
 */
export async function getClientPageHtml(clientId: string): Promise<string> {
  return clientArtifact(clientId, 'page', async (files) => files.placeholder());
}

/**
 * An export file as an export route sends it: the bytes the worker wrote when it did (three quarters
 * of a client's output by size, so the route does not decode and encode them again), else the text.
 */
export async function getClientExportBody(clientId: string, name: Exclude<ClientArtifactName, 'page'>): Promise<string | Uint8Array<ArrayBuffer>> {
  return clientArtifact<string | Uint8Array<ArrayBuffer>>(clientId, name, (files) => files.bytes(name));
}

async function clientArtifact<T>(clientId: string, name: ClientArtifactName, read: (files: ClientArtifactFiles) => Promise<T>): Promise<T | string> {
  const pool = clientPool();
  if (!pool) return renderClientArtifact(await getLibrary(), clientId, await getToday(), name);
  const written = await pool.claim(clientId);
  if (written) return read(written);
  const artifacts = renderClientArtifacts(await getLibrary(), clientId, await getToday());
  await pool.store(clientId, artifacts);
  return artifacts[name];
}

async function getToday(): Promise<IsoDate> {
  return siteToday(await getLibrary());
}

let summaries: Promise<Run[]> | undefined;

/**
 * Every client's run without its emails (dates, owners and the record: all that progress, overdue and
 * "My tasks" read), built once per build for the pages that summarise runs: the home page, the clients
 * index, and each person's page and feed. They used to ask `getClientRun` for every client, which built
 * the full runs again for each of those pages and spent the page's own run before its exports read it.
 */
export function getRunSummaries(): Promise<Run[]> {
  summaries ??= getLibrary().then((library) =>
    library.clients.map((client) => buildRun(client, library.playbookById.get(client.playbook)!, library, { emails: false })),
  );
  return summaries;
}

/** A client's run without its emails (see `getRunSummaries`): what its page shows around the run's HTML. */
export async function getRunSummary(clientId: string): Promise<Run> {
  const run = (await getRunSummaries()).find((summary) => summary.client.id === clientId);
  if (!run) throw new Error(`no client "${clientId}" in the library`);
  return run;
}

/** Each client's recorded progress as of `today` (the home page and the clients index), by client id. */
export async function getProgressByClient(today: IsoDate): Promise<Map<string, RunProgress>> {
  return new Map((await getRunSummaries()).map((run) => [run.client.id, runProgress(run, today)]));
}

