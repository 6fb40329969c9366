import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { extractFrontmatter } from '@astrojs/markdown-remark';
import type { z } from 'astro/zod';
import { ClientSchema, CompanySchema, EmailSchema, PhasesSchema, PlaybookSchema, SopSchema, TeamSchema } from '../../schemas';
import type { Diagnostic } from '../check/diagnostics';
import type { ClientEntry, EmailEntry, LibraryInput, PlaybookEntry, SopEntry } from './library';
import { schemaDiagnostics } from './schema-diagnostics';
import { load as loadYaml } from 'js-yaml';
import { parseYamlSource, rangePosition, type YamlSource } from './yaml-positions';
import { diskSource, type FileSource } from './file-sources';

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

/** Parsed files by path and content version, reused across loads (see `FileSource.version`). */
export type LoadMemo = Map<string, { record: SourceRecord; entry: object | null; diagnostics: Diagnostic[] }>;

export interface LoadOptions {
  /** Where the files come from: the disk under `root` (default) or a git commit (`gitSource`). */
  source?: FileSource;
  /** Reuse files already parsed in another load whose source gave the same `version`. */
  memo?: LoadMemo;
}

/**
 * Loads and validates every content file of a project. `root` is the project folder on disk; pass
 * `options.source` to read another version of it (a commit) through the same schemas.
 */
