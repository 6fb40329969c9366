import { formatDiffMarkdown, type MarkdownOptions } from './markdown-report';
import type { DiffReport } from './types';

export { diffLibraries, isEmptyReport, type DiffSide, type DiffOptions } from './compare';
export { describeDue } from '../../schemas/due';
export { formatDiffMarkdown, countChanges } from './markdown-report';
export type * from './types';

/** The diff's reporters, by `--format` name: both format the one `DiffReport`. */
export const DIFF_REPORTERS = {
  markdown: (report: DiffReport, options: Pick<MarkdownOptions, 'maxLength'> = {}) => formatDiffMarkdown(report, options),
  json: (report: DiffReport) => `${JSON.stringify(report, null, 2)}\n`,
} as const;
export type DiffFormat = keyof typeof DIFF_REPORTERS;
