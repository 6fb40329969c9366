#!/usr/bin/env node
// `npm run check`: the `sendoff` program (src/cli/sendoff.ts) run from a bundle compiled once per
// version of its source, instead of through tsx, which compiles and loads some hundred modules on
// every run (twice the CPU of loading one bundle). The bundle lives in node_modules/.cache/sendoff/cli
// beside the list of source files it was built from and their hash: any change to one of them, or
// another Node, builds it again (esbuild, a fraction of a second).
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'node_modules/.cache/sendoff/cli');
const MANIFEST = 'inputs.json';

/** One hash over the source files the bundle was built from (their paths and bytes). */
function fingerprint(inputs) {
  const hash = createHash('sha1').update(process.version);
  for (const file of inputs) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

function upToDate() {
  try {
    const manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), 'utf8'));
    return fingerprint(manifest.inputs) === manifest.hash;
  } catch {
    return false; // no bundle yet, or a source file it was built from is gone
  }
}

if (!upToDate()) {
  const { build } = await import('esbuild');
  const staging = `${outdir}-${process.pid}`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: { sendoff: 'src/cli/sendoff.ts', 'mermaid-worker': 'src/lib/check/rules/mermaid-worker.ts' },
    outdir: staging,
    bundle: true,
    splitting: true, // mermaid's parser stays a chunk of its own, loaded only when a diagram needs it
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    // The worker the mermaid rule starts is the bundled one, beside this bundle (see rules/mermaid.ts).
    define: { SENDOFF_MERMAID_WORKER: '"./mermaid-worker.js"' },
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
  writeFileSync(join(staging, MANIFEST), JSON.stringify({ inputs, hash: fingerprint(inputs) }));
  rmSync(outdir, { recursive: true, force: true });
  try {
    renameSync(staging, outdir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another run put its bundle there first
  }
}
await import(pathToFileURL(join(outdir, 'sendoff.js')).href);
