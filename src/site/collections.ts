import { getCollection, getEntry } from 'astro:content';
import { createLibrary, type Library } from '../lib/content/library';
import { buildRun, type Run } from '../lib/run/build-run';

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
    getEntry('company', 'company'),
    getEntry('team', 'team'),
    getEntry('phases', 'phases'),
    getCollection('sops'),
    getCollection('emails'),
    getCollection('playbooks'),
    CLIENT_PAGES ? getCollection('clients') : Promise.resolve([]),
  ]);
  if (!company || !team || !phases) throw new Error('content/company.yaml, team.yaml and phases.yaml are required');
  return createLibrary({
    company: company.data,
    team: team.data,
    phases: phases.data.phases,
    sops: sops.map((entry) => ({ ...entry.data, id: entry.id })),
    emails: emails.map((entry) => ({ ...entry.data, id: entry.id, body: entry.body ?? '' })),
    playbooks: playbooks.map((entry) => ({ ...entry.data, id: entry.id })),
    clients: clients.map((entry) => ({ ...entry.data, id: entry.id })),
  });
}

const runs = new Map<string, Run>();

/**
 * A client's run, built once per build and shared by its page and its three exports (building it is
 * the most expensive step of a client page: dates, owners and every email rendered).
 */
export async function getClientRun(clientId: string): Promise<Run> {
  const library = await getLibrary();
  let run = runs.get(clientId);
  if (!run) {
    const client = library.clientById.get(clientId)!;
    run = buildRun(client, library.playbookById.get(client.playbook)!, library);
    runs.set(clientId, run);
  }
  return run;
}
