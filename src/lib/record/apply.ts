import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoneEntry } from '../../schemas';
import type { Diagnostic } from '../check/diagnostics';
import { validateProject } from '../check/validate';
import { diskSource, withFileText } from '../content/file-sources';
import type { LoadMemo } from '../content/load';
import { writeFileAtomically } from './write-atomically';
import { RecordEditError, setDoneEntry } from './yaml-edit';

/** What became of one record edit. */
export type RecordEditOutcome =
  /** The file already said exactly this: nothing written. */
  | { kind: 'unchanged' }
  /** The file's `done:` cannot be edited in place (not a map, say): nothing written. */
  | { kind: 'unreadable'; message: string }
  /** The new entry would not pass `check`: nothing written; `edited` is the text as it would have been. */
  | { kind: 'refused'; errors: Diagnostic[]; edited: string }
  /** Written; `warnings` are `check`'s warnings about this entry (an answer still missing, say). */
  | { kind: 'written'; warnings: Diagnostic[]; edited: string };

export interface RecordEditOptions {
  /** The day dates are judged against (as `check` resolves it). */
  today: string;
  memo?: LoadMemo;
  cache?: boolean;
}

/**
 * Writes or removes one `done:` entry in a client file, the one way `npm run done` and the dev server's
 * tick endpoint both record: the file is edited in place (`setDoneEntry`: comments and order kept), the
 * library as it would be goes through `check`'s own pipeline, and the file is replaced atomically only
 * when `check` finds no error in this entry. Problems elsewhere in the library are not this edit's.
 */
export async function applyRecordEdit(root: string, file: string, globalId: string, entry: DoneEntry | null, options: RecordEditOptions): Promise<RecordEditOutcome> {
  const path = join(root, file);
  const text = await readFile(path, 'utf8');
  let edited: string;
  try {
    edited = setDoneEntry(text, globalId, entry);
  } catch (error) {
    if (error instanceof RecordEditError) return { kind: 'unreadable', message: error.message };
    throw error;
  }
  if (edited === text) return { kind: 'unchanged' };

  const { diagnostics } = await validateProject(root, {
    today: options.today,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
    ...(options.memo ? { memo: options.memo } : {}),
    source: withFileText(diskSource(root), file, edited),
  });
  const field = `done.${globalId}`;
  const own = diagnostics.filter((found) => found.file === file && (found.message.startsWith(`${field}.`) || found.message.startsWith(`${field}:`)));
  const errors = own.filter((found) => found.severity === 'error');
  if (errors.length > 0) return { kind: 'refused', errors, edited };
  await writeFileAtomically(path, edited);
  return { kind: 'written', warnings: own.filter((found) => found.severity === 'warning'), edited };
}
