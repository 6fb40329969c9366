import { runGit, shallowBoundaries } from './git';

/** The last commit that changed a file. */
export interface FileHistory {
  /** When, as an ISO instant (`2026-11-20T14:03:11+01:00`). */
  date: string;
  author: string;
  commit: string;
}

/** The folders whose files have pages. */
export const CONTENT_FOLDERS = ['sops', 'templates', 'content'] as const;

/**
 * The last change to every content file, from one `git log --name-only` pass (so a build with a
 * thousand pages runs git once, not a thousand times). Paths are relative to `root`.
 *
 * Degrades quietly: without git, outside a repository, or in a shallow clone's oldest commit (whose
 * "changes" are every file that existed, not real edits), a file simply has no entry.
 */
export async function readFileHistory(root: string, folders: readonly string[] = CONTENT_FOLDERS): Promise<Map<string, FileHistory>> {
  const history = new Map<string, FileHistory>();
  let out: string;
  try {
    out = (await runGit(root, ['log', '--no-renames', '--relative', '--name-only', '--format=%x1e%H%x1f%aI%x1f%an', '--', ...folders])).toString('utf8');
  } catch {
    return history;
  }
  const boundaries = await shallowBoundaries(root);
  for (const block of out.split('\x1e').slice(1)) {
    const [header = '', ...files] = block.split('\n');
    const [commit = '', date = '', author = ''] = header.split('\x1f');
    if (boundaries.has(commit)) continue;
    for (const file of files) if (file && !history.has(file)) history.set(file, { date, author, commit });
  }
  return history;
}

/** URL shapes of the hosts we know; any other host gets GitHub's (GitHub Enterprise runs on its own domain). */
const REPO_HOSTS: Record<string, { edit: string; history: string; commit: string }> = {
  'github.com': { edit: '/edit/{branch}/{path}', history: '/commits/{branch}/{path}', commit: '/commit/{sha}' },
  'gitlab.com': { edit: '/-/edit/{branch}/{path}', history: '/-/commits/{branch}/{path}', commit: '/-/commit/{sha}' },
  'bitbucket.org': { edit: '/src/{branch}/{path}?mode=edit', history: '/history-node/{branch}/{path}', commit: '/commits/{sha}' },
};

function shapes(repo: string) {
  const base = repo.replace(/\.git$/, '').replace(/\/+$/, '');
  let host = '';
  try {
    host = new URL(base).hostname;
  } catch {
    return null;
  }
  return { base, shape: Object.hasOwn(REPO_HOSTS, host) ? REPO_HOSTS[host]! : REPO_HOSTS['github.com']! };
}

/** "Edit this page" and "History" links for a file, from `company.repo`; null without a repo URL. */
export function repoLinks(repo: string | undefined, path: string, branch = 'main'): { edit: string; history: string } | null {
  const found = repo && /^https?:\/\//.test(repo) ? shapes(repo) : null;
  if (!found) return null;
  const fill = (template: string) => found.base + template.replace('{branch}', encodeURIComponent(branch)).replace('{path}', path.split('/').map(encodeURIComponent).join('/'));
  return { edit: fill(found.shape.edit), history: fill(found.shape.history) };
}

/** A commit's page on the repository host, or null without a repo URL. */
export function commitLink(repo: string | undefined, sha: string): string | null {
  const found = repo && /^https?:\/\//.test(repo) ? shapes(repo) : null;
  return found ? found.base + found.shape.commit.replace('{sha}', sha) : null;
}
