import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { CONTENT_ROOTS, FOLDER_KINDS, isContentPath, type FolderKindName, type SingleKindName } from '../lib/content/kinds';
import { loadContent, type LoadResult } from '../lib/content/load';
import { processMemo } from '../lib/content/process-memo';
import { BODY_RENDERER_VERSION, renderSopBody } from '../lib/content/render-body';

/**
 * Astro content loaders fed by the one content pipeline (`src/lib/content/load.ts`): the site gets
 * exactly the ids and validated values `sendoff check` sees, from the same parser, and nothing else.
 * The build's pre-flight has already refused invalid content; in the dev server an entry that fails
 * its schema is left out (the dev re-check prints why) and the rest of the site keeps working.
 */

/**
 * Parsed files, reused between syncs (a save in the dev server re-parses only the file that changed)
 * and taken from the build's pre-flight, which parsed them all just before (`process-memo.ts`).
 */
const memo = processMemo();
/** The load every collection of one sync shares (Astro runs the collections' loaders concurrently). */
let pending: Promise<LoadResult> | undefined;

function sharedLoad(root: string): Promise<LoadResult> {
  pending ??= loadContent(root, { memo }).finally(() => {
    // The collections of this sync have all asked by now; the next sync (a file changed) reads again.
    setTimeout(() => (pending = undefined), 0);
  });
  return pending;
}

/** Re-syncs a collection when any content file changes in the dev server (a change can affect any kind). */
function watch(context: LoaderContext, sync: () => Promise<void>) {
  if (!context.watcher) return;
  const root = fileURLToPath(context.config.root);
  for (const folder of CONTENT_ROOTS) context.watcher.add(`${root}${folder}`);
  const onChange = (path: string) => {
    const file = relative(root, path).split('\\').join('/');
    if (!isContentPath(file)) return;
    sync().catch((error: unknown) => context.logger.error(`Could not reload the content: ${error instanceof Error ? error.message : String(error)}`));
  };
  context.watcher.on('change', onChange);
  context.watcher.on('add', onChange);
  context.watcher.on('unlink', onChange);
}

/** A folder of entries (SOPs, emails, playbooks, clients): one entry per valid file, its id from `ids.ts`. */
export function folderLoader(kind: FolderKindName): Loader {
  return {
    name: `sendoff-${kind}`,
    async load(context) {
      const { store, generateDigest, config } = context;
      const root = fileURLToPath(config.root);
      const { folder } = FOLDER_KINDS[kind];
      const sync = async () => {
        const result = await sharedLoad(root);
        const seen = new Set<string>();
        for (const entry of result.entries[kind]) {
          const filePath = result.files.get(`${folder}/${entry.id}`)!;
          const record = result.sources.get(filePath)!;
          seen.add(entry.id);
          const digest = generateDigest(`${BODY_RENDERER_VERSION}\0${record.text}\0${JSON.stringify(entry)}`);
          // Unchanged since the last sync or build (Astro keeps the store between them): nothing to do.
          if (store.get(entry.id)?.digest === digest) continue;
          // An SOP's body is rendered here, once (`render(entry)` on its page reads this HTML).
          const rendered = kind === 'sops' && record.body !== undefined ? await renderSopBody(record.body, filePath, record.bodyLine) : undefined;
          store.set({
            id: entry.id,
            data: entry as unknown as Record<string, unknown>,
            ...(record.body !== undefined ? { body: record.body } : {}),
            filePath,
            digest,
            ...(rendered ? { rendered: { html: rendered.html, metadata: { headings: rendered.headings } } } : {}),
          });
        }
        for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      };
      await sync();
      watch(context, sync);
    },
  };
}

/** The company, team and phases files, one entry each (ids `company`, `team`, `phases`). */
export function settingsLoader(): Loader {
  return {
    name: 'sendoff-settings',
    async load(context) {
      const { store, generateDigest, config } = context;
      const root = fileURLToPath(config.root);
      const sync = async () => {
        const { entries } = await sharedLoad(root);
        // An entry's data must be an object: the phases list goes under `phases`.
        const values: Record<SingleKindName, object | null> = { company: entries.company, team: entries.team, phases: entries.phases && { phases: entries.phases } };
        for (const [id, data] of Object.entries(values)) {
          if (!data) store.delete(id);
          else store.set({ id, data: data as Record<string, unknown>, digest: generateDigest(JSON.stringify(data)) });
        }
      };
      await sync();
      watch(context, sync);
    },
  };
}
