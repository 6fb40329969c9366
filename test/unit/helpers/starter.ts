import { resolve } from 'node:path';
import { loadContent } from '../../../src/lib/content/load';
import { createLibrary, type ClientEntry, type Library } from '../../../src/lib/content/library';
import { buildRun, type Run } from '../../../src/lib/run/build-run';

/** The starter library, loaded from disk as `sendoff check` does. */
export async function loadStarter(): Promise<Library> {
  const { input } = await loadContent(resolve('.'));
  return createLibrary(input!);
}

/** A starter client's run, optionally with the record changed first (the library is not touched). */
export function starterRun(library: Library, clientId: string, patch: (client: ClientEntry) => void = () => {}): Run {
  const client = structuredClone(library.clientById.get(clientId)!);
  patch(client);
  return buildRun(client, library.playbookById.get(client.playbook)!, library);
}

/** Payloads that would run script if any client value reached the page as markup. */
export const XSS_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  'javascript:alert(1)',
  "'><svg onload=alert(1)>",
  '</style></script><script>alert(1)</script>',
] as const;
