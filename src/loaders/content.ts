import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { CONTENT_ROOTS, FOLDER_KINDS, isContentPath, type FolderKindName, type SingleKindName } from '../lib/content/kinds';
import { loadContent, type LoadResult, type SourceRecord } from '../lib/content/load';
import { processMemo } from '../lib/content/process-memo';
import { BODY_RENDERER_VERSION } from '../lib/content/render-body';
import { sopBodyJob, type BodyJob } from './body-pool';
import { renderBodies } from './render-bodies';

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
        const changed: { entry: (typeof result.entries)[FolderKindName][number]; filePath: string; record: SourceRecord; digest: string }[] = [];
        for (const entry of result.entries[kind]) {
          const filePath = result.files.get(`${folder}/${entry.id}`)!;
          const record = result.sources.get(filePath)!;
          seen.add(entry.id);
          const digest = generateDigest(`${BODY_RENDERER_VERSION}\0${record.text}\0${JSON.stringify(entry)}`);
          // Unchanged since the last sync or build (Astro keeps the store between them): nothing to do.
          if (store.get(entry.id)?.digest !== digest) changed.push({ entry, filePath, record, digest });
        }
        // An SOP's body is rendered here, once, on both cores when there are many (`render(entry)` on its page reads this HTML).
        const jobs: { id: string; job: BodyJob }[] = [];
        for (const { entry } of kind === 'sops' ? changed : []) {
          const job = sopBodyJob(result, entry.id);
          if (job) jobs.push({ id: entry.id, job });
        }
        const rendered = await renderBodies(jobs.map(({ job }) => job));
        if (rendered.byWorker > 0) context.logger.info(`SOP bodies: ${jobs.length} rendered, ${rendered.byWorker} of them by a worker on another core`);
        const renderedOf = new Map(jobs.map(({ id }, index) => [id, rendered.bodies[index]!]));
        for (const { entry, filePath, record, digest } of changed) {
          const body = renderedOf.get(entry.id);
          store.set({
            id: entry.id,
            data: entry as unknown as Record<string, unknown>,
            ...(record.body !== undefined ? { body: record.body } : {}),
            filePath,
            digest,
            ...(body ? { rendered: { html: body.html, metadata: { headings: body.headings } } } : {}),
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
