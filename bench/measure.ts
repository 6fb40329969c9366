import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import type { Browser, Page } from 'playwright-core';
import { routeGroup } from '../src/integrations/route-times';

/** GNU time reports the peak resident memory of a command and its children; present on Debian as `time`. */
const GNU_TIME = '/usr/bin/time';

export interface Timed {
  seconds: number;
  /** Peak resident set size in MB (GNU time's "Maximum resident set size"), null when it could not be read. */
  peakRssMB: number | null;
  /** User plus system CPU seconds of the command and its children (GNU time), null without it: less noisy than wall time on a shared machine. */
  cpuSeconds: number | null;
  output: string;
  code: number;
}

/**
 * Runs a command to completion and times it from spawn to exit. Peak memory comes from GNU time when it
 * is installed; otherwise from sampling the child's own VmHWM in /proc (children of the child not counted).
 */
export function timeCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Timed> {
  const useGnuTime = existsSync(GNU_TIME);
  const [file, argv] = useGnuTime ? [GNU_TIME, ['-v', command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  let sampledKB = 0;
  const sampler = useGnuTime ? null : setInterval(() => (sampledKB = Math.max(sampledKB, readHighWaterKB(child.pid))), 100);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (sampler) clearInterval(sampler);
      const stderr = Buffer.concat(errors).toString('utf8');
      const rss = useGnuTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] : sampledKB || null;
      const cpu = ['User', 'System'].map((kind) => new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1]);
      // GNU time appends its report to stderr; keep the command's own output readable.
      const ownStderr = useGnuTime ? stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '') : stderr;
      resolve({
        seconds,
        peakRssMB: rss ? Math.round(Number(rss) / 1024) : null,
        cpuSeconds: useGnuTime && cpu.every(Boolean) ? Number(cpu[0]) + Number(cpu[1]) : null,
        output: stripVTControlCharacters(Buffer.concat(chunks).toString('utf8') + ownStderr),
        code: code ?? 1,
      });
    });
  });
}

function readHighWaterKB(pid: number | undefined): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Total bytes and file count under a folder. */
export async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

export const gzipSize = (data: Buffer | string) => gzipSync(data).length;

/** The built file a site path is served from (`/sops/x/` → `sops/x/index.html`). */
export function distFile(distDir: string, path: string): string {
  const clean = decodeURIComponent(path.split(/[?#]/)[0]!);
  return join(distDir, clean.endsWith('/') ? `${clean}index.html` : clean);
}

export interface StaticWeight {
  /** gzip bytes of the HTML document (inline scripts and styles included). */
  html: number;
  /** gzip bytes of the stylesheets it links. */
  css: number;
  /** gzip bytes of the module scripts and modulepreloads it references, and of the modules they import statically. */
  js: number;
  total: number;
  /** Same-origin files it references, in document order, each followed by the modules it imports statically. */
  files: string[];
}

/**
 * A built module's static imports (`import "./x.js"`, `import { a } from "./x.js"`, `export … from`):
 * the browser fetches them before the module runs. `import("./x.js")` is left out: it loads later, if at
 * all. Meant for the bundler's own output (our entries and their shared chunks), not arbitrary code.
 */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["']([^"']+\.js)["']/g;

/** `urls` and every module they import statically, transitively, as site paths. */
async function withStaticImports(distDir: string, urls: string[], inline: string[] = []): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (source: string, from: string) => {
    for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
      const url = new URL(specifier!, `http://site${from}`).pathname;
      if (seen.has(url)) continue;
      seen.add(url);
      await visit(await readFile(distFile(distDir, url), 'utf8'), url);
    }
  };
  for (const source of inline) await visit(source, '/');
  for (const url of urls) {
    if (seen.has(url)) continue;
    seen.add(url);
    await visit(await readFile(distFile(distDir, url), 'utf8'), url);
  }
  return [...seen];
}

/**
 * What a page costs before any script runs: its HTML plus every stylesheet, script and modulepreload the
 * HTML references and every module those import statically (fetched before they run), each gzipped on
 * its own as a static host would serve it. The search index (/pagefind/) is left out: it loads only when
 * someone searches.
 */
export async function staticWeight(distDir: string, path: string): Promise<StaticWeight> {
  const html = await readFile(distFile(distDir, path));
  const window = new Window();
  const document = new window.DOMParser().parseFromString(html.toString('utf8'), 'text/html');
  const sameOrigin = (url: string | null): url is string => Boolean(url?.startsWith('/') && !url.startsWith('//') && !url.startsWith('/pagefind/'));
  const css = [...document.querySelectorAll('link[rel~="stylesheet"]')].map((el) => el.getAttribute('href')).filter(sameOrigin);
  const inlineModules = [...document.querySelectorAll('script[type="module"]:not([src])')].map((el) => el.textContent ?? '');
  const js = await withStaticImports(
    distDir,
    [
      ...[...document.querySelectorAll('script[src]')].map((el) => el.getAttribute('src')),
      ...[...document.querySelectorAll('link[rel="modulepreload"]')].map((el) => el.getAttribute('href')),
    ].filter(sameOrigin),
    inlineModules,
  );
  await window.happyDOM.close();
  const weigh = async (urls: string[]) => {
    let sum = 0;
    for (const url of new Set(urls)) sum += gzipSize(await readFile(distFile(distDir, url)));
    return sum;
  };
  const weights = { html: gzipSize(html), css: await weigh(css), js: await weigh(js) };
  return { ...weights, total: weights.html + weights.css + weights.js, files: [...new Set([...css, ...js])] };
}

export interface LoadedWeight {
  /** gzip bytes of every HTML, CSS and JS response the page fetched until the network was idle. */
  total: number;
  requests: number;
  /** The paths counted, in the order they were fetched. */
  files: string[];
  /** Scripts fetched that neither the HTML nor the modules it loads import statically: `import()`s performed while the page was read. */
  dynamicImports: string[];
  dynamicBytes: number;
}

/** Scrolls a page to its end one screen at a time, as a reader would, so lazily drawn diagrams draw. */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}

