import type { RuleId } from './catalogue';

/** A problem found in the content, as data: reporters format it, the exit code comes from it. */
export interface Diagnostic {
  /** Path relative to the project root (`sops/confirm-end-date.mdx`). */
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** 1-based column. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The rule that found it (`schema`, `reference`, `duplicate-id`): a key of `RULE_CATALOGUE`. */
  rule: RuleId;
  severity: 'error' | 'warning';
  /** What is wrong, with the field path: "checklist[2].due: expected …". */
  message: string;
  /** How to fix it. */
  hint?: string;
}

/** Sorts by file, then position, so a report reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

/** Counts errors and warnings. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors, files: new Set(diagnostics.map((d) => d.file)).size };
}
