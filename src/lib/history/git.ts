import { spawn } from 'node:child_process';

/**
 * The few git plumbing commands Sendoff needs, run with `spawn` (no shell, arguments never
 * interpreted). Everything reads the object store; nothing checks out, stashes or writes to the repo.
 */

/** git failed, or is not there: `message` is git's own first line of complaint. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git in `root` and returns its standard output as bytes. */
export function runGit(root: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // GIT_OPTIONAL_LOCKS=0: reading must never take the index lock a concurrent `git commit` needs.
    const child = spawn('git', args, { cwd: root, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`git could not be started (${error.message})`, args)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else {
        const first = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
        reject(new GitError(first || `git ${args[0]} exited with code ${code}`, args));
      }
    });
    child.stdin.on('error', () => {}); // git may exit before reading all of its input; 'close' reports why
    child.stdin.end(input ?? '');
  });
}

const text = async (root: string, args: readonly string[]) => (await runGit(root, args)).toString('utf8');

/** The commit a ref names (`origin/main`, `HEAD~2`, a sha), or null when there is no such commit. */
export async function resolveCommit(root: string, ref: string): Promise<string | null> {
  try {
    return (await text(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim() || null;
  } catch {
    return null;
  }
}

/** Whether `root` is inside a git work tree (false when git itself is missing). */
export async function isGitRepository(root: string): Promise<boolean> {
  try {
    return (await text(root, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

/** The best common ancestor of two commits, or null when they share none. */
export async function mergeBase(root: string, a: string, b: string): Promise<string | null> {
  try {
    return (await text(root, ['merge-base', a, b])).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Commits at the edge of a shallow clone. Their parents are missing, so git shows every file as added
 * in them: a "last changed" date that points at one is the clone's depth, not the file's history.
 */
export async function shallowBoundaries(root: string): Promise<Set<string>> {
  try {
    if ((await text(root, ['rev-parse', '--is-shallow-repository'])).trim() !== 'true') return new Set();
    const file = (await text(root, ['rev-parse', '--git-path', 'shallow'])).trim();
    const { readFile } = await import('node:fs/promises');
    const { resolve } = await import('node:path');
    return new Set((await readFile(resolve(root, file), 'utf8')).split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

/** One file of a commit's tree. */
export interface TreeEntry {
  /** Relative to the root git ran in, with `/`. */
  path: string;
  /** Blob id. */
  id: string;
  /** A symbolic link (mode 120000): its blob is the target's path, not content. */
  symlink: boolean;
}

/** The files of a commit under some folders (relative to `root`), with their blob ids. */
export async function gitTree(root: string, commit: string, folders: readonly string[]): Promise<TreeEntry[]> {
  const out = await text(root, ['ls-tree', '-r', '-z', '--end-of-options', commit, '--', ...folders]);
  return out
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, id] = line.slice(0, tab).split(' ');
      return type === 'blob' && id ? [{ path: line.slice(tab + 1), id, symlink: mode === '120000' }] : [];
    });
}

/** The bytes of many blobs in one `git cat-file --batch` call. */
export async function gitBlobs(root: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const result = new Map<string, Buffer>();
  if (ids.length === 0) return result;
  const out = await runGit(root, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    result.set(header[0]!, out.subarray(at, at + size));
    at += size + 1; // the content, then a newline
  }
  return result;
}
