import { diffLibraries, type DiffSide } from '../diff/compare';
import type { DiffReport } from '../diff/types';
import { runGit, shallowBoundaries } from './git';
import { CONTENT_FOLDERS } from './file-history';
import { createVersionCache, loadVersion, type LoadedVersion, type VersionCache } from './versions';

/** One recent commit that touched content, with what it changed in words. */
export interface ContentCommit {
  commit: string;
  /** ISO instant of the author date. */
  date: string;
  author: string;
  subject: string;
  /** Content files it touched (relative to the project root). */
  files: string[];
  /** The semantic diff against its first parent; null when it cannot be computed (see `note`). */
  report: DiffReport | null;
  /** Why there is no report, or what was left out of it. */
  note?: string;
}

export interface RecentChangesOptions {
  /** How many commits (default 50). */
  limit?: number;
  /** Leave client records out entirely (a build without client pages). */
  clients?: boolean;
}

/** Drops entries that failed validation on either side, so a broken file is not read as "removed". */
function comparable(side: DiffSide, invalid: ReadonlySet<string>): DiffSide {
  const keep = (folder: string) => (entry: { id: string }) => !invalid.has(`${folder}/${entry.id}`);
  return {
    ...side,
    sops: side.sops.filter(keep('sops')),
    emails: side.emails.filter(keep('templates/emails')),
    playbooks: side.playbooks.filter(keep('templates/playbooks')),
    clients: side.clients.filter(keep('content/clients')),
  };
}

/**
 * The last `limit` commits that changed content files (`sops/`, `templates/`, `content/`; merges left
 * out), newest first, each with its semantic summary (the
 * same diff as `sendoff diff`, without client impact). Each commit is read from git without a
 * checkout; a blob is read and parsed once however many commits share it, so the cost grows with the
 * files that changed, not with the size of the library. Returns [] without git.
 */
export async function recentChanges(root: string, options: RecentChangesOptions = {}): Promise<ContentCommit[]> {
  const folders = options.clients === false ? ['sops', 'templates', 'content/company.yaml', 'content/team.yaml', 'content/phases.yaml'] : [...CONTENT_FOLDERS];
  let out: string;
  try {
    // --no-merges: a merge lists no files of its own and repeats, against its first parent, the changes
    // its branch's commits already show; each content change appears once, under the commit that made it.
    out = (await runGit(root, ['log', `-n${options.limit ?? 50}`, '--no-merges', '--relative', '--name-only', '--format=%x1e%H%x1f%P%x1f%aI%x1f%an%x1f%s', '--', ...folders])).toString('utf8');
  } catch {
    return [];
  }
  const boundaries = await shallowBoundaries(root);
  const cache: VersionCache = createVersionCache();
  const versions = new Map<string, Promise<LoadedVersion>>();
  const version = (sha: string) => {
    let loaded = versions.get(sha);
    if (!loaded) versions.set(sha, (loaded = loadVersion(root, sha.slice(0, 7), sha, cache)));
    return loaded;
  };

  const commits: ContentCommit[] = [];
  for (const block of out.split('\x1e').slice(1)) {
    const [header = '', ...files] = block.split('\n');
    const [commit = '', parents = '', date = '', author = '', subject = ''] = header.split('\x1f');
    const entry: ContentCommit = { commit, date, author, subject, files: files.filter(Boolean), report: null };
    commits.push(entry);
    const parent = parents.split(' ')[0];
    if (!parent) {
      entry.note = boundaries.has(commit) ? 'Earlier history is not in this clone (a shallow checkout), so this commit cannot be compared.' : 'The first version of the content.';
      continue;
    }
    const [before, after] = await Promise.all([version(parent), version(commit)]);
    if (!before.side || !after.side) {
      entry.note = 'The company, team or phases file did not load in this version, so it cannot be compared.';
      continue;
    }
    const invalid = new Set([...before.result.invalid, ...after.result.invalid]);
    let report = diffLibraries(comparable(before.side, invalid), comparable(after.side, invalid), { base: before.label, head: after.label });
    if (options.clients === false) report = { ...report, clients: [], records: [] };
    entry.report = report;
    if (invalid.size > 0) entry.note = `Left out because they did not validate: ${[...invalid].sort().join(', ')}.`;
  }
  return commits;
}
