import type { z } from 'astro/zod';
import { ClientSchema, CompanySchema, EmailSchema, PhasesSchema, PlaybookSchema, SopSchema, TeamSchema } from '../../schemas';

/**
 * Which files are content: the seven kinds an author writes, where each lives, how its files are
 * read (a YAML file, or Markdown with YAML frontmatter) and which schema each file meets. `check`,
 * the build's content loaders, the dev server and `diff` all list files through this one table.
 */

interface KindBase {
  /** Text used in messages: "unknown field in an SOP". */
  label: string;
  format: 'yaml' | 'markdown';
  schema: z.ZodType;
}

/** One file that holds one document (`content/company.yaml`). */
export interface SingleKind extends KindBase {
  file: string;
}

/** A folder of entries, one per file, whose id is the file's path under the folder. */
export interface FolderKind extends KindBase {
  folder: string;
  /** Extensions that make a file an entry; other files in the folder are not content. */
  extensions: readonly string[];
  /** Whether entries may sit in subfolders (their id then has `/`, and so has their URL). */
  nested: boolean;
}

export const SINGLE_KINDS = {
  company: { file: 'content/company.yaml', format: 'yaml', schema: CompanySchema, label: 'the company file' },
  team: { file: 'content/team.yaml', format: 'yaml', schema: TeamSchema, label: 'the team file' },
  phases: { file: 'content/phases.yaml', format: 'yaml', schema: PhasesSchema, label: 'the phases file' },
} as const satisfies Record<string, SingleKind>;

export const FOLDER_KINDS = {
  clients: { folder: 'content/clients', extensions: ['.yaml', '.yml'], nested: false, format: 'yaml', schema: ClientSchema, label: 'a client record' },
  playbooks: { folder: 'templates/playbooks', extensions: ['.yaml', '.yml'], nested: false, format: 'yaml', schema: PlaybookSchema, label: 'a playbook' },
  emails: { folder: 'templates/emails', extensions: ['.md'], nested: false, format: 'markdown', schema: EmailSchema, label: 'an email template' },
  sops: { folder: 'sops', extensions: ['.md', '.mdx'], nested: true, format: 'markdown', schema: SopSchema, label: 'an SOP' },
} as const satisfies Record<string, FolderKind>;

export type SingleKindName = keyof typeof SINGLE_KINDS;
export type FolderKindName = keyof typeof FOLDER_KINDS;
export type ContentKindName = SingleKindName | FolderKindName;

/** The folders every content file lives under (what a git source lists, what the dev server watches). */
export const CONTENT_ROOTS = ['content', 'sops', 'templates'] as const;

/** Whether a project-relative path (`sops/x.mdx`) is under a content folder: a change there can change the content. */
export function isContentPath(path: string): boolean {
  return CONTENT_ROOTS.some((folder) => path.startsWith(`${folder}/`));
}

/** The folder kind a path belongs to, if any (`sops/a/b.mdx` → sops). */
export function folderKindOf(path: string): FolderKindName | undefined {
  return (Object.keys(FOLDER_KINDS) as FolderKindName[]).find((name) => path.startsWith(`${FOLDER_KINDS[name].folder}/`));
}
