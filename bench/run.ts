import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SIZE, generateCorpus, type CorpusSize } from './corpus';
import { distFile, folderSize, gzipSize, loadedWeight, median, routeSeconds, staticWeight, timeCommand, type LoadedWeight, type StaticWeight, type Timed } from './measure';
import { writeStarlightSite } from './starlight';
import { measureDates, type DateFigure } from './dates';
import { measureCheck, measureDevFeedback, type CheckFigures, type DevFeedback } from './check-speed';
import { hasChromium, launchBrowser, serveDist } from '../test/e2e/harness';

/**
 * `npm run bench [-- --sops N --emails N --playbooks N --clients N --compare starlight --builds N --keep --out FILE]`
 *
 * Generates a deterministic library (default 1,000 SOPs × 5 items, a diagram in one SOP of three, 50
 * emails, 10 playbooks, 200 clients), then measures `sendoff check` (cold and warm), how soon the dev
 * server reports an error saved into an SOP and its fix (`check-speed.ts`), the full build (Astro and
 * Pagefind), `dist/`, the gzip weight of an SOP page with and without a diagram, mermaid bytes on the
 * page without one, and peak memory. With `--compare starlight` it also builds the same SOP bodies as a
 * default Astro Starlight site, one build after the other, and reports the build-time ratio.
 * Prints a Markdown table and writes every figure as JSON (bench/results/latest.json by default).
 */
