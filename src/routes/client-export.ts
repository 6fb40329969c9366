import type { APIRoute, GetStaticPaths } from 'astro';
import { CLIENT_PAGES, getClientExportBody, getLibrary } from '../site/collections';
import { EXPORT_FORMATS, type ExportFormat } from '../lib/exports';
import { clientExportParams, exportFormatOf } from '../lib/routes';

// Injected by the Sendoff integration next to the client pages (and only when they are on), once per
// format (src/lib/routes: clientExportRoutes): /clients/<id>/<id>.md, .csv and .ics, written at build time.
export const getStaticPaths = (async ({ routePattern }) => {
  if (!CLIENT_PAGES) return [];
  const format = exportFormatOf(routePattern);
  if (!format) throw new Error(`client-export.ts serves the client export routes, not ${routePattern}`);
  const library = await getLibrary();
  return library.clients.map((client) => ({ params: clientExportParams(client.id), props: { format } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ format: ExportFormat }> = async ({ params, props }) => {
  const body = await getClientExportBody(params.id!, props.format);
  return new Response(body, { headers: { 'Content-Type': EXPORT_FORMATS[props.format].mime } });
};
