import type { APIRoute, GetStaticPaths } from 'astro';
import { CLIENT_PAGES, getLibrary } from '../site/library';
import { buildRun } from '../lib/run';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, exportFilename, renderExport, type ExportFormat } from '../lib/exports';
import { clientRunUrl } from '../lib/run-page';

// Injected by the Sendoff integration next to the client pages (and only when they are on):
// /clients/<id>/<id>.md, .csv and .ics, written at build time.
export const getStaticPaths = (async () => {
  if (!CLIENT_PAGES) return [];
  const library = await getLibrary();
  return library.clients.flatMap((client) =>
    EXPORT_FORMAT_IDS.map((format) => ({ params: { id: client.id, file: exportFilename(client.id, format) }, props: { format } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ format: ExportFormat }> = async ({ params, props }) => {
  const library = await getLibrary();
  const client = library.clientById.get(params.id!)!;
  const run = buildRun(client, library.playbookById.get(client.playbook)!, library);
  const body = renderExport(run, props.format, { locale: library.company.locale, runUrl: clientRunUrl(library, client.id) });
  return new Response(body, { headers: { 'Content-Type': EXPORT_FORMATS[props.format].mime } });
};
