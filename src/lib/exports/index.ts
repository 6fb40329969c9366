import type { Run } from '../run/build-run';
import { runToCsv } from './csv';
import { runToIcs } from './ics';
import { runToMarkdown } from './issue-markdown';
import type { ExportFormat } from './formats';
import type { ExportOptions } from './shared';

export * from './formats';
export type { ExportOptions } from './shared';

/**
 * One renderer per export format, shared by the build (files next to each client page) and the
 * generator (downloads made in the browser). Adding a format is one row here and one in `formats.ts`.
 */
const RENDERERS: Record<ExportFormat, (run: Run, options: ExportOptions) => string> = {
  md: runToMarkdown,
  csv: (run, options) => runToCsv(run, options.locale),
  ics: runToIcs,
};

/** Renders one export of a run. */
export function renderExport(run: Run, format: ExportFormat, options: ExportOptions): string {
  return RENDERERS[format](run, options);
}
