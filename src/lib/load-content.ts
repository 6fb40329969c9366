import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { extractFrontmatter } from '@astrojs/markdown-remark';
import type { z } from 'astro/zod';
import { ClientSchema, CompanySchema, EmailSchema, PhasesSchema, PlaybookSchema, SopSchema, TeamSchema } from '../schemas';
import type { Diagnostic } from './diagnostics';
import type { ClientEntry, EmailEntry, LibraryInput, PlaybookEntry, SopEntry } from './library';
import { schemaDiagnostics } from './schema-issues';
import { load as loadYaml } from 'js-yaml';
import { parseYamlSource, rangePosition, type YamlSource } from './source-file';

/**
 * Reads a Sendoff content folder straight from disk (no Astro build), validates every file against the
 * schemas, and returns the data with every problem as a positioned diagnostic. `sendoff check`, the
 * build's pre-flight and the tests all load content through here.
 */

/** Where each kind of content lives, relative to the project root. */
export const CONTENT_PATHS = {
  company: 'content/company.yaml',
  team: 'content/team.yaml',
  phases: 'content/phases.yaml',
  clients: 'content/clients',
  playbooks: 'templates/playbooks',
  emails: 'templates/emails',
  sops: 'sops',
} as const;

/**
 * A loaded file: its YAML (whole file or frontmatter) and, for Markdown, its body and first body line.
 * `value` comes from js-yaml, the parser Astro itself uses for frontmatter and data files, so check
 * sees exactly what the site sees; `source`, with positions, is built only when a rule asks for it.
 */
export interface SourceRecord {
  file: string;
  value: unknown;
  /** Why js-yaml could not read the file, if it could not. */
  yamlError?: { message: string; line: number; column: number };
  readonly source: YamlSource;
  body?: string;
  bodyLine?: number;
}

/** Reads YAML text fast with js-yaml; the positioned `yaml` document is parsed on first use. */
export function createSourceRecord(file: string, text: string, firstLine = 1, extra: Pick<SourceRecord, 'body' | 'bodyLine'> = {}): SourceRecord {
  let value: unknown;
  let yamlError: SourceRecord['yamlError'];
  try {
    value = loadYaml(text);
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    yamlError = { message: reason, line: (mark?.line ?? 0) + firstLine, column: (mark?.column ?? 0) + 1 };
  }
  let source: YamlSource | undefined;
  return {
    file,
    value,
    ...(yamlError ? { yamlError } : {}),
    ...extra,
    get source() {
      source ??= parseYamlSource(file, text, firstLine);
      return source;
    },
  };
}

export interface LoadResult {
  /** Every file that parsed and validated; entries that failed are left out. */
  input: LibraryInput | null;
  diagnostics: Diagnostic[];
  /** Sources by relative path, so later rules can position their findings. */
  sources: Map<string, SourceRecord>;
  /** Ids of entries that exist but failed validation (`sops/x`): references to them are not reported again. */
  invalid: Set<string>;
}

