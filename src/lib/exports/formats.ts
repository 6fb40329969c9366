/**
 * The export formats of a run: what a page needs to link to them (label, media type); their URLs and
 * file names come from the route table (`src/lib/routes`).
 * The renderers live in `./index.ts`, so a page can list the downloads without loading the CSV,
 * calendar and Markdown writers until someone asks for a file.
 */
export const EXPORT_FORMATS = {
  md: { label: 'Issue (Markdown)', mime: 'text/markdown; charset=utf-8' },
  csv: { label: 'Spreadsheet (CSV)', mime: 'text/csv; charset=utf-8' },
  ics: { label: 'Calendar (.ics)', mime: 'text/calendar; charset=utf-8' },
} as const satisfies Record<string, { label: string; mime: string }>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as ExportFormat[];
