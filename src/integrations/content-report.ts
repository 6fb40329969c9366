import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../lib/check/diagnostics';
import { formatPretty } from '../lib/check/reporters';

/** The terminal report of `sendoff check` for a project: file:line:column, the line itself, the hint. */
export function formatContentReport(root: string, diagnostics: readonly Diagnostic[], color: boolean): string {
  return formatPretty(diagnostics, (file) => readSafe(join(root, file)), color);
}

function readSafe(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
