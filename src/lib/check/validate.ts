import { join } from 'node:path';
import type { IsoDate } from '../../schemas';
import { sortDiagnostics, type Diagnostic } from './diagnostics';
import { createLibrary, type Library } from '../content/library';
import { loadContent } from '../content/load';
import { MERMAID_CACHE } from './rules/mermaid';
import { runRules } from './rules';
import { resolveToday } from '../run/today';

export interface ValidationResult {
  library: Library | null;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions {
  /** The date reviews are judged against (`--today`, `SENDOFF_TODAY`); default today in the company's time zone. */
  today?: IsoDate | undefined;
  /** Remember valid diagrams between runs in node_modules/.cache (default true). */
  cache?: boolean;
}

/**
 * Loads a project's content once and runs every rule: the one engine behind `sendoff check`, the
 * build's pre-flight, the dev server and the tests. All problems come back in one sorted list.
 */
export async function validateProject(root: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const { input, diagnostics, sources, invalid, files } = await loadContent(root);
  const library = input ? createLibrary(input) : null;
  if (library) {
    const today = resolveToday(library.company.timezone, options.today);
    const mermaidCache = options.cache === false ? undefined : join(root, MERMAID_CACHE);
    diagnostics.push(...(await runRules({ library, sources, files, invalid, today, root }, { mermaidCache })));
  }
  return { library, diagnostics: sortDiagnostics(diagnostics) };
}
