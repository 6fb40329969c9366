import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import { countDiagnostics, type Diagnostic } from './diagnostics';

/** Reads a file's text for code frames; null when it cannot. */
export type ReadSource = (file: string) => string | null;

/**
 * Terminal report: `file:line:column severity message (rule)`, the offending line with a caret, the
 * hint, then "N errors, M warnings in K files" (or "42 files checked: no problems").
 */
export function formatPretty(diagnostics: readonly Diagnostic[], readSource: ReadSource, color = false, checked?: number): string {
  const c = color ? pc : pc.createColors(false);
  const blocks = diagnostics.map((d) => {
    const label = d.severity === 'error' ? c.red(c.bold('error')) : c.yellow(c.bold('warning'));
    const head = `${c.cyan(`${d.file}:${d.line}:${d.column}`)} ${label} ${d.message} ${c.dim(`(${d.rule})`)}`;
    const text = readSource(d.file);
    const frame = text
      ? codeFrameColumns(text, { start: { line: d.line, column: d.column } }, { highlightCode: false, linesAbove: 1, linesBelow: 1 })
      : '';
    return [head, frame, d.hint ? `  ${c.green('hint:')} ${d.hint}` : ''].filter(Boolean).join('\n');
  });
  return [...blocks, summaryLine(diagnostics, c, checked)].join('\n\n');
}

/**
 * "2 errors, 1 warning in 2 files", coloured by the worst severity; a clean run says how much it
 * looked at ("42 files checked: no problems"), so an empty or wrong `--root` does not pass unnoticed.
 */
export function summaryLine(diagnostics: readonly Diagnostic[], c = pc.createColors(false), checked?: number): string {
  const { errors, warnings, files } = countDiagnostics(diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (diagnostics.length === 0 && checked !== undefined) return c.green(`${plural(checked, 'file')} checked: no problems`);
  const text = `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`;
  return errors ? c.red(text) : warnings ? c.yellow(text) : c.green(text);
}

/** GitHub Actions workflow commands: each problem shows inline on the pull request's diff. */
export function formatGithub(diagnostics: readonly Diagnostic[], checked?: number): string {
  const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines = diagnostics.map((d) => {
    const properties = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      ...(d.endLine ? [`endLine=${d.endLine}`] : []),
      `col=${d.column}`,
      ...(d.endColumn && (!d.endLine || d.endLine === d.line) ? [`endColumn=${d.endColumn}`] : []),
      `title=${escapeProperty(`Sendoff ${d.rule}`)}`,
    ].join(',');
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(d.hint ? `${d.message}\n${d.hint}` : d.message)}`;
  });
  return [...lines, summaryLine(diagnostics, undefined, checked)].join('\n');
}

/** Machine-readable report: the diagnostics and the counts (`checked`: content files read). */
export function formatJson(diagnostics: readonly Diagnostic[], checked?: number): string {
  return JSON.stringify({ ...countDiagnostics(diagnostics), ...(checked === undefined ? {} : { checked }), diagnostics }, null, 2);
}

/** The reporters, by `--format` name. */
export const REPORTERS = {
  pretty: (diagnostics: readonly Diagnostic[], read: ReadSource, color: boolean, checked?: number) => formatPretty(diagnostics, read, color, checked),
  github: (diagnostics: readonly Diagnostic[], _read: ReadSource, _color: boolean, checked?: number) => formatGithub(diagnostics, checked),
  json: (diagnostics: readonly Diagnostic[], _read: ReadSource, _color: boolean, checked?: number) => formatJson(diagnostics, checked),
} as const;
export type ReportFormat = keyof typeof REPORTERS;
