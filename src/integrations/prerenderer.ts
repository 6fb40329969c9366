import type { AstroPrerenderer } from 'astro';

/**
 * Astro's prerenderer with `render` (and, if given, `getStaticPaths`) replaced, every other hook passed
 * through as it is: the shape the build's wrappers share (render-order.ts, search-index.ts,
 * route-times.ts), each set with Astro's public `setPrerenderer` hook.
 */
export function wrapPrerenderer(
  base: AstroPrerenderer,
  name: string,
  parts: Pick<AstroPrerenderer, 'render'> & Partial<Pick<AstroPrerenderer, 'getStaticPaths'>>,
): AstroPrerenderer {
  return {
    name,
    ...(base.setup ? { setup: () => base.setup!() } : {}),
    getStaticPaths: parts.getStaticPaths ?? (() => base.getStaticPaths()),
    render: parts.render,
    ...(base.collectStaticImages ? { collectStaticImages: () => base.collectStaticImages!() } : {}),
    ...(base.teardown ? { teardown: () => base.teardown!() } : {}),
  };
}
