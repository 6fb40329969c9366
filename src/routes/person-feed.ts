import type { APIRoute, GetStaticPaths } from 'astro';
import { CLIENT_PAGES, getLibrary, getRunSummaries } from '../site/collections';
import { EXPORT_FORMATS } from '../lib/exports/formats';
import { tasksToIcs } from '../lib/exports/ics';
import { personFeedParams } from '../lib/routes';
import { clientRunUrl } from '../lib/run/run-html-options';
import { openTasksOf } from '../lib/record/progress';
import { siteToday } from '../site/options';

// Injected beside a person's "My tasks" page (and only when client pages are on): /people/<id>/<id>.ics,
// their open tasks as a calendar, with the same UIDs as the client calendars.
export const getStaticPaths = (async () => {
  if (!CLIENT_PAGES) return [];
  const library = await getLibrary();
  return library.team.people.map((person) => ({ params: personFeedParams(person.id) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const library = await getLibrary();
  const person = library.personById.get(params.id!)!;
  const runs = await getRunSummaries();
  // One URL a client, not one a task (a person may have thousands of open tasks across a few hundred clients).
  const urls = new Map<string, string>();
  const runUrl = (clientId: string) => urls.get(clientId) ?? urls.set(clientId, clientRunUrl(library, clientId)).get(clientId)!;
  const tasks = openTasksOf(person.id, runs, siteToday(library)).map(({ run, item }) => ({ run, item, runUrl: runUrl(run.client.id) }));
  const body = tasksToIcs(`Offboarding tasks: ${person.name}`, tasks, { locale: library.company.locale });
  return new Response(body, { headers: { 'Content-Type': EXPORT_FORMATS.ics.mime } });
};
