import { getCollection, getEntry } from 'astro:content';
import { createLibrary, type Library } from '../lib/library';

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
