import { lstat, readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gitBlobs, gitTree, type TreeEntry } from '../history/git';
import { CONTENT_ROOTS } from './kinds';

/**
 * Where content files come from. `loadContent` reads through this, so the same loader and schemas
 * read the working tree (the default) or any commit of the repository without checking it out.
 * Paths are relative to the project root and use `/`. Both sources say which paths are symbolic
 * links (the loader refuses them: a link can publish a file from outside the repository) and decode
 * text strictly as UTF-8 (a Latin-1 file is an error at its line, not a page full of `�`).
 */
export interface FileSource {
  /** Regular files under `folder` (subfolders included) whose name `accepts`, sorted. An absent folder lists nothing. */
  list(folder: string, accepts: (fileName: string) => boolean): Promise<string[]>;
  /** Symbolic links under `folder`, sorted. */
  symlinks(folder: string): Promise<string[]>;
  /** A file's text, or null when it does not exist. Throws `NotUtf8Error` when its bytes are not UTF-8. */
  read(path: string): Promise<string | null>;
  /**
   * What identifies this version of the file's content (a git blob id), when the source knows it
   * cheaply. The loader memoises parsed files by it, so loading fifty commits parses each blob once.
   */
  version?(path: string): string | undefined;
}

/** A file whose bytes are not UTF-8, with the position of the first bad byte. */
export class NotUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super(`the file is not UTF-8 text (the first byte that is not valid UTF-8 is on line ${line})`);
    this.name = 'NotUtf8Error';
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 (a byte-order mark is dropped) or throws `NotUtf8Error` at the first bad line. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
      try {
        strict.decode(slice);
      } catch {
        // The column: where the replacement character first shows in a lenient decode of the line.
        const lenient = [...new TextDecoder().decode(slice)];
        return failAt(line, Math.max(lenient.indexOf('\uFFFD'), 0) + 1);
      }
      if (end === -1) return failAt(line, 1);
      start = end + 1;
    }
  }
}

function failAt(line: number, column: number): never {
  throw new NotUtf8Error(line, column);
}

/** The files on disk under `root`. */
export function diskSource(root: string): FileSource {
  const entries = async (folder: string) => {
    try {
      return await readdir(join(root, folder), { recursive: true, withFileTypes: true });
    } catch {
      return [];
    }
  };
  const path = (entry: { parentPath: string; name: string }) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
  return {
    async list(folder, accepts) {
      return (await entries(folder)).filter((entry) => entry.isFile() && accepts(entry.name)).map(path).sort();
    },
    async symlinks(folder) {
      return (await entries(folder)).filter((entry) => entry.isSymbolicLink()).map(path).sort();
    },
    async read(file) {
      let bytes: Buffer;
      try {
        // A link is not content (see `symlinks`); reading through it could reach outside the repository.
        if ((await lstat(join(root, file))).isSymbolicLink()) return null;
        bytes = await readFile(join(root, file));
      } catch {
        return null;
      }
      return decodeUtf8(bytes);
    },
  };
}

/** Blob bytes by id, shared between git sources so a blob is read from git once per process. */
export type BlobCache = Map<string, Buffer>;

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
      const missing = [...new Set([...files.values()].filter((entry) => !entry.symlink).map((entry) => entry.id).filter((id) => !blobs.has(id)))];
      for (const [id, bytes] of await gitBlobs(root, missing)) blobs.set(id, bytes);
    });
    return fetched;
  };
  const under = async (folder: string, symlink: boolean) =>
    [...(await entries()).values()].filter((entry) => entry.path.startsWith(`${folder}/`) && entry.symlink === symlink).map((entry) => entry.path);
  return {
    async list(folder, accepts) {
      return (await under(folder, false)).filter((path) => accepts(path.slice(path.lastIndexOf('/') + 1))).sort();
    },
    async symlinks(folder) {
      return (await under(folder, true)).sort();
    },
    async read(path) {
      const entry = (await entries()).get(path);
      if (!entry || entry.symlink) return null;
      if (!blobs.has(entry.id)) await fetchAll();
      const bytes = blobs.get(entry.id);
      return bytes === undefined ? null : decodeUtf8(bytes);
    },
    version(path) {
      return known?.get(path)?.id;
    },
  };
}

/**
 * `base` with one file's text replaced: the library as it would be after an edit, read through the same
 * loader before anything is written (`npm run done`). It has no `version`, so no memo mistakes the edited
 * file for the one on disk.
 */
export function withFileText(base: FileSource, file: string, text: string): FileSource {
  return {
    list: (folder, accepts) => base.list(folder, accepts),
    symlinks: (folder) => base.symlinks(folder),
    read: (path) => (path === file ? Promise.resolve(text) : base.read(path)),
  };
}
