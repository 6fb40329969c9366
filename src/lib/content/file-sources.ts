import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gitBlobs, gitTree, type TreeEntry } from '../history/git';
import { CONTENT_ROOTS } from './kinds';

/**
 * Where content files come from. `loadContent` reads through this, so the same loader and schemas
 * read the working tree (the default) or any commit of the repository without checking it out.
 * Paths are relative to the project root and use `/`.
 */
export interface FileSource {
  /** Files under `folder` (subfolders included) whose name `accepts`, sorted. An absent folder lists nothing. */
  list(folder: string, accepts: (fileName: string) => boolean): Promise<string[]>;
  /** A file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  /**
   * What identifies this version of the file's content (a git blob id), when the source knows it
   * cheaply. The loader memoises parsed files by it, so loading fifty commits parses each blob once.
   */
  version?(path: string): string | undefined;
}

/** Today's behaviour: the files on disk under `root`. */
export function diskSource(root: string): FileSource {
  return {
    async list(folder, accepts) {
      const dir = join(root, folder);
      try {
        const entries = await readdir(dir, { recursive: true, withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() && accepts(entry.name))
          .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
          .sort();
      } catch {
        return [];
      }
    },
    async read(path) {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/** Blob texts by id, shared between git sources so a blob is read from git once per process. */
export type BlobCache = Map<string, string>;


/**
 * The content of one commit, read straight from the object store: one `git ls-tree` for the file
 * list, then one `git cat-file --batch` for every blob not already in `blobs`. Nothing is checked out.
 * `ref` must already be resolved (see `resolveCommit`).
 */
export function gitSource(root: string, ref: string, blobs: BlobCache = new Map()): FileSource {
  let tree: Promise<Map<string, TreeEntry>> | undefined;
  let fetched: Promise<void> | undefined;
  let known: Map<string, TreeEntry> | undefined;
  const entries = () => {
    tree ??= gitTree(root, ref, CONTENT_ROOTS).then((list) => (known = new Map(list.map((entry) => [entry.path, entry]))));
    return tree;
  };
  // Every content blob of the commit in one batch: the loader reads them all anyway.
  const fetchAll = () => {
    fetched ??= entries().then(async (files) => {
      const missing = [...new Set([...files.values()].map((entry) => entry.id).filter((id) => !blobs.has(id)))];
      for (const [id, text] of await gitBlobs(root, missing)) blobs.set(id, text);
    });
    return fetched;
  };
  return {
    async list(folder, accepts) {
      const prefix = `${folder}/`;
      return [...(await entries()).keys()]
        .filter((path) => path.startsWith(prefix) && accepts(path.slice(path.lastIndexOf('/') + 1)))
        .sort();
    },
    async read(path) {
      const entry = (await entries()).get(path);
      if (!entry) return null;
      if (!blobs.has(entry.id)) await fetchAll();
      return blobs.get(entry.id) ?? null;
    },
    version(path) {
      return known?.get(path)?.id;
    },
  };
}