export async function loadContent(root: string): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, SourceRecord>();
  const invalid = new Set<string>();
  const rel = (path: string) => relative(root, path).split(sep).join('/');

  const validate = <S extends z.ZodType>(record: SourceRecord, schema: S, label: string): z.output<S> | null => {
    sources.set(record.file, record);
    if (record.yamlError) {
      // The positioned parser usually says more precisely where the YAML went wrong.
      const errors = record.source.document.errors;
      const reported = errors.length > 0
        ? errors.map((error) => ({ ...rangePosition(record.source, error.pos[0], error.pos[1]), message: error.message.split('\n')[0]! }))
        : [{ line: record.yamlError.line, column: record.yamlError.column, message: record.yamlError.message }];
      for (const error of reported) {
        diagnostics.push({
          file: record.file,
          ...error,
          rule: 'yaml',
          severity: 'error',
          message: `the YAML does not parse: ${error.message}`,
          hint: 'check the indentation and quote values that contain ": " or start with a special character',
        });
      }
      return null;
    }
    const result = schema.safeParse(record.value ?? {}, { reportInput: true });
    if (result.success) return result.data;
    diagnostics.push(...schemaDiagnostics(record.source, schema, result.error.issues, label));
    return null;
  };

  const readYaml = async (path: string): Promise<SourceRecord | null> => {
    const text = await readText(path);
    if (text === null) {
      diagnostics.push({ file: rel(path), line: 1, column: 1, rule: 'missing-file', severity: 'error', message: 'this file is missing', hint: 'create it; the README shows an example' });
      return null;
    }
    return createSourceRecord(rel(path), text);
  };

  const readMarkdown = async (path: string): Promise<SourceRecord> => {
    const text = (await readText(path)) ?? '';
    const raw = extractFrontmatter(text);
    const file = rel(path);
    if (raw === undefined) return createSourceRecord(file, '', 1, { body: text, bodyLine: 1 });
    const start = text.indexOf(raw);
    const firstLine = text.slice(0, start).split('\n').length;
    const end = start + raw.length + 3; // the closing ---
    const afterClose = text.indexOf('\n', end);
    const bodyStart = afterClose === -1 ? text.length : afterClose + 1;
    return createSourceRecord(file, raw, firstLine, { body: text.slice(bodyStart), bodyLine: text.slice(0, bodyStart).split('\n').length });
  };

  const single = async <S extends z.ZodType>(path: string, schema: S, label: string) => {
    const record = await readYaml(join(root, path));
    return record ? validate(record, schema, label) : null;
  };
  const company = await single(CONTENT_PATHS.company, CompanySchema, 'the company file');
  const team = await single(CONTENT_PATHS.team, TeamSchema, 'the team file');
  const phases = await single(CONTENT_PATHS.phases, PhasesSchema, 'the phases file');

  const clients: ClientEntry[] = [];
  for (const path of await listFiles(join(root, CONTENT_PATHS.clients), /\.ya?ml$/)) {
    const record = await readYaml(path);
    const id = entryId(path, join(root, CONTENT_PATHS.clients));
    const data = record && validate(record, ClientSchema, 'a client record');
    if (data) clients.push({ ...data, id });
    else invalid.add(`${CONTENT_PATHS.clients}/${id}`);
  }
  const playbooks: PlaybookEntry[] = [];
  for (const path of await listFiles(join(root, CONTENT_PATHS.playbooks), /\.ya?ml$/)) {
    const record = await readYaml(path);
    const id = entryId(path, join(root, CONTENT_PATHS.playbooks));
    const data = record && validate(record, PlaybookSchema, 'a playbook');
    if (data) playbooks.push({ ...data, id });
    else invalid.add(`${CONTENT_PATHS.playbooks}/${id}`);
  }
  const emails: EmailEntry[] = [];
  for (const path of await listFiles(join(root, CONTENT_PATHS.emails), /\.md$/)) {
    const record = await readMarkdown(path);
    const id = entryId(path, join(root, CONTENT_PATHS.emails));
    const data = validate(record, EmailSchema, 'an email template');
    if (data) emails.push({ ...data, id, body: record.body ?? '' });
    else invalid.add(`${CONTENT_PATHS.emails}/${id}`);
  }
  const sops: SopEntry[] = [];
  for (const path of await listFiles(join(root, CONTENT_PATHS.sops), /\.mdx?$/)) {
    const record = await readMarkdown(path);
    const id = entryId(path, join(root, CONTENT_PATHS.sops));
    const data = validate(record, SopSchema, 'an SOP');
    if (data) sops.push({ ...data, id });
    else invalid.add(`${CONTENT_PATHS.sops}/${id}`);
  }

  const input = company && team && phases ? { company, team, phases, sops, emails, playbooks, clients } : null;
  return { input, diagnostics, sources, invalid };
}

/** An entry's id: its path under the folder, without extension, as Astro's glob loader names it. */
export function entryId(path: string, base: string): string {
  return relative(base, path).split(sep).join('/').replace(/\.[^./]+$/, '');
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

async function listFiles(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && pattern.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [];
  }
}
