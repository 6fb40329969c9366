import type { AstroPrerenderer } from 'astro';
import { wrapPrerenderer } from './prerenderer';

/**
 * How long each kind of page took to build, as wall time: the time during which at least one page of
 * that kind was rendering, by the first segment of the path (`sops`, `clients`, …; a page at the top
 * level by its name). Astro logs each page's own time, but renders two at a time (`build.concurrency`),
 * so those times overlap and their sum says more than the clock did. The bench reads this line
 * (bench/measure.ts).
 */
export interface RouteTimes {
  prerenderer: AstroPrerenderer;
  /** "Route times (wall): sops 3.42 s (1001 pages), …", slowest first. */
  report(): string;
}

/**
 * The kind of a page from its URL path or its file: `/sops/a/` and `sops/a/index.html` → `sops`, `/` and
 * `index.html` → `home`, `/404.html` → `404`. The bench groups Starlight's pages by the same rule.
 */
export function routeGroup(path: string): string {
  const segments = path.replace(/^\//, '').replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '').split('/');
  if (segments.length > 1 && segments[1] !== '') return segments[0]!;
  return segments[0] || 'home';
}

/** The length of the union of `[start, end]` intervals. */
export function coveredMs(intervals: readonly (readonly [number, number])[]): number {
  let covered = 0;
  let reach = -Infinity;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return covered;
}

export function timeRoutes(base: AstroPrerenderer, now: () => number = () => performance.now()): RouteTimes {
  const groups = new Map<string, [number, number][]>();
  return {
    prerenderer: wrapPrerenderer(base, `${base.name}+sendoff:route-times`, {
      render: async (request, options) => {
        const group = routeGroup(new URL(request.url).pathname);
        const start = now();
        try {
          return await base.render(request, options);
        } finally {
          const intervals = groups.get(group) ?? [];
          intervals.push([start, now()]);
          groups.set(group, intervals);
        }
      },
    }),
    report() {
      const rows = [...groups].map(([group, intervals]) => ({ group, seconds: coveredMs(intervals) / 1000, pages: intervals.length })).sort((a, b) => b.seconds - a.seconds);
      return `Route times (wall): ${rows.map((row) => `${row.group} ${row.seconds.toFixed(2)} s (${row.pages} ${row.pages === 1 ? 'page' : 'pages'})`).join(', ')}`;
    },
  };
}
