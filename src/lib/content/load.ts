import { createHash } from 'node:crypto';
import type { z } from 'astro/zod';
import { reportAs } from '../check/catalogue';
import type { Diagnostic } from '../check/diagnostics';
import type { ClientEntry, EmailEntry, LibraryInput, PlaybookEntry, SopEntry } from './library';
import { diskSource, NotUtf8Error, type FileSource } from './file-sources';
import { entryId, fileNameDiagnostics, intendedId } from './ids';
import { CONTENT_ROOTS, FOLDER_KINDS, SINGLE_KINDS, type FolderKindName, type SingleKindName } from './kinds';
import { droppedKeyIssues, schemaDiagnostics } from './schema-diagnostics';
import { parseYamlSource, type YamlProblem, type YamlSource } from './yaml-positions';

/**
 * The one content pipeline: lists the content files (`kinds.ts`), turns paths into ids (`ids.ts`),
 * parses YAML and frontmatter with the one parser (`yaml-positions.ts`) and validates every file
 * against its schema, returning the values with every problem as a positioned diagnostic. `sendoff
 * check`, the build's content loaders, the dev server, `diff` (any commit) and the tests read
 * content through here, so the same bytes give the same ids, values and diagnostics everywhere.
 */

/** Where each kind of content lives, relative to the project root. */
export const CONTENT_PATHS = {
  company: SINGLE_KINDS.company.file,
  team: SINGLE_KINDS.team.file,
  phases: SINGLE_KINDS.phases.file,
  clients: FOLDER_KINDS.clients.folder,
  playbooks: FOLDER_KINDS.playbooks.folder,
  emails: FOLDER_KINDS.emails.folder,
  sops: FOLDER_KINDS.sops.folder,
} as const;

/** A loaded file: its YAML (whole file or frontmatter) with positions and, for Markdown, its body. */
export interface SourceRecord {
  file: string;
  /** The parsed YAML value; undefined when the YAML does not parse. */
  value: unknown;
  /** Why the YAML could not be read, if it could not: every problem, positioned (empty when it parsed). */
  yamlProblems: YamlProblem[];
  readonly source: YamlSource;
  body?: string;
  /** The file line the body starts on. */
  bodyLine?: number;
  /** The whole file's text (the content loaders hash it). */
  text: string;
}

/** Parses one file's YAML text into a source record. */
export function createSourceRecord(file: string, text: string, firstLine = 1, extra: Pick<SourceRecord, 'body' | 'bodyLine'> & { text?: string } = {}): SourceRecord {
  const { problems, ...source } = parseYamlSource(file, text, firstLine);
  return {
    file,
    value: source.value,
    yamlProblems: problems,
    ...(extra.body !== undefined ? { body: extra.body } : {}),
    ...(extra.bodyLine !== undefined ? { bodyLine: extra.bodyLine } : {}),
    text: extra.text ?? text,
    source,
  };
}

/** The valid entries of every kind, whether or not the library as a whole is complete. */
export interface LoadedEntries {
  company: LibraryInput['company'] | null;
  team: LibraryInput['team'] | null;
  phases: LibraryInput['phases'] | null;
  sops: SopEntry[];
  emails: EmailEntry[];
  playbooks: PlaybookEntry[];
  clients: ClientEntry[];
}

export interface LoadResult {
  /** Every file that parsed and validated, when company, team and phases all did; else null. */
  input: LibraryInput | null;
  /** The valid entries of each kind, even when `input` is null (the dev server shows what it can). */
  entries: LoadedEntries;
  diagnostics: Diagnostic[];
  /** Sources by relative path, so later rules can position their findings. */
  sources: Map<string, SourceRecord>;
  /**
   * Entries that exist but failed validation (`sops/x`), and the ids misnamed or linked files stand
   * for: references to them are not reported again (one mistake, one message).
   */
  invalid: Set<string>;
  /** The file of each entry, by `<folder>/<id>` (`sops/close-out` → `sops/close-out.mdx`). */
  files: Map<string, string>;
}

/** Parsed files by path and content version, reused across loads (see `FileSource.version`). */
export type LoadMemo = Map<string, { record: SourceRecord; entry: object | null; diagnostics: Diagnostic[] }>;

