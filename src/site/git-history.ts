import { recentChanges, type ContentCommit } from '../lib/history/recent-changes';
import { readFileHistory, type FileHistory } from '../lib/history/file-history';
import { CLIENT_PAGES } from './options';

/**
 * Git history for the site, read once per build and shared by every page. The build runs from the
 * project folder, so that is where git looks; without git the maps are simply empty.
 */
let files: Promise<Map<string, FileHistory>> | undefined;
let changes: Promise<ContentCommit[]> | undefined;

/** The last commit of every content file. */
export function getFileHistory(): Promise<Map<string, FileHistory>> {
  files ??= readFileHistory(process.cwd());
  return files;
}

/** The last 50 content commits with their semantic summaries (no client records without client pages). */
export function getRecentChanges(): Promise<ContentCommit[]> {
  changes ??= recentChanges(process.cwd(), { limit: 50, clients: CLIENT_PAGES });
  return changes;
}
