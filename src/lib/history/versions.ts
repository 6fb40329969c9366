import type { Diagnostic } from '../check/diagnostics';
import { diffLibraries, type DiffSide } from '../diff/compare';
import type { DiffReport, VersionLabel } from '../diff/types';
import { diskSource, gitSource, type BlobCache } from '../content/file-sources';
import { isGitRepository, mergeBase, resolveCommit } from './git';
import { resolveToday } from '../run/today';
import { loadContent, type LoadMemo, type LoadResult } from '../content/load';

/**
 * Loads whole versions of the content (the working tree, or any commit read straight from git) and
 * diffs them. The CLI's `diff` and the `/changes/` page both come through here.
 */

/** A problem the user can fix (a ref that does not exist, a version that does not parse): exit 2, no stack. */
export class VersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VersionError';
  }
}

/** The diff's view of a load: the library plus SOP bodies and file names. */
export function toDiffSide(result: LoadResult): DiffSide | null {
  if (!result.input) return null;
  const sopBodies = new Map<string, string>();
  for (const sop of result.input.sops) {
    const body = result.sources.get(result.files.get(`sops/${sop.id}`)!)?.body;
    if (body !== undefined) sopBodies.set(sop.id, body);
  }
  const { files } = result;
  return { ...result.input, sopBodies, fileOf: (folder, id) => files.get(`${folder}/${id}`) ?? `${folder}/${id}` };
}

export interface LoadedVersion {
  label: VersionLabel;
  side: DiffSide | null;
  result: LoadResult;
}

/** Shared caches for loading many commits: blob texts and parsed files. */
export interface VersionCache {
  blobs: BlobCache;
  memo: LoadMemo;
}
export const createVersionCache = (): VersionCache => ({ blobs: new Map(), memo: new Map() });

/** Loads a commit (already resolved) or, with `commit` null, the working tree. */
export async function loadVersion(root: string, ref: string, commit: string | null, cache: VersionCache = createVersionCache()): Promise<LoadedVersion> {
  const source = commit ? gitSource(root, commit, cache.blobs) : diskSource(root);
  const result = await loadContent(root, { source, memo: cache.memo });
  return { label: { ref, commit }, side: toDiffSide(result), result };
}

/**
 * A ref as a message may show it, and paste it into a command. Refs come from the command line and
 * from CI variables (a fork's branch name): one like `$(rm -rf ~)`, or with control characters, must
 * never reach a command the message suggests, nor the terminal raw. A plain name is shown as it is;
 * any other as a JSON string (quoted, control characters escaped), and it is left out of commands.
 */
function refForMessage(ref: string): { shown: string; command: string | null } {
  if (/^[A-Za-z0-9._/][A-Za-z0-9._/-]*$/.test(ref)) return { shown: `\`${ref}\``, command: ref };
  const quoted = JSON.stringify(ref).replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return { shown: quoted, command: null };
}

/** A ref that names no commit: what to check, with a command to paste when the ref is safe in one. */
function notACommit(ref: string, more = ''): VersionError {
  const { shown, command } = refForMessage(ref);
  const check = command ? `Check the spelling with \`git log --oneline ${command}\`` : 'Check the spelling with `git branch --all` and `git log --oneline`';
  return new VersionError(`${shown} is not a commit in this repository. ${check}${more}.`);
}

/** One paragraph naming the first few problems: why a version cannot be compared. */
function unparseable(which: string, label: VersionLabel, diagnostics: readonly Diagnostic[]): VersionError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const listed = errors.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  const name = label.commit ? `${refForMessage(label.ref).shown} (${label.commit.slice(0, 7)})` : 'the working tree';
  const fix = label.commit
    ? 'Compare with another --base, or fix the content there first.'
    : 'Run `npm run check` and fix these first: the diff compares valid content only, so nothing is misread as removed.';
  return new VersionError(`The ${which} version, ${name}, does not load cleanly: ${listed}${more}. ${fix}`);
}

/** Candidates for the default base, in order: the merge-base with the first that exists. */
const DEFAULT_BASES = ['main', 'origin/main', 'master', 'origin/master'];

/** Resolves `--base` (default: where HEAD left `main`), with a note when it had to fall back. */
export async function resolveBase(root: string, base: string | undefined): Promise<{ ref: string; commit: string; note?: string }> {
  if (base) {
    const commit = await resolveCommit(root, base);
    if (!commit) throw notACommit(base, '; a remote branch needs fetching first (in GitHub Actions, check out with `fetch-depth: 0`)');
    return { ref: base, commit };
  }
  const head = await resolveCommit(root, 'HEAD');
  if (!head) throw new VersionError('This repository has no commit yet, so there is nothing to compare with. Commit the content once, then run the diff.');
  for (const candidate of DEFAULT_BASES) {
    const tip = await resolveCommit(root, candidate);
    if (!tip) continue;
    const commit = await mergeBase(root, 'HEAD', tip);
    if (commit) return { ref: commit === tip ? candidate : `merge-base of HEAD and ${candidate}`, commit };
  }
  return { ref: 'HEAD', commit: head, note: 'No `main` branch here: comparing with the last commit (HEAD). Pass --base <ref> to choose.' };
}

export interface DiffProjectOptions {
  /** Ref to compare from; default the merge-base of HEAD and main. */
  base?: string;
  /** Ref to compare to; default the working tree. */
  head?: string;
  /** Clients whose contract ends this day or later are checked for impact; default today in the company's time zone. */
  today?: string | undefined;
}

/**
 * `sendoff diff`: loads both versions through the same schemas and returns the semantic diff, plus a
 * note when the base had to be guessed. Throws `VersionError` for anything the user must fix.
 */
export async function diffProject(root: string, options: DiffProjectOptions): Promise<{ report: DiffReport; note?: string }> {
  if (!(await isGitRepository(root))) {
    throw new VersionError(`${root} is not inside a git repository (or git is not installed), so there is no earlier version to compare with.`);
  }
  const base = await resolveBase(root, options.base);
  let headCommit: string | null = null;
  if (options.head) {
    headCommit = await resolveCommit(root, options.head);
    if (!headCommit) throw notACommit(options.head);
  }
  const cache = createVersionCache();
  const before = await loadVersion(root, base.ref, base.commit, cache);
  const after = await loadVersion(root, options.head ?? 'working tree', headCommit, cache);
  if (!before.side || before.result.diagnostics.some((d) => d.severity === 'error')) throw unparseable('base', before.label, before.result.diagnostics);
  if (!after.side || after.result.diagnostics.some((d) => d.severity === 'error')) throw unparseable('head', after.label, after.result.diagnostics);
  const on = resolveToday(after.side.company.timezone, options.today);
  const report = diffLibraries(before.side, after.side, { base: before.label, head: after.label, today: on });
  return { report, ...(base.note ? { note: base.note } : {}) };
}
