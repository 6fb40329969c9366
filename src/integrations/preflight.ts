import type { AstroIntegrationLogger } from 'astro';
import { countDiagnostics } from '../lib/check/diagnostics';
import { validateProject } from '../lib/check/validate';
import { processMemo } from '../lib/content/process-memo';
import type { LoadResult } from '../lib/content/load';
import type { LibraryInput } from '../lib/content/library';
import { renderBodiesEarly, sopBodyJob } from '../loaders/body-pool';
import { formatContentReport } from './content-report';
import { ContentCheckFailed, sendoffError, TodayInvalid } from './errors';
import { TodayError } from '../lib/run/today';

/**
 * Runs the validation engine (the one behind `sendoff check`) before Astro builds anything. A build
 * with errors stops here, by throwing `ContentCheckFailed` with the whole report, and writes nothing;
 * warnings, and every problem on the dev server, are printed and the site still builds. A build gets
 * the validated content back, for the client-page worker (it need not read and validate it again).
 */
export async function checkContent(root: string, command: 'build' | 'dev', logger: AstroIntegrationLogger): Promise<LibraryInput | null> {
  // The content loaders run next in this process: they take these parses from the memo instead of parsing again.
  let diagnostics;
  let input: LibraryInput | null = null;
  const onLoaded = (result: LoadResult) => {
    input = result.input;
    // A build renders every SOP body next: a worker starts on them while the rules run on this thread.
    renderBodiesEarly(result.entries.sops.flatMap((entry) => sopBodyJob(result, entry.id) ?? []));
  };
  try {
    ({ diagnostics } = await validateProject(root, { today: process.env.SENDOFF_TODAY, memo: processMemo(), ...(command === 'build' ? { onLoaded } : {}) }));
  } catch (error) {
    if (error instanceof TodayError) throw sendoffError(TodayInvalid, error.message);
    throw error;
  }
  if (diagnostics.length === 0) return input;
  if (command === 'build' && countDiagnostics(diagnostics).errors > 0) {
    // Astro prints the message without colour (it strips escape codes from error messages).
    throw sendoffError(ContentCheckFailed, formatContentReport(root, diagnostics, false));
  }
  logger.warn(`\n${formatContentReport(root, diagnostics, process.stdout.isTTY)}\n`);
  return input;
}