/**
 * What a first-time reader's browser fetches for a page: a fresh Chromium context (nothing stored: an
 * SOP's map starts closed), the page loaded and read down to its end, so whatever loads when it comes
 * near the viewport (diagrams) is counted too. Every document, stylesheet and script response (search
 * index excluded) until the network is idle and, when `waitFor` is given, that element has appeared.
 */
export async function loadedWeight(browser: Browser, baseUrl: string, distDir: string, path: string, waitFor?: string): Promise<LoadedWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched: { path: string; type: string }[] = [];
  let inFlight = 0;
  let lastActivity = performance.now();
  page.on('request', () => {
    inFlight += 1;
    lastActivity = performance.now();
  });
  page.on('requestfailed', () => {
    inFlight -= 1;
    lastActivity = performance.now();
  });
  page.on('requestfinished', (request) => {
    inFlight -= 1;
    lastActivity = performance.now();
    const url = new URL(request.url());
    if (url.origin === baseUrl && !url.pathname.startsWith('/pagefind/')) fetched.push({ path: url.pathname, type: request.resourceType() });
  });
  await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
  await scrollThrough(page);
  if (waitFor) await page.locator(waitFor).first().waitFor({ timeout: 60_000 });
  // The load state is already "networkidle": wait until what reading the page started has finished too.
  while (inFlight > 0 || performance.now() - lastActivity < 500) await page.waitForTimeout(100);
  await context.close();
  const counted = fetched.filter((entry) => ['document', 'stylesheet', 'script'].includes(entry.type));
  const referenced = new Set((await staticWeight(distDir, path)).files);
  const dynamicImports = counted.filter((entry) => entry.type === 'script' && !referenced.has(entry.path)).map((entry) => entry.path);
  let total = 0;
  let dynamicBytes = 0;
  for (const entry of counted) {
    const size = gzipSize(await readFile(distFile(distDir, entry.path)));
    total += size;
    if (dynamicImports.includes(entry.path)) dynamicBytes += size;
  }
  return { total, requests: counted.length, files: counted.map((entry) => entry.path), dynamicImports, dynamicBytes };
}

/** The middle value (of an even count, the upper of the two middle ones: a real run, not an average). */
export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Astro logs each page it writes with the time it took (`├─ /clients/x/index.html (+540ms)`). Summed
 * by the first path segment, this says which kind of page the build spends its time on (Starlight's
 * build; Sendoff's logs each kind's wall time, which this reads when it is there).
 */
export function routeSeconds(output: string): Record<string, { pages: number; seconds: number }> {
  const groups: Record<string, { pages: number; seconds: number }> = {};
  // Sendoff renders two pages at a time, so their own times overlap: its integration logs each kind's
  // wall time instead (src/integrations/route-times.ts).
  const wall = /Route times \(wall\): (.*)/.exec(output)?.[1];
  if (wall) {
    for (const [, group, seconds, pages] of wall.matchAll(/(\S+) ([\d.]+) s \((\d+) pages?\)/g)) {
      groups[group!] = { pages: Number(pages), seconds: Number(seconds) };
    }
    return groups;
  }
  for (const [, path, value, unit] of output.matchAll(/[├└]─ \/(\S*) \(\+([\d.]+)(ms|s)\)/g)) {
    const group = routeGroup(path!);
    groups[group] ??= { pages: 0, seconds: 0 };
    groups[group].pages += 1;
    groups[group].seconds += Number(value) / (unit === 'ms' ? 1000 : 1);
  }
  for (const figures of Object.values(groups)) figures.seconds = Number(figures.seconds.toFixed(2));
  return groups;
}
