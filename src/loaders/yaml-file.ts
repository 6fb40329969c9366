import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Loader } from 'astro/loaders';

/**
 * Loads one YAML file (`content/company.yaml`) as one entry, validated by the collection's schema.
 * Astro's `file()` loader treats a file as a list of entries; company, team and phases are each one
 * document. `wrap` puts a top-level list under a key, since an entry's data must be an object.
 */
export function yamlFile(path: string, options: { id: string; wrap?: string }): Loader {
  return {
    name: 'sendoff-yaml-file',
    async load({ store, parseData, config, watcher, generateDigest }) {
      const fileUrl = new URL(path, config.root);
      const filePath = fileURLToPath(fileUrl);
      const sync = async () => {
        const raw: unknown = parse(await readFile(fileUrl, 'utf8'));
        const data = (options.wrap ? { [options.wrap]: raw } : raw) as Record<string, unknown>;
        const parsed = await parseData({ id: options.id, data, filePath });
        store.clear();
        store.set({ id: options.id, data: parsed, filePath: path, digest: generateDigest(data) });
      };
      await sync();
      watcher?.add(filePath);
      watcher?.on('change', (changed) => {
        if (changed === filePath) void sync();
      });
    },
  };
}
