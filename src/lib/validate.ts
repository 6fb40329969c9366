import { sortDiagnostics, type Diagnostic } from './diagnostics';
import { createLibrary, type Library } from './library';
import { loadContent } from './load-content';
import { referenceRules } from './rules/references';

export interface ValidationResult {
  library: Library | null;
  diagnostics: Diagnostic[];
}

/** Loads a project's content and runs every rule: the one engine behind `check`, the build and the tests. */
export async function validateProject(root: string): Promise<ValidationResult> {
  const { input, diagnostics, sources, invalid } = await loadContent(root);
  const library = input ? createLibrary(input) : null;
  if (library) diagnostics.push(...referenceRules(library, sources, invalid));
  return { library, diagnostics: sortDiagnostics(diagnostics) };
}