export interface LoadOptions {
  /** Where the files come from: the disk under `root` (default) or a git commit (`gitSource`). */
  source?: FileSource;
  /** Reuse files already parsed in another load whose source gave the same `version`. */
  memo?: LoadMemo;
}

/** Diagnostics for a file whose YAML does not parse: every problem the parser found, positioned. */
function yamlDiagnostics(record: SourceRecord): Diagnostic[] {
  return record.yamlProblems.map((problem) => ({
    file: record.file,
    line: problem.line,
    column: problem.column,
    ...reportAs('yaml'),
    message: `the YAML does not parse: ${problem.message}`,
    hint: 'check the indentation and quote values that contain ": " or start with a special character',
  }));
}

/** Validates a parsed file against its kind's schema. */
export function validateRecord<S extends z.ZodType>(record: SourceRecord, schema: S, label: string): { data: z.output<S> | null; found: Diagnostic[] } {
  if (record.yamlProblems.length > 0) return { data: null, found: yamlDiagnostics(record) };
  const result = schema.safeParse(record.value ?? {}, { reportInput: true });
  const dropped = droppedKeyIssues(schema, record.value);
  if (result.success && dropped.length === 0) return { data: result.data, found: [] };
  return { data: null, found: schemaDiagnostics(record.source, schema, [...(result.error?.issues ?? []), ...dropped], label) };
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
  const files = new Map<string, string>();

  // Memo keys: the source's cheap version id (a git blob id) before reading, else the text's blob id after.
  const memoKey = (file: string) => {
    const version = memo && source.version?.(file);
    return version ? `${file}\0${version}` : undefined;
  };

  /** Reads, parses and validates one file (or takes it from the memo), recording its source and problems. */
  const loadFile = async <T extends object>(
    file: string,
    format: 'yaml' | 'markdown',
    build: (record: SourceRecord) => { entry: T | null; found: Diagnostic[] },
    preread?: Promise<string | null>,
  ): Promise<T | null | undefined> => {
    let key = memoKey(file);
    let loaded = key ? memo!.get(key) : undefined;
    if (!loaded) {
      let text: string | null;
      try {
        text = await (preread ?? source.read(file));
      } catch (error) {
        if (!(error instanceof NotUtf8Error)) throw error;
        diagnostics.push({ file, line: error.line, column: error.column, rule: 'encoding', severity: 'error', message: 'this file is not UTF-8 text: this line has a byte that is not UTF-8, so its characters would be published garbled', hint: 'save the file as UTF-8 in your editor (it was probably written as Latin-1 or Windows-1252)' });
        return null;
      }
      if (text === null) return undefined;
      if (memo && !key) {
        // The id git would give this text: a working-tree file equal to a commit's shares its parse.
        key = `${file}\0${blobId(text)}`;
        loaded = memo.get(key);
      }
      if (!loaded) {
        const record = format === 'yaml' ? createSourceRecord(file, text) : markdownRecord(file, text);
        const { entry, found } = build(record);
        loaded = { record, entry, diagnostics: found };
        if (key) memo!.set(key, loaded);
      }
    }
    sources.set(file, loaded.record);
    diagnostics.push(...loaded.diagnostics);
    return loaded.entry as T | null;
  };

  const single = async <K extends SingleKindName>(name: K): Promise<z.output<(typeof SINGLE_KINDS)[K]['schema']> | null> => {
    const { file, schema, label, format } = SINGLE_KINDS[name];
    const entry = await loadFile(file, format, (record) => {
      const { data, found } = validateRecord(record, schema, label);
      return { entry: data === null ? null : { data }, found };
    });
    if (entry === undefined && !links.has(file)) {
      diagnostics.push({ file, line: 1, column: 1, ...reportAs('missing-file'), message: 'this file is missing', hint: 'create it; the README shows an example' });
    }
    return entry ? (entry as { data: z.output<(typeof SINGLE_KINDS)[K]['schema']> }).data : null;
  };

  const collection = async <T extends object>(name: FolderKindName, toEntry: (data: never, id: string, record: SourceRecord) => T): Promise<T[]> => {
    const { folder, extensions, format, schema, label } = FOLDER_KINDS[name];
    const listed = await source.list(folder, (fileName) => extensions.some((extension) => fileName.endsWith(extension)) && !fileName.startsWith('.'));
    diagnostics.push(...fileNameDiagnostics(name, listed));
    // Ask for every file not parsed before at once: the disk reads in parallel, git answers in one batch.
    // A read that fails (a file that is not UTF-8) is awaited in its turn below; until then it is marked
    // handled, or Node reports it as an unhandled rejection while an earlier file is still being parsed.
    const texts = new Map(listed.filter((file) => !memo?.has(memoKey(file) ?? '')).map((file) => {
      const read = source.read(file);
      read.catch(() => {});
      return [file, read] as const;
    }));
    const entries: T[] = [];
    for (const file of listed) {
      const id = entryId(file, folder);
      files.set(`${folder}/${id}`, file);
      const entry = await loadFile(file, format, (record) => {
        const { data, found } = validateRecord(record, schema, label);
        return { entry: data === null ? null : toEntry(data as never, id, record), found };
      }, texts.get(file));
      if (entry) entries.push(entry);
      else invalid.add(`${folder}/${id}`);
      // A misnamed file (`Pay.mdx`, reported by name) is the entry references to `pay` mean.
      const intended = intendedId(name, file);
      if (intended !== null) invalid.add(`${folder}/${intended}`);
    }
    // A linked entry is refused (below) but exists: references to it are not reported again.
    for (const file of links) {
      if (!file.startsWith(`${folder}/`) || !extensions.some((extension) => file.endsWith(extension))) continue;
      const id = entryId(file, folder);
      files.set(`${folder}/${id}`, file);
      invalid.add(`${folder}/${id}`);
    }
    return entries;
  };

  // A symbolic link could publish any file the build can read (`sops/x.mdx -> /etc/hostname`): refused.
  const links = new Set((await Promise.all(CONTENT_ROOTS.map((folder) => source.symlinks(folder)))).flat());
  for (const file of links) {
    diagnostics.push({ file, line: 1, column: 1, rule: 'symlink', severity: 'error', message: 'this is a symbolic link: content must be real files in the repository, or a link could publish a file from outside it', hint: 'replace the link with the file itself (copy or move it here)' });
  }

  const [company, team, phases] = [await single('company'), await single('team'), await single('phases')];
  const entries: LoadedEntries = {
    company,
    team,
    phases,
    clients: await collection('clients', (data: Omit<ClientEntry, 'id'>, id): ClientEntry => ({ ...data, id })),
    playbooks: await collection('playbooks', (data: Omit<PlaybookEntry, 'id'>, id): PlaybookEntry => ({ ...data, id })),
    emails: await collection('emails', (data: Omit<EmailEntry, 'id' | 'body'>, id, record): EmailEntry => ({ ...data, id, body: record.body ?? '' })),
    sops: await collection('sops', (data: Omit<SopEntry, 'id'>, id): SopEntry => ({ ...data, id })),
  };
  const input = company && team && phases ? { ...entries, company, team, phases } : null;
  return { input, entries, diagnostics, sources, invalid, files };
}

