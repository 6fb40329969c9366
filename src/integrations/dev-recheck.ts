import { relative } from 'node:path';
import type { HookParameters } from 'astro';
import { countDiagnostics } from '../lib/check/diagnostics';
import { validateProject } from '../lib/check/validate';
import { formatContentReport } from './content-report';

/** The folders authors write in; a save anywhere else is not the content's business. */
const WATCHED = /^(sops|templates|content)\//;

/**
 * On the dev server, saving a content file re-runs the validation engine and prints what it finds, once
 * per change of the report. The server keeps running whatever happens, even if validation itself throws.
 */
export function recheckOnSave({ server, logger }: Pick<HookParameters<'astro:server:setup'>, 'server' | 'logger'>): void {
  const root = server.config.root;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const recheck = async () => {
    const { diagnostics } = await validateProject(root, { today: process.env.SENDOFF_TODAY });
    const report = formatContentReport(root, diagnostics, process.stdout.isTTY);
    if (report === last) return;
    last = report;
    if (countDiagnostics(diagnostics).errors > 0) logger.error(`\n${report}\n`);
    else if (diagnostics.length > 0) logger.warn(`\n${report}\n`);
    else logger.info('Content check: no problems.');
  };
  server.watcher.on('all', (_event, path) => {
    if (!WATCHED.test(relative(root, path).split('\\').join('/'))) return;
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
