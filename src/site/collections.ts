import { getCollection, getEntry } from 'astro:content';
import { createLibrary, type ClientEntry, type EmailEntry, type Library, type LibraryInput, type PlaybookEntry, type SopEntry } from '../lib/content/library';
import { buildRun, type Run } from '../lib/run/build-run';
import { runProgress, type RunProgress } from '../lib/record/progress';
import type { IsoDate } from '../schemas/common';
import { EXPORT_FORMAT_IDS } from '../lib/exports/formats';

import { CLIENT_PAGES } from './options';

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

const runs = new Map<string, { run: Run; uses: number }>();
/** The routes that read a client's run: its page and one file per export format. */
const RUN_ROUTES = 1 + EXPORT_FORMAT_IDS.length;

/**
 * A client's run, built once per build and shared by its page and its three exports (building it is
 * the most expensive step of a client page: dates, owners and every email rendered). It is let go once
 * all four have read it, so a build holds only the runs still to be written, not every client's.
 */
export async function getClientRun(clientId: string): Promise<Run> {
  const library = await getLibrary();
  let entry = runs.get(clientId);
  if (!entry) {
    const client = library.clientById.get(clientId)!;
    entry = { run: buildRun(client, library.playbookById.get(client.playbook)!, library), uses: 0 };
    runs.set(clientId, entry);
  }
  // A dev server asks again on every request: past the fourth, the run is simply built again.
  if (++entry.uses >= RUN_ROUTES) runs.delete(clientId);
  return entry.run;
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

/** Each client's recorded progress as of `today` (the home page and the clients index), by client id. */
export async function getProgressByClient(today: IsoDate): Promise<Map<string, RunProgress>> {
  return new Map((await getRunSummaries()).map((run) => [run.client.id, runProgress(run, today)]));
}

