import { join } from 'node:path';
import type { IsoDate } from '../../schemas';
import { sortDiagnostics, type Diagnostic } from './diagnostics';
import { createLibrary, type Library } from '../content/library';
import type { FileSource } from '../content/file-sources';
import { loadContent, type LoadMemo, type LoadResult } from '../content/load';
import { MERMAID_CACHE, warmMermaidParser } from './rules/mermaid';
import { FOLDER_KINDS } from '../content/kinds';
import { runRules } from './rules';
import { resolveToday } from '../run/today';

export interface ValidationResult {
  library: Library | null;
  diagnostics: Diagnostic[];
  /** How many content files were read and checked. */
  checked: number;
}

export interface ValidateOptions {
  /** The date reviews are judged against (`--today`, `SENDOFF_TODAY`); default today in the company's time zone. */
  today?: IsoDate | undefined;
  /** Remember valid diagrams between runs in node_modules/.cache (default true). */
  cache?: boolean;
  /** Reuse files already parsed by another load in this process (`processMemo()`), and leave this load's parses for the next. */
  memo?: LoadMemo | undefined;
  /** Where the files come from (default: the disk under `root`); `npm run done` checks a file's edit before writing it. */
  source?: FileSource | undefined;
  /** Called with the parsed content before the rules run (the build starts rendering SOP bodies then). */
  onLoaded?: ((result: LoadResult) => void) | undefined;
}

/**
 * Loads a project's content once and runs every rule: the one engine behind `sendoff check`, the
 * build's pre-flight, the dev server and the tests. All problems come back in one sorted list.
 */
export async function validateProject(root: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const mermaidCache = options.cache === false ? undefined : join(root, MERMAID_CACHE);
  // Mermaid loads in a worker while the content is read (see rules/mermaid.ts).
  warmMermaidParser(mermaidCache, join(root, FOLDER_KINDS.sops.folder));
  const loaded = await loadContent(root, {
    ...(options.memo ? { memo: options.memo } : {}),
    ...(options.source ? { source: options.source } : {}),
  });
  options.onLoaded?.(loaded);
  const { input, diagnostics, sources, invalid, files } = loaded;
  const library = input ? createLibrary(input) : null;
  if (library) {
    const today = resolveToday(library.company.timezone, options.today);
    diagnostics.push(...(await runRules({ library, sources, files, invalid, today, root }, { mermaidCache })));
  }
  return { library, diagnostics: sortDiagnostics(diagnostics), checked: sources.size };
}
