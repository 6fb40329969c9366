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

type RenderResult = Awaited<ReturnType<AstroPrerenderer['render']>>;

/**
 * A rendered page with its body read as bytes and handed to `change`: its result replaces the body
 * (status and headers kept, the length set again); `null` keeps the page as it was. Redirects and
 * bodiless responses pass through untouched.
 */
export async function withBody(result: RenderResult, change: (body: Uint8Array<ArrayBuffer>) => Uint8Array | null | Promise<Uint8Array | null>): Promise<RenderResult> {
  const response = result instanceof Response ? result : result.response;
  if ((response.status >= 300 && response.status < 400) || !response.body) return result;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = (await change(bytes)) ?? bytes;
  const headers = new Headers(response.headers);
  if (headers.has('Content-Length')) headers.set('Content-Length', String(body.byteLength));
  const copy = new Response(body as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers });
  return result instanceof Response ? copy : { ...result, response: copy };
}
