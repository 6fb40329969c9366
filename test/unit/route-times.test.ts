import { describe, expect, it } from 'vitest';
import type { AstroPrerenderer, RouteData } from 'astro';
import { coveredMs, routeGroup, timeRoutes } from '../../src/integrations/route-times';
import { routeSeconds } from '../../bench/measure';

describe('each kind of page\'s wall time', () => {
  it('groups pages by their first path segment, as the bench did from Astro\'s log', () => {
    expect(['/sops/a/', '/sops/', '/clients/x/x.csv', '/', '/404.html', '/process/'].map(routeGroup)).toEqual(['sops', 'sops', 'clients', 'home', '404', 'process']);
    // Astro's log names files: the same kinds (the bench groups Starlight's pages with this rule).
    expect(['sops/a/index.html', 'index.html', '404.html', 'search/index.html', 'clients/x/x.md'].map(routeGroup)).toEqual(['sops', 'home', '404', 'search', 'clients']);
  });

  it('counts the time at least one page of a kind was rendering: overlaps once, gaps not at all', () => {
    expect(coveredMs([[0, 900], [100, 1500], [5000, 5200], [5100, 5150]])).toBe(1700);
    expect(coveredMs([])).toBe(0);
  });

  it('counts pages rendered two at a time once, not their sum', async () => {
    let clock = 0;
    const finishes: (() => void)[] = [];
    const base: AstroPrerenderer = {
      name: 'astro:default',
      getStaticPaths: async () => [],
      render: () => new Promise<Response>((resolve) => finishes.push(() => resolve(new Response('page')))),
    };
    const times = timeRoutes(base, () => clock);
    const render = (path: string) => times.prerenderer.render(new Request(`http://x${path}`), { routeData: {} as RouteData });
    const first = render('/sops/a/'); // starts at 0
    clock = 100;
    const second = render('/sops/b/'); // starts at 100, beside the first
    clock = 900;
    finishes[0]!();
    await first;
    clock = 1500;
    finishes[1]!();
    await second;
    clock = 1600;
    const client = render('/clients/x/');
    clock = 2100;
    finishes[2]!();
    await client;
    // Each page took 900 and 1,400 ms: 2.3 s summed, 1.5 s on the clock.
    expect(times.report()).toBe('Route times (wall): sops 1.50 s (2 pages), clients 0.50 s (1 page)');
    expect(routeSeconds(`12:00:00 [sendoff] ${times.report()}`)).toEqual({ sops: { seconds: 1.5, pages: 2 }, clients: { seconds: 0.5, pages: 1 } });
  });
});
