import { readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import { countDiagnostics } from '../lib/check/diagnostics';
import { formatPretty } from '../lib/check/reporters';
import { validateProject } from '../lib/check/validate';
import { indexSite } from './search-index';
import { CLIENT_PAGES } from '../site/options';
import { EXPORT_FORMAT_IDS } from '../lib/exports/formats';

/**
 * Runs the validation engine before Astro builds anything. On errors the build stops with the same
 * report as `sendoff check` and writes nothing, so a good `dist/` is never replaced by a half-built one.
 * After the build, Pagefind indexes the site.
 */
export function sendoff(): AstroIntegration {
  // The build writes into a staging folder beside dist/ and swaps it in only when everything,
  // search index included, succeeded: a failed build never leaves a half-written dist/.
  let finalDir: string | undefined;
  let stagingDir: string | undefined;
  return {
    name: 'sendoff',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, injectRoute, updateConfig }) => {
        // Client pages exist only when enabled: a build for a wider audience has no /clients/ at all.
        if (CLIENT_PAGES) {
          injectRoute({ pattern: '/clients', entrypoint: new URL('../routes/clients-index.astro', import.meta.url) });
          injectRoute({ pattern: '/clients/[id]', entrypoint: new URL('../routes/client.astro', import.meta.url) });
          // Each client's exports (<id>.md, .csv, .ics) sit next to its page and go with it. One route per
          // extension: a route that ends in an extension is served as a file, trailing slash or not.
          for (const format of EXPORT_FORMAT_IDS) {
            injectRoute({ pattern: `/clients/[id]/[file].${format}`, entrypoint: new URL('../routes/client-export.ts', import.meta.url) });
          }
        }
        if (command !== 'build' && command !== 'dev') return;
        if (command === 'build') {
          finalDir = fileURLToPath(config.outDir).replace(/\/$/, '');
          stagingDir = `${finalDir}.sendoff-staging`;
          await rm(stagingDir, { recursive: true, force: true });
          updateConfig({ outDir: new URL(`file://${stagingDir}/`) });
        }
        const root = fileURLToPath(config.root);
        const { diagnostics } = await validateProject(root, { today: process.env.SENDOFF_TODAY });
        if (diagnostics.length === 0) return;
        const report = formatPretty(diagnostics, (file) => readSafe(join(root, file)), process.stdout.isTTY);
        const { errors } = countDiagnostics(diagnostics);
        if (errors > 0 && command === 'build') {
          logger.error(`The content has problems; nothing was built.\n\n${report}\n`);
          // A content mistake is the author's to fix, not a crash: no stack trace, a failing exit code.
          process.exit(1);
        }
        logger.warn(`\n${report}\n`);
      },
      'astro:server:setup': ({ server, logger }) => {
        // Saving a file re-runs the engine and prints what it finds; the server keeps running.
        const root = server.config.root;
        const watched = /^(sops|templates|content)\//;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let last = '';
        const revalidate = () => {
          clearTimeout(timer);
          timer = setTimeout(async () => {
            const { diagnostics } = await validateProject(root, { today: process.env.SENDOFF_TODAY });
            const report = formatPretty(diagnostics, (file) => readSafe(join(root, file)), process.stdout.isTTY);
            if (report === last) return;
            last = report;
            if (countDiagnostics(diagnostics).errors > 0) logger.error(`\n${report}\n`);
            else if (diagnostics.length > 0) logger.warn(`\n${report}\n`);
            else logger.info('Content check: no problems.');
          }, 50);
        };
        server.watcher.on('all', (_event, path) => {
          if (watched.test(relative(root, path).split('\\').join('/'))) revalidate();
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { pages, seen, seconds } = await indexSite(fileURLToPath(dir));
        logger.info(`Search: Pagefind indexed ${pages} of ${seen} pages in ${seconds.toFixed(2)} s (the others are not searchable: client data, lists, search itself)`);
        if (finalDir && stagingDir) {
          const previous = `${finalDir}.sendoff-previous`;
          await rm(previous, { recursive: true, force: true });
          await rename(finalDir, previous).catch(() => undefined); // no earlier build: nothing to move
          await rename(stagingDir, finalDir);
          await rm(previous, { recursive: true, force: true });
        }
      },
    },
  };
}

function readSafe(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
