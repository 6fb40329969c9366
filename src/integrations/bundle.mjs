// Compiles a TypeScript entry of ours into one cached ESM bundle (esbuild, a fraction of a second),
// for code that runs outside Vite and tsx: the `sendoff` CLI (scripts/sendoff.mjs) and the build's
// client-page workers (client-pool.ts). A bundle lives in
// node_modules/.cache/sendoff/<name> beside the list of source files it was built from and their hash:
// any change to one of them, or another Node, builds it again.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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
  rmSync(outdir, { recursive: true, force: true });
  try {
    renameSync(staging, outdir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run put its bundle there first
  }
  return outdir;
}
