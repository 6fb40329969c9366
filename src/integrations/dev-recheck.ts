import { relative } from 'node:path';
import type { HookParameters } from 'astro';
import { countDiagnostics } from '../lib/check/diagnostics';
import { keepMermaidParser } from '../lib/check/rules/mermaid';
import { validateProject } from '../lib/check/validate';
import { isContentPath } from '../lib/content/kinds';
import { processMemo } from '../lib/content/process-memo';
import { formatContentReport } from './content-report';

/**
 * On the dev server, saving a content file re-runs the validation engine and prints what it finds, once
 * per change of the report. The server keeps running whatever happens, even if validation itself throws.
 */
export function recheckOnSave({ server, logger }: Pick<HookParameters<'astro:server:setup'>, 'server' | 'logger'>): void {
  const root = server.config.root;
  // A save that changes a diagram finds mermaid already loaded (for a minute after the last use).
  keepMermaidParser();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const recheck = async () => {
    const { diagnostics } = await validateProject(root, { today: process.env.SENDOFF_TODAY, memo: processMemo() });
    const report = formatContentReport(root, diagnostics, process.stdout.isTTY);
    if (report === last) return;
    last = report;
    if (countDiagnostics(diagnostics).errors > 0) logger.error(`\n${report}\n`);
    else if (diagnostics.length > 0) logger.warn(`\n${report}\n`);
    else logger.info('Content check: no problems.');
  };
  server.watcher.on('all', (_event, path) => {
    if (!isContentPath(relative(root, path).split('\\').join('/'))) return;
    // Saves come in bursts (an editor writes, formats, writes again): check once the burst is over.
    clearTimeout(timer);
    timer = setTimeout(() => {
      recheck().catch((error: unknown) => {
        last = '';
        logger.error(`The content check failed to run; the server keeps going. Save again to retry.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    }, 50);
  });
}
