import didYouMean from 'didyoumean2';
import { FOLDER_KINDS } from '../content/kinds';
import { createLibrary, type ClientEntry, type Library, type LibraryItem } from '../content/library';
import { loadContent, type LoadMemo } from '../content/load';
import { findRunItem, runScope, type NotInRun } from './scope';

/**
 * The task a record names, found the one way `npm run done` and the dev server's record endpoint both
 * need: the content loaded, the client and its file, the client's run, the task in it. What stands in
 * the way comes back as a reason, for each caller to word for its reader (a terminal, a browser).
 */
export interface RecordTarget {
  library: Library;
  client: ClientEntry;
  /** The client's file, relative to the project (`content/clients/acme.yaml`). */
  file: string;
  item: LibraryItem;
}

export type TargetProblem =
  /** Company, team or phases do not load. */
  | { kind: 'content' }
  /** The client's file exists but has errors. */
  | { kind: 'client-file'; file: string }
  /** No such client; the nearest id, and every id. */
  | { kind: 'client'; suggestion: string | undefined; clients: string[] }
  /** The client's run cannot be worked out (its playbook is missing, or a condition fails). */
  | { kind: 'run'; client: ClientEntry }
  /** The task is not in the client's run (with why, and what was meant). */
  | { kind: 'item'; client: ClientEntry; problem: NotInRun };

export async function locateRecordTarget(root: string, clientId: string, itemId: string, memo?: LoadMemo): Promise<{ target: RecordTarget } | { problem: TargetProblem }> {
  const { input, files } = await loadContent(root, memo ? { memo } : {});
  if (!input) return { problem: { kind: 'content' } };
  const library = createLibrary(input);
  const client = library.clientById.get(clientId);
  const file = files.get(`${FOLDER_KINDS.clients.folder}/${clientId}`);
  if (!client || !file) {
    if (file) return { problem: { kind: 'client-file', file } };
    const clients = library.clients.map((entry) => entry.id);
    return { problem: { kind: 'client', suggestion: didYouMean(clientId, clients) ?? undefined, clients } };
  }
  const scope = runScope(library, client);
  if (!scope) return { problem: { kind: 'run', client } };
  const found = findRunItem(library, scope, itemId);
  if ('problem' in found) return { problem: { kind: 'item', client, problem: found.problem } };
  return { target: { library, client, file, item: found.item } };
}