export async function loadContent(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const source = options.source ?? diskSource(root);
  const memo = options.memo;
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, SourceRecord>();
  const invalid = new Set<string>();

  const validate = <S extends z.ZodType>(record: SourceRecord, schema: S, label: string): { data: z.output<S> | null; found: Diagnostic[] } => {
    if (record.yamlError) {
      // The positioned parser usually says more precisely where the YAML went wrong.
      const errors = record.source.document.errors;
      const reported = errors.length > 0
        ? errors.map((error) => ({ ...rangePosition(record.source, error.pos[0], error.pos[1]), message: error.message.split('\n')[0]! }))
        : [{ line: record.yamlError.line, column: record.yamlError.column, message: record.yamlError.message }];
      const found = reported.map((error): Diagnostic => ({
        file: record.file,
        ...error,
        rule: 'yaml',
        severity: 'error',
        message: `the YAML does not parse: ${error.message}`,
        hint: 'check the indentation and quote values that contain ": " or start with a special character',
      }));
      return { data: null, found };
    }
    const result = schema.safeParse(record.value ?? {}, { reportInput: true });
    if (result.success) return { data: result.data, found: [] };
    return { data: null, found: schemaDiagnostics(record.source, schema, result.error.issues, label) };
  };

  // Memo keys: the source's cheap version id (a git blob id) before reading, else the text's blob id after.
  const memoKey = (file: string) => {
    const version = memo && source.version?.(file);
    return version ? `${file}\0${version}` : undefined;
  };

  /** Reads, parses and validates one file (or takes it from the memo), recording its source and problems. */
  const loadFile = async <T extends object>(
    file: string,
    kind: 'yaml' | 'markdown',
    build: (record: SourceRecord) => { entry: T | null; found: Diagnostic[] },
    preread?: Promise<string | null>,
  ): Promise<T | null | undefined> => {
    let key = memoKey(file);
    let loaded = key ? memo!.get(key) : undefined;
    if (!loaded) {
      const text = await (preread ?? source.read(file));
      if (text === null && kind === 'yaml') return undefined;
      if (memo && !key) {
        // The id git would give this text: a working-tree file equal to a commit's shares its parse.
        key = `${file}\0${blobId(text ?? '')}`;
        loaded = memo.get(key);
      }
      if (!loaded) {
        const record = kind === 'yaml' ? createSourceRecord(file, text!) : markdownRecord(file, text ?? '');
        const { entry, found } = build(record);
        loaded = { record, entry, diagnostics: found };
        if (key) memo!.set(key, loaded);
      }
    }
    sources.set(file, loaded.record);
    diagnostics.push(...loaded.diagnostics);
    return loaded.entry as T | null;
  };

  const single = async <S extends z.ZodType>(file: string, schema: S, label: string) => {
    const entry = await loadFile(file, 'yaml', (record) => {
      const { data, found } = validate(record, schema, label);
      return { entry: data === null ? null : { data }, found };
    });
    if (entry === undefined) {
      diagnostics.push({ file, line: 1, column: 1, rule: 'missing-file', severity: 'error', message: 'this file is missing', hint: 'create it; the README shows an example' });
    }
    return entry ? entry.data : null;
  };

  const collection = async <S extends z.ZodType, T extends object>(
    folder: string,
    pattern: RegExp,
    kind: 'yaml' | 'markdown',
    schema: S,
    label: string,
    toEntry: (data: z.output<S>, id: string, record: SourceRecord) => T,
  ): Promise<T[]> => {
    const files = await source.list(folder, pattern);
    // Ask for every file not parsed before at once: the disk reads in parallel, git answers in one batch.
    const texts = new Map(files.filter((file) => !memo?.has(memoKey(file) ?? '')).map((file) => [file, source.read(file)]));
    const entries: T[] = [];
    for (const file of files) {
      const id = entryId(file, folder);
      const entry = await loadFile(file, kind, (record) => {
        const { data, found } = validate(record, schema, label);
        return { entry: data === null ? null : toEntry(data, id, record), found };
      }, texts.get(file));
      if (entry) entries.push(entry);
      else invalid.add(`${folder}/${id}`);
    }
    return entries;
  };

  const company = await single(CONTENT_PATHS.company, CompanySchema, 'the company file');
  const team = await single(CONTENT_PATHS.team, TeamSchema, 'the team file');
  const phases = await single(CONTENT_PATHS.phases, PhasesSchema, 'the phases file');
  const clients: ClientEntry[] = await collection(CONTENT_PATHS.clients, /\.ya?ml$/, 'yaml', ClientSchema, 'a client record', (data, id) => ({ ...data, id }));
  const playbooks: PlaybookEntry[] = await collection(CONTENT_PATHS.playbooks, /\.ya?ml$/, 'yaml', PlaybookSchema, 'a playbook', (data, id) => ({ ...data, id }));
  const emails: EmailEntry[] = await collection(CONTENT_PATHS.emails, /\.md$/, 'markdown', EmailSchema, 'an email template', (data, id, record) => ({ ...data, id, body: record.body ?? '' }));
  const sops: SopEntry[] = await collection(CONTENT_PATHS.sops, /\.mdx?$/, 'markdown', SopSchema, 'an SOP', (data, id) => ({ ...data, id }));

  const input = company && team && phases ? { company, team, phases, sops, emails, playbooks, clients } : null;
  return { input, diagnostics, sources, invalid };
}

/** Git's id for a blob with this text (`git hash-object`). */
function blobId(text: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex');
}

/** Splits a Markdown file into its frontmatter (as a source record) and its body. */
function markdownRecord(file: string, text: string): SourceRecord {
  const raw = extractFrontmatter(text);
  if (raw === undefined) return createSourceRecord(file, '', 1, { body: text, bodyLine: 1 });
  const start = text.indexOf(raw);
  const firstLine = text.slice(0, start).split('\n').length;
  const end = start + raw.length + 3; // the closing ---
  const afterClose = text.indexOf('\n', end);
  const bodyStart = afterClose === -1 ? text.length : afterClose + 1;
  return createSourceRecord(file, raw, firstLine, { body: text.slice(bodyStart), bodyLine: text.slice(0, bodyStart).split('\n').length });
}

/** An entry's id: its path under the folder, without extension, as Astro's glob loader names it. */
export function entryId(path: string, base: string): string {
  // Content paths are relative with `/` (a FileSource gives them so): a slice, not path.relative.
  const rel = path.startsWith(`${base}/`) ? path.slice(base.length + 1) : relative(base, path).split(sep).join('/');
  return rel.replace(/\.[^./]+$/, '');
}
