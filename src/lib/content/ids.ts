import type { Diagnostic } from '../check/diagnostics';
import { FOLDER_KINDS, type FolderKindName } from './kinds';

/**
 * How a path becomes an id, the one rule every reader shares: an entry's id is its path under its
 * folder without the extension, exactly as written (`sops/close-out.mdx` → `close-out`). Nothing is
 * slugged or case-folded behind the author's back; instead a file name that is not already an id, or
 * two files that would be one page, are errors that name the files.
 */

/** One kebab-case segment: lower-case letters, digits and single hyphens. */
const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An entry's id: its path under the folder, without extension (`sops/a/b.mdx` under `sops` → `a/b`). */
export function entryId(path: string, folder: string): string {
  const rel = path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path;
  return rel.replace(/\.[^./]+$/, '');
}

/** The file name an id-shaped name would have: `Close Out_v2` → `close-out-v2`. */
export function suggestId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'untitled';
}

/**
 * The id a file is meant to have when its name is not one (`sops/Pay.mdx` → `pay`, a client in a
 * subfolder → its name), or null when it is one. Other files' references to that id are right: the
 * file's name is what is wrong.
 */
export function intendedId(kind: FolderKindName, file: string): string | null {
  const { folder, nested } = FOLDER_KINDS[kind];
  const segments = entryId(file, folder).split('/');
  if (!nested && segments.length > 1) return suggestId(segments.at(-1)!);
  return segments.every((segment) => SEGMENT.test(segment)) ? null : segments.map(suggestId).join('/');
}

/**
 * Problems with the names of one folder's files: a name that is not an id (with the name it should
 * have), a file in a subfolder where the kind allows none, and files that would be one entry
 * (`x.yaml` and `x.yml`, `Referral-Ask.mdx` and `referral-ask.mdx`), reported at each of them.
 */
export function fileNameDiagnostics(kind: FolderKindName, files: readonly string[]): Diagnostic[] {
  const { folder, nested } = FOLDER_KINDS[kind];
  const found: Diagnostic[] = [];
  const byFoldedId = new Map<string, string[]>();
  for (const file of files) {
    const id = entryId(file, folder);
    const segments = id.split('/');
    const extension = file.slice(file.lastIndexOf('.'));
    const intended = intendedId(kind, file);
    if (intended !== null && !nested && segments.length > 1) {
      found.push(at(file, 'file-name', `this file is in a subfolder of ${folder}/, where entries cannot be`, `move it to ${folder}/${intended}${extension}`));
    } else if (intended !== null) {
      found.push(at(file, 'file-name', `the file name "${id}" is not an id: ids are lower-case letters, digits and hyphens, and become the page's address`, `rename the file to ${folder}/${intended}${extension}`));
    }
    const folded = segments.map(suggestId).join('/');
    byFoldedId.set(folded, [...(byFoldedId.get(folded) ?? []), file]);
  }
  for (const [id, group] of byFoldedId) {
    if (group.length < 2) continue;
    for (const file of group) {
      const others = group.filter((other) => other !== file).join(' and ');
      found.push(at(file, 'duplicate-file', `this file and ${others} would both be the entry "${id}", and only one page can have that address`, 'keep one of them: merge the two, or rename one'));
    }
  }
  return found;
}

function at(file: string, rule: 'file-name' | 'duplicate-file', message: string, hint: string): Diagnostic {
  return { file, line: 1, column: 1, rule, severity: 'error', message, hint };
}

/**
 * An item id as a short name for tight spaces ("Depends on"): `send-handover` → "Send handover", and
 * `deliverables-handover#send-handover` the same (the part after `#`). The full task goes in a tooltip.
 */
export function shortTaskName(id: string): string {
  const words = (id.split('#').at(-1) ?? id).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