const { values: flags } = parseArgs({
  options: {
    sops: { type: 'string' },
    emails: { type: 'string' },
    playbooks: { type: 'string' },
    clients: { type: 'string' },
    compare: { type: 'string' },
    builds: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});

/** The date the corpus is checked and built as of, so review states and "days left" are repeatable. */
const TODAY = '2026-11-25';
const TARGETS = { ratio: 1.0, checkSeconds: 3, devFeedbackSeconds: 1, pageWithoutDiagramKB: 25, mermaidBytes: 0 };
const KB = 1024;

function count(name: keyof CorpusSize, min: number): number {
  const raw = flags[name];
  if (raw === undefined) return DEFAULT_SIZE[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}
const size: CorpusSize = { sops: count('sops', 3), emails: count('emails', 1), playbooks: count('playbooks', 1), clients: count('clients', 0) };
if (flags.compare !== undefined && flags.compare !== 'starlight') throw new Error(`--compare knows only "starlight", got "${flags.compare}"`);
/**
 * Cold builds of each site, taken in turns (Sendoff, Starlight, Sendoff, …): the build times reported
 * are the medians. This machine's speed drifts by ±10 % over minutes, Starlight's build as much as ours,
 * so one build of each can put the ratio either side of the target.
 */
const builds = Number(flags.builds);
if (!Number.isInteger(builds) || builds < 1) throw new Error(`--builds must be a whole number ≥ 1, got "${flags.builds}"`);

const node = process.execPath;
const env = { SENDOFF_TODAY: TODAY, ASTRO_TELEMETRY_DISABLED: '1' };
const log = (line: string) => console.log(`bench: ${line}`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Runs `astro build` in `dir`; a failed build stops the bench with the build's own output. */
async function build(dir: string): Promise<Timed> {
  // A cold build: Astro keeps loaded entries (Sendoff's rendered SOP bodies, Starlight's rendered Markdown)
  // in <root>/node_modules/.astro between builds, and the corpus links the repository's node_modules, so
  // an earlier build of the same corpus would otherwise leave its work behind.
  await rm(join(dir, 'node_modules/.astro'), { recursive: true, force: true });
  const result = await timeCommand(node, [resolve('node_modules/astro/bin/astro.mjs'), 'build'], { cwd: dir, env });
  if (result.code !== 0) throw new Error(`astro build failed in ${dir}:\n${result.output.slice(-4000)}`);
  return result;
}

/** Astro's "N page(s) built in X s" line. */
const pagesBuilt = (output: string) => Number(/(\d+) page\(s\) built in/.exec(output)?.[1] ?? NaN);

/** The first SOP page (in id order) whose HTML has a diagram, and the first without one. */
async function pickSopPages(distDir: string, hasDiagram: (html: string) => boolean) {
  const found: { withDiagram?: string; withoutDiagram?: string } = {};
  for (const id of (await readdir(join(distDir, 'sops'))).sort()) {
    const html = await readFile(join(distDir, 'sops', id, 'index.html'), 'utf8').catch(() => null);
    if (html === null) continue;
    const key = hasDiagram(html) ? 'withDiagram' : 'withoutDiagram';
    found[key] ??= `/sops/${id}/`;
    if (found.withDiagram && found.withoutDiagram) break;
  }
  if (!found.withDiagram || !found.withoutDiagram) throw new Error('the corpus needs SOPs with and without a diagram');
  return found as { withDiagram: string; withoutDiagram: string };
}

interface PageFigures {
  path: string;
  static: StaticWeight;
  loaded: LoadedWeight | null;
}

interface Results {
  date: string;
  machine: { cpus: number; cpu: string; node: string };
  today: string;
  corpus: CorpusSize;
  generateSeconds: number;
  /** `sendoff check`: `seconds` is the median of 3 cold runs (no cache), `warmSeconds` of 3 runs after them. */
  check: CheckFigures;
  /** The dev server's report after a save that breaks one SOP, and after the save that fixes it. */
  dev: DevFeedback;
  /** Calendar maths at the edge of the accepted years, in this process, on the starter library (`bench/dates.ts`). */
  calendar: DateFigure[];
  sendoff: SiteFigures;
  /** Mermaid's files that the SOP page without a diagram references or fetches (null without Chromium). */
  mermaidWithoutDiagram: { bytes: number; files: string[] } | null;
  starlight: (SiteFigures & { sops: number }) | null;
  ratio: number | null;
  /** The ratio with the time Astro spent rendering client pages taken out: Starlight has no such pages. */
  ratioWithoutClientPages: number | null;
  targets: { figure: string; target: string; value: number | null; met: boolean | null }[];
  totalSeconds: number;
}

interface SiteFigures {
  build: {
    /** The median of every build's wall time (`runs`); the other figures come from the first build. */
    seconds: number;
    runs: number[];
    astroSeconds: number;
    searchSeconds: number | null;
    pages: number;
    pagesPerSecond: number;
    peakRssMB: number | null;
    /** Time Astro spent rendering each kind of page (first path segment), from its build log. */
    routes: Record<string, { pages: number; seconds: number }>;
  };
  dist: { bytes: number; files: number; searchIndexBytes: number };
  sopWithDiagram: PageFigures;
  sopWithoutDiagram: PageFigures;
}

/** Builds a site and measures its output; `search` reads the search-indexing time from the build log. */
async function measureSite(dir: string, search: (output: string) => number | null, hasDiagram: (html: string) => boolean, diagramSelector?: string): Promise<SiteFigures> {
  const result = await build(dir);
  const distDir = join(dir, 'dist');
  const pages = pagesBuilt(result.output);
  const searchSeconds = search(result.output);
  const dist = await folderSize(distDir);
  const searchIndex = await folderSize(join(distDir, 'pagefind')).catch(() => ({ bytes: 0 }));
  const paths = await pickSopPages(distDir, hasDiagram);
  const figures = async (path: string, waitFor?: string): Promise<PageFigures> => ({ path, static: await staticWeight(distDir, path), loaded: await inBrowser(distDir, path, waitFor) });
  return {
    build: {
      seconds: round(result.seconds),
      runs: [round(result.seconds)],
      astroSeconds: round(result.seconds - (searchSeconds ?? 0)),
      searchSeconds: searchSeconds === null ? null : round(searchSeconds),
      pages,
      pagesPerSecond: round(pages / result.seconds, 1),
      peakRssMB: result.peakRssMB,
      routes: routeSeconds(result.output),
    },
    dist: { ...dist, searchIndexBytes: searchIndex.bytes },
    sopWithDiagram: await figures(paths.withDiagram, diagramSelector),
    sopWithoutDiagram: await figures(paths.withoutDiagram),
  };
}

/** Loads a page in Chromium and weighs what it fetched; null (with a note) when Chromium is missing. */
async function inBrowser(distDir: string, path: string, waitFor?: string): Promise<LoadedWeight | null> {
  if (!hasChromium()) return null;
  const server = await serveDist(distDir);
  const browser = await launchBrowser();
  try {
    return await loadedWeight(browser, server.url, distDir, path, waitFor);
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Mermaid's files are the scripts the diagram page imports dynamically while it is read (the loader's
 * `import()` of mermaid and all it pulls in), plus any file of mermaid's bundle (`/_diagrams/mermaid-<key>/`,
 * src/integrations/mermaid-bundle.ts; not our `mermaid-loader` chunk, a few KB of Sendoff's code). Returns those that the page
 * without a diagram references or fetches, with their gzip bytes; null without Chromium (no network log).
 */
async function mermaidOnPageWithoutDiagram(distDir: string, site: SiteFigures): Promise<{ bytes: number; files: string[] } | null> {
  const { sopWithDiagram: withDiagram, sopWithoutDiagram: without } = site;
  if (!withDiagram.loaded || !without.loaded) return null;
  const mermaid = new Set(withDiagram.loaded.dynamicImports);
  const files = [...new Set([...without.static.files, ...without.loaded.files])].filter((file) => mermaid.has(file) || file.startsWith('/_diagrams/mermaid-'));
  let bytes = 0;
  for (const file of files) bytes += gzipSize(await readFile(distFile(distDir, file)));
  return { bytes, files };
}

const kb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '—' : `${(bytes / KB).toFixed(1)} KB`);
const mb = (bytes: number) => `${(bytes / KB / KB).toFixed(1)} MB`;
const sec2 = (seconds: number) => `${seconds.toFixed(2)} s`;
const sec = (seconds: number | null | undefined) => (seconds === null || seconds === undefined || Number.isNaN(seconds) ? '—' : `${seconds.toFixed(1)} s`);

/** The figures as a Markdown table: one row per figure, Sendoff and Starlight side by side. */
function formatTable(results: Results): string {
  const { sendoff: s, starlight: l } = results;
  const route = (site: SiteFigures, name: string) => (site.build.routes[name] ? `${sec(site.build.routes[name].seconds)} (${site.build.routes[name].pages} pages)` : '—');
  const page = (p: PageFigures | undefined) => (p ? `${kb(p.loaded?.total ?? p.static.total)} (HTML ${kb(p.static.html)}, CSS ${kb(p.static.css)}, JS ${kb(p.static.js + (p.loaded?.dynamicBytes ?? 0))})` : '—');
  // With several builds, the total is their median and the breakdown is the first build's.
  const first = s.build.runs.length > 1 ? ', first build' : '';
  const rows: [string, string, string, string][] = [
    ['pages built', `${s.build.pages}`, l ? `${l.build.pages}` : '—', ''],
    ['`sendoff check`, cold (median of 3)', sec(results.check.seconds), 'n/a', `≤ ${TARGETS.checkSeconds} s`],
    ['`sendoff check`, warm (median of 3)', sec(results.check.warmSeconds), 'n/a', ''],
    ['dev server: save → error reported (median of 3)', sec2(results.dev.errorSeconds), 'n/a', `≤ ${TARGETS.devFeedbackSeconds} s`],
    ['dev server: save → fix reported (median of 3)', sec2(results.dev.cleanSeconds), 'n/a', `≤ ${TARGETS.devFeedbackSeconds} s`],
    [
      `build, total wall time${s.build.runs.length > 1 ? ` (median of ${s.build.runs.length}, in turns)` : ''}`,
      `${sec(s.build.seconds)}${s.build.runs.length > 1 ? ` (${s.build.runs.map((run) => run.toFixed(1)).join(', ')})` : ''}`,
      l ? `${sec(l.build.seconds)}${l.build.runs.length > 1 ? ` (${l.build.runs.map((run) => run.toFixed(1)).join(', ')})` : ''}` : '—',
      '',
    ],
    [`… of which Astro (pages, validation, assets)${first}`, sec(s.build.astroSeconds), sec(l?.build.astroSeconds), ''],
    [`… of which Pagefind (Sendoff: after the last page; it indexes while pages render)${first}`, sec(s.build.searchSeconds), sec(l?.build.searchSeconds), ''],
    [`… of which rendering SOP pages${first}`, route(s, 'sops'), l ? route(l, 'sops') : '—', ''],
    [`… of which rendering client pages${first}`, route(s, 'clients'), l ? route(l, 'clients') : '—', ''],
    ['build time ratio Sendoff/Starlight', results.ratio === null ? '—' : `${results.ratio.toFixed(2)}`, '1.00', `≤ ${TARGETS.ratio.toFixed(1)}`],
    ['… the same without rendering client pages (estimate)', results.ratioWithoutClientPages === null ? '—' : `${results.ratioWithoutClientPages.toFixed(2)}`, '1.00', ''],
    ['pages per second', `${s.build.pagesPerSecond}`, l ? `${l.build.pagesPerSecond}` : '—', ''],
    ['peak memory (RSS) of the build', s.build.peakRssMB === null ? '—' : `${s.build.peakRssMB} MB`, l?.build.peakRssMB ? `${l.build.peakRssMB} MB` : '—', ''],
    ['`dist/` size (files)', `${mb(s.dist.bytes)} (${s.dist.files})`, l ? `${mb(l.dist.bytes)} (${l.dist.files})` : '—', ''],
    ['search index size', mb(s.dist.searchIndexBytes), l ? mb(l.dist.searchIndexBytes) : '—', ''],
    ['SOP page without diagram, gzip, as loaded', page(s.sopWithoutDiagram), page(l?.sopWithoutDiagram), `≤ ${TARGETS.pageWithoutDiagramKB} KB`],
    ['SOP page with diagram, gzip, as loaded', page(s.sopWithDiagram), page(l?.sopWithDiagram), ''],
    ['dynamic imports while the page is read (without / with diagram)', `${s.sopWithoutDiagram.loaded?.dynamicImports.length ?? '—'} / ${s.sopWithDiagram.loaded?.dynamicImports.length ?? '—'}`, l ? `${l.sopWithoutDiagram.loaded?.dynamicImports.length ?? '—'} / ${l.sopWithDiagram.loaded?.dynamicImports.length ?? '—'}` : '—', ''],
    ['mermaid bytes on the page without diagram', results.mermaidWithoutDiagram ? `${results.mermaidWithoutDiagram.bytes} B` : '—', 'n/a', `${TARGETS.mermaidBytes} B`],
    ...results.calendar.map((figure): [string, string, string, string] => [`calendar (starter, median of 20): ${figure.label}`, `${figure.medianMs} ms`, 'n/a', '']),
  ];
  const header = `| figure (${results.corpus.sops} SOPs, ${results.corpus.emails} emails, ${results.corpus.playbooks} playbooks, ${results.corpus.clients} clients) | Sendoff | Starlight | target |\n| --- | --- | --- | --- |`;
  const body = rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
  const verdicts = results.targets.map((t) => `${t.met === null ? '·' : t.met ? '✓' : '✗'} ${t.figure}: ${t.value ?? 'not measured'} (target ${t.target})`).join('\n');
  return `${header}\n${body}\n\n${verdicts}`;
}

// ---------------------------------------------------------------------------------------------------
const workRoot = resolve('bench/out');
await mkdir(workRoot, { recursive: true });
// Inside the repository, not the OS temp folder: Astro resolves Starlight's components only when the
// project's node_modules is found by walking up, not through a symlink (see README, Benchmark).
const workDir = await mkdtemp(join(workRoot, 'run-'));
const corpusDir = join(workDir, 'sendoff');
const started = Date.now();
try {
  log(`generating ${size.sops} SOPs, ${size.emails} emails, ${size.playbooks} playbooks, ${size.clients} clients in ${workDir}`);
  const generating = performance.now();
  await generateCorpus(corpusDir, size);
  const generateSeconds = round((performance.now() - generating) / 1000);

  log('sendoff check ×3 cold, ×3 warm');
  const check = await measureCheck(corpusDir, env);

  log('dev server: one SOP broken and fixed ×3');
  const dev = await measureDevFeedback(corpusDir, env);

  log('calendar maths ×20');
  const calendar = await measureDates(20);

  log('building with Sendoff');
  const sendoff = await measureSite(
    corpusDir,
    // Pagefind indexes the pages as they render: what it adds to the build is the wait after the last page.
    (output) => {
      const match = /Search: Pagefind indexed \d+ (?:of \d+ )?pages in ([\d.]+) s(?: as they were rendered, ([\d.]+) s of it after the last page)?/.exec(output);
      return match ? Number(match[2] ?? match[1]) : NaN;
    },
    // Every SOP page has a map generated from its checklist; "with a diagram" means an authored one.
    (html) => html.includes('data-diagram="'),
    'figure.diagram svg',
  );

  let starlight: (SiteFigures & { sops: number }) | null = null;
  if (flags.compare === 'starlight') {
    log('building the same SOP bodies with Starlight');
    const dir = join(workDir, 'starlight');
    const sops = await writeStarlightSite(dir, corpusDir);
    const site = await measureSite(
      dir,
      (output) => {
        const match = /Finished building search index in ([\d.]+)(m?s)/.exec(output);
        return match ? Number(match[1]) / (match[2] === 'ms' ? 1000 : 1) : null;
      },
      // Starlight shows a mermaid fence as highlighted code; the page "with a diagram" is the same SOP.
      (html) => html.includes('data-language="mermaid"'),
    );
    starlight = { ...site, sops };
  }

  for (let run = 1; run < builds; run++) {
    log(`build ${run + 1} of ${builds}${starlight ? ', each site' : ''}`);
    sendoff.build.runs.push(round((await build(corpusDir)).seconds));
    if (starlight) starlight.build.runs.push(round((await build(join(workDir, 'starlight'))).seconds));
  }
  for (const site of starlight ? [sendoff, starlight] : [sendoff]) site.build.seconds = median(site.build.runs);

  const mermaidWithoutDiagram = await mermaidOnPageWithoutDiagram(join(corpusDir, 'dist'), sendoff);
  const mermaidShipped = mermaidWithoutDiagram?.bytes ?? null;
  const withoutDiagramBytes = sendoff.sopWithoutDiagram.loaded?.total ?? sendoff.sopWithoutDiagram.static.total;
  const ratio = starlight ? round(sendoff.build.seconds / starlight.build.seconds) : null;
  const results: Results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    today: TODAY,
    corpus: size,
    generateSeconds,
    check,
    dev,
    calendar,
    sendoff,
    mermaidWithoutDiagram,
    starlight,
    ratio,
    ratioWithoutClientPages: starlight ? round((sendoff.build.seconds - (sendoff.build.routes.clients?.seconds ?? 0)) / starlight.build.seconds) : null,
    targets: [
      { figure: 'build time Sendoff/Starlight', target: `≤ ${TARGETS.ratio}`, value: ratio, met: ratio === null ? null : ratio <= TARGETS.ratio },
      { figure: 'check, cold (s)', target: `≤ ${TARGETS.checkSeconds}`, value: check.seconds, met: check.seconds <= TARGETS.checkSeconds },
      { figure: 'dev server, save → error reported (s)', target: `≤ ${TARGETS.devFeedbackSeconds}`, value: dev.errorSeconds, met: dev.errorSeconds <= TARGETS.devFeedbackSeconds },
      { figure: 'dev server, save → fix reported (s)', target: `≤ ${TARGETS.devFeedbackSeconds}`, value: dev.cleanSeconds, met: dev.cleanSeconds <= TARGETS.devFeedbackSeconds },
      { figure: 'SOP page without authored diagram, generated map only (KB gzip)', target: `≤ ${TARGETS.pageWithoutDiagramKB}`, value: round(withoutDiagramBytes / KB, 1), met: withoutDiagramBytes <= TARGETS.pageWithoutDiagramKB * KB },
      { figure: 'mermaid bytes on it', target: `= ${TARGETS.mermaidBytes}`, value: mermaidShipped, met: mermaidShipped === null ? null : mermaidShipped === TARGETS.mermaidBytes },
    ],
    totalSeconds: 0,
  };
  results.totalSeconds = round((Date.now() - started) / 1000, 0);
  const out = resolve(flags.out!);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatTable(results)}\n`);
  log(`figures written to ${out}`);
} finally {
  if (flags.keep) log(`kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}

