import { loadContent } from '../../../src/lib/content/load';
import { createLibrary, type ClientEntry, type Library } from '../../../src/lib/content/library';
import { buildRun, type Run } from '../../../src/lib/run/build-run';
import { fixtureProject } from '../../fixture-project';

/**
 * A fixture library loaded from disk as `sendoff check` does. `runs` (the default) has three clients on
 * three playbooks (standard, project completion, early termination), so runs, exports and the
 * generator are tested on data no author edits.
 */
export async function loadFixtureLibrary(scenario = 'runs'): Promise<Library> {
  const { input, diagnostics } = await loadContent(await fixtureProject(scenario));
  if (!input) throw new Error(`test/fixtures/${scenario} does not load: ${diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
  return createLibrary(input);
}

/** A client's run, optionally with the record changed first (the library is not touched). */
export function clientRun(library: Library, clientId: string, patch: (client: ClientEntry) => void = () => {}): Run {
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
