import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { ensureBrowserBundle, ROOT } from './bundle.mjs';

/**
 * Mermaid for the browser, bundled by esbuild beside the build instead of by Vite inside it.
 *
 * Mermaid is by far the largest thing the site ships (d3, dagre, a parser per diagram type), and it is
 * the same bytes in every build: Vite re-bundled it each time, which was most of its client build
 * (5.4 s of 7 at 1,000 SOPs) and ~420 MB of the build's peak memory (1.92 → 1.50 GB measured with
 * `/usr/bin/time -v astro build` on the bench corpus). esbuild bundles it in about 1.5 s in its own
 * process, on the other core while Astro loads the content, into node_modules/.cache/sendoff, and
 * later builds reuse that folder until mermaid, esbuild or the lockfile changes. A page loads the same
 * ~225 KB gzip for a flowchart as with Vite's bundle (mermaid's own prebuilt `dist` would be ~255 KB).
 *
 * The loader (src/scripts/mermaid-loader.ts) imports `import.meta.env.SENDOFF_MERMAID`: the entry's
 * URL, in a folder named after what the bundle is made of, so a cached page never mixes two versions.
 * A build copies the folder into the site; the dev server serves it from the cache.
 */

const ENTRY = "export { default } from 'mermaid';\n";
const NAME = 'mermaid';

const require = createRequire(import.meta.url);

/** What the bundle is made of: mermaid's and esbuild's versions, the lockfile (mermaid's own dependencies), the entry. */
function bundleKey(): string {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  const hash = createHash('sha1').update(`${version('mermaid')}\0${version('esbuild')}\0${ENTRY}\0`);
  try {
    hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  } catch {
    // no lockfile: the versions above still tell bundles apart
  }
  return hash.digest('hex').slice(0, 10);
}

export interface MermaidBundle {
  /** The folder's URL path on the site, e.g. `/_diagrams/mermaid-0123456789/`. */
  path: string;
  /** Compile-time constants for Vite: the entry's URL, as the loader imports it. */
  define: Record<string, string>;
  /** The cached folder, built first if needed (started at once: esbuild works in its own process). */
  folder: Promise<string>;
}

export function startMermaidBundle(): MermaidBundle {
  const key = bundleKey();
  const path = `/_diagrams/${NAME}-${key}/`;
  const folder = ensureBrowserBundle(NAME, key, ENTRY);
  folder.catch(() => undefined); // reported where it is awaited
  return { path, define: { 'import.meta.env.SENDOFF_MERMAID': JSON.stringify(`${path}${NAME}.js`) }, folder };
}

/** Copies the bundle into a built site (at `astro:build:done`, into the folder being built). */
export async function copyMermaidBundle(bundle: MermaidBundle, dir: URL, logger: AstroIntegrationLogger): Promise<void> {
  const started = performance.now();
  const folder = await bundle.folder.catch((error: unknown) => {
    // An installation problem, not a content one: said so, with esbuild's own words after.
    throw new Error(
      `Could not bundle mermaid for the browser with esbuild (diagrams need it). This is an installation problem, not your content: run \`npm ci\` again, then build.\n${error instanceof Error ? error.message : String(error)}`,
    );
  });
  await cp(folder, fileURLToPath(new URL(`.${bundle.path}`, dir)), { recursive: true });
  logger.info(`Diagrams: mermaid's browser bundle copied into the site (waited ${((performance.now() - started) / 1000).toFixed(2)} s for esbuild)`);
}

/**
 * Serves the bundle in `astro dev`. Only the files the bundle holds are served (listed once from the
 * folder), so no request path can reach anything else on disk.
 */
export function serveMermaidBundle(bundle: MermaidBundle, server: ViteDevServer): void {
  const files = bundle.folder.then(async (folder) => {
    const names = await readdir(folder, { recursive: true });
    return new Map(names.filter((name) => name.endsWith('.js')).map((name) => [`${bundle.path}${name.split('\\').join('/')}`, join(folder, name)]));
  });
  server.middlewares.use((request, response, next) => {
    const url = request.url?.split('?')[0] ?? '';
    if (!url.startsWith(bundle.path)) return next();
    files.then(
      (map) => {
        const file = map.get(url);
        if (!file) return next();
        response.setHeader('content-type', 'text/javascript; charset=utf-8');
        response.setHeader('cache-control', 'no-cache');
        response.end(readFileSync(file));
      },
      (error: unknown) => next(error),
    );
  });
}