/** Git's id for a blob with this text (`git hash-object`). */
function blobId(text: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex');
}

/**
 * The frontmatter block's text, as Astro's content layer finds it (`extractFrontmatter` of
 * @astrojs/markdown-remark, whose expression this is): importing that package for one expression cost
 * `sendoff check` most of a second. test/unit/frontmatter.test.ts keeps the two in step.
 */
const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)(?:---|\+\+\+)([\s\S]*?\n)(?:---|\+\+\+)/;

/** The frontmatter text of a Markdown file (between the fences), undefined when it has none. */
export const extractFrontmatter = (text: string): string | undefined => FRONTMATTER.exec(text)?.[1];

/** Splits a Markdown file into its frontmatter (as a source record) and its body. */
function markdownRecord(file: string, text: string): SourceRecord {
  const raw = extractFrontmatter(text);
  if (raw === undefined) return createSourceRecord(file, '', 1, { body: text, bodyLine: 1, text });
  const start = text.indexOf(raw);
  const firstLine = text.slice(0, start).split('\n').length;
  const end = start + raw.length + 3; // the closing ---
  const afterClose = text.indexOf('\n', end);
  const bodyStart = afterClose === -1 ? text.length : afterClose + 1;
  return createSourceRecord(file, raw, firstLine, { body: text.slice(bodyStart), bodyLine: text.slice(0, bodyStart).split('\n').length, text });
}


