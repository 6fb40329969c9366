import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import { countDiagnostics, type Diagnostic } from './diagnostics';

/**
 * Formats diagnostics for a terminal: `file:line:column`, the message, the hint, and the offending
 * line with a caret. `readSource` gives the file's text for the code frame (none in the browser).
 */
export function formatPretty(diagnostics: readonly Diagnostic[], readSource: (file: string) => string | null, color = false): string {
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
  const { errors, warnings, files } = countDiagnostics(diagnostics);
  const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  return [...blocks, errors ? c.red(summary) : warnings ? c.yellow(summary) : c.green(summary)].join('\n\n');
}
