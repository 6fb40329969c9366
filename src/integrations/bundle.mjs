// Compiles a TypeScript entry of ours into one cached ESM bundle (esbuild, a fraction of a second),
// for code that runs outside Vite and tsx: the `sendoff` CLI (scripts/sendoff.mjs) and the build's
// client-page workers (client-pool.ts). A bundle lives in
// node_modules/.cache/sendoff/<name> beside the list of source files it was built from and their hash:
// any change to one of them, or another Node, builds it again. It also bundles packages for the browser
// that Vite need not see (mermaid, mermaid-bundle.ts).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: bundles and their caches are found from it, whatever the working directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MANIFEST = 'inputs.json';

/** One hash over the source files the bundle was built from (their paths and bytes). */
function fingerprint(inputs) {
  const hash = createHash('sha1').update(process.version);
  for (const file of inputs) hash.update(`\0${file}\0`).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

function upToDate(outdir) {
  try {
    const manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), 'utf8'));
    return fingerprint(manifest.inputs) === manifest.hash;
  } catch {
    return false; // no bundle yet, or a source file it was built from is gone
  }
}

/**
 * The folder holding an up-to-date bundle of `entryPoints` (output name → source path from the
 * repository root), built first if needed.
 * @param {string} name the bundle's folder under node_modules/.cache/sendoff
 * @param {Record<string, string>} entryPoints
 * @param {Record<string, string>} [define] esbuild `define`s (compile-time constants)
 * @returns {Promise<string>}
 */
export async function ensureBundle(name, entryPoints, define = {}) {
  const outdir = join(ROOT, 'node_modules/.cache/sendoff', name);
  if (upToDate(outdir)) return outdir;
  // Loaded only when a bundle is built, and through Node itself: the integration runs inside Vite's
  // module runner, whose dynamic imports stop working once the config is loaded.
  const { build } = createRequire(import.meta.url)('esbuild');
  const staging = `${outdir}-${process.pid}-${Date.now()}`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir: staging,
    bundle: true,
    splitting: true, // a chunk only some runs need (mermaid's parser) stays a chunk of its own
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    define,
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
  writeFileSync(join(staging, MANIFEST), JSON.stringify({ inputs, hash: fingerprint(inputs) }));
  return settle(staging, outdir);
}

/** Moves a finished bundle from its staging folder into place; another run may have got there first. */
function settle(staging, outdir) {
  rmSync(outdir, { recursive: true, force: true });
  try {
    renameSync(staging, outdir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run put its bundle there first
  }
  return outdir;
}

/**
 * A browser bundle of packages (minified, split into chunks that load on demand) in
 * node_modules/.cache/sendoff/<name>, built only when none with this `key` is there. The key names
 * what the bundle is made of (package versions, the entry's text): the folder is named after it, so a
 * page always asks for the files it was built with.
 * @param {string} name
 * @param {string} key
 * @param {string} entry the entry module's source (it imports the packages)
 * @returns {Promise<string>} the folder, holding `<name>.js` and its chunks
 */
export async function ensureBrowserBundle(name, key, entry) {
  const outdir = join(ROOT, 'node_modules/.cache/sendoff', `${name}-${key}`);
  if (existsSync(join(outdir, `${name}.js`))) return outdir;
  const { build } = createRequire(import.meta.url)('esbuild');
  const staging = `${outdir}-${process.pid}-${Date.now()}`;
  await build({
    absWorkingDir: ROOT,
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js', sourcefile: `${name}-entry.js` },
    outdir: staging,
    entryNames: name,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return settle(staging, outdir);
}
