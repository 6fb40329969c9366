import { isIP } from 'node:net';
import didYouMean from 'didyoumean2';
import { z } from 'astro/zod';
import { DoneEntrySchema, GlobalItemIdSchema, AnswerValueSchema, type DoneEntry } from '../../schemas/record';
import { IdSchema } from '../../schemas/common';
import { FOLDER_KINDS } from '../content/kinds';
import type { LoadMemo } from '../content/load';
import { describeIssues } from '../content/schema-diagnostics';
import { resolveToday } from '../run/today';
import type { RecordReply } from './dev-endpoint';
import { locateRecordTarget, type TargetProblem } from './target';
import { applyRecordEdit } from './apply';

/**
 * The dev server's record endpoint as a function: an HTTP request in, a status and a JSON reply out, and
 * the client file rewritten when the request is good. `src/integrations/record-endpoint.ts` only wires
 * it into the dev server, so the tests call it directly, without a server.
 *
 * A request is refused unless it is a same-origin `POST` of JSON: a browser sends a cross-site form or
 * `fetch` either with another `Origin` or (for JSON) only after a preflight the endpoint never answers,
 * so a web page the developer happens to visit cannot write files. The client id is looked up among the
 * clients the content pipeline loaded, and the file written is the one the pipeline read it from: no
 * path is ever built from the request. The new entry is checked by `check`'s own rules on the edited
 * text before anything is written, and the file is replaced atomically (a temporary file, renamed).
 */

export interface RecordHttpRequest {
  method: string;
  /** Header values as Node gives them (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RecordHttpResponse {
  status: number;
  body: RecordReply;
}

export interface RecordEndpointOptions {
  /** The project folder. */
  root: string;
  /** The date to treat as today (`SENDOFF_TODAY`); default today in the company's time zone. */
  today?: string | undefined;
  /** Host names the dev server answers besides loopback and IP addresses (Vite's `server.allowedHosts`). */
  allowedHosts?: true | readonly string[] | undefined;
  /** Reuse parsed files across requests (`processMemo()`). */
  memo?: LoadMemo | undefined;
}

/** What the page may send; anything else is refused by name. */
const RecordRequestSchema = z.strictObject({
  client: IdSchema,
  item: GlobalItemIdSchema,
  by: IdSchema.optional(),
  on: z.string().optional(),
  note: z.string().optional(),
  answer: AnswerValueSchema.optional(),
  undo: z.boolean().optional(),
});

const refuse = (status: number, error: string, hint?: string): RecordHttpResponse => ({ status, body: { ok: false, error, ...(hint ? { hint } : {}) } });

const header = (request: RecordHttpRequest, name: string): string => {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/** Records or un-records one task, or says why not. */
export async function handleRecordRequest(request: RecordHttpRequest, options: RecordEndpointOptions): Promise<RecordHttpResponse> {
  if (request.method !== 'POST') return refuse(405, `this endpoint only takes POST requests, not ${request.method}`);
  const contentType = header(request, 'content-type').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') return refuse(415, 'refused: the request must be JSON (Content-Type: application/json)');
  const origin = sameOriginProblem(header(request, 'origin'), header(request, 'host'), options.allowedHosts);
  if (origin) return refuse(403, `refused: ${origin}`, 'tick the task on the client page of this dev server (http://localhost:…); other sites cannot record');

  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return refuse(400, 'the request body is not JSON');
  }
  const parsed = RecordRequestSchema.safeParse(json);
  if (!parsed.success) return refuse(400, describeIssues(parsed.error.issues));
  const { client: clientId, item: itemId, undo = false } = parsed.data;

  const located = await locateRecordTarget(options.root, clientId, itemId, options.memo);
  if ('problem' in located) return refuseTarget(located.problem, clientId);
  const { library, file } = located.target;

  const today = resolveToday(library.company.timezone, options.today);
  let entry: DoneEntry | null = null;
  if (!undo) {
    const { by, on, note, answer } = parsed.data;
    if (!by) return refuse(400, 'by: say who did the task (a person id from content/team.yaml)');
    if (!library.personById.has(by)) {
      const suggestion = didYouMean(by, library.team.people.map((person) => person.id));
      return refuse(400, `by: "${by}" is not a person in content/team.yaml`, suggestion ? `did you mean "${suggestion}"?` : 'add them to content/team.yaml first');
    }
    const shaped = DoneEntrySchema.safeParse({ on: on ?? today, by, ...(note?.trim() ? { note: note.trim() } : {}), ...(answer === undefined ? {} : { answer }) });
    if (!shaped.success) return refuse(400, describeIssues(shaped.error.issues));
    entry = shaped.data;
  }

  const outcome = await applyRecordEdit(options.root, file, itemId, entry, { today, ...(options.memo ? { memo: options.memo } : {}) });
  if (outcome.kind === 'unreadable') return refuse(409, `${file}: ${outcome.message}`, 'fix the file by hand, then tick again');
  if (outcome.kind === 'refused') return refuse(400, outcome.errors.map((problem) => problem.message).join('; '), outcome.errors[0]!.hint);
  return { status: 200, body: { ok: true, client: clientId, item: itemId, file, entry } };
}

/**
 * Why a request is not same-origin, or null when it is. `Origin` must name this very server, and the
 * server must be reached by a name a hostile page cannot point at it (DNS rebinding): loopback, an IP
 * address, or a host the developer allowed in Vite's `server.allowedHosts`.
 */
export function sameOriginProblem(origin: string, host: string, allowedHosts: RecordEndpointOptions['allowedHosts'] = []): string | null {
  if (!origin) return 'the request has no Origin header (only the client page of this dev server may record)';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `the request's origin "${origin}" is not an address`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the request comes from "${origin}", not from this dev server`;
  if (!host || url.host !== host.toLowerCase()) return `the request comes from ${origin}, another site than this dev server (${host || 'unknown host'})`;
  const name = url.hostname.replace(/^\[|\]$/g, '');
  const known = name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0 || allowedHosts === true || allowedHosts.includes(name);
  return known ? null : `the dev server was reached as "${name}", a name that is not loopback, an IP address or in Vite's server.allowedHosts`;
}

/** Why the task could not be found, in words for the page that ticked it. */
function refuseTarget(problem: TargetProblem, clientId: string): RecordHttpResponse {
  const fixFirst = 'fix the problems the dev server prints, then tick again';
  switch (problem.kind) {
    case 'content':
      return refuse(409, 'the content does not load (company, team or phases has errors), so nothing can be recorded', fixFirst);
    case 'client-file':
      return refuse(409, `the client file of "${clientId}" has errors, so nothing can be recorded in it`, 'fix the problems the dev server prints for it, then tick again');
    case 'client':
      return refuse(404, `unknown client "${clientId}"`, problem.suggestion ? `did you mean "${problem.suggestion}"?` : `the clients are in ${FOLDER_KINDS.clients.folder}/`);
    case 'run':
      return refuse(409, `the run of ${problem.client.name} cannot be worked out (its playbook "${problem.client.playbook}" is missing or one of its conditions fails)`, fixFirst);
    case 'item':
      return refuse(400, `${problem.client.name}: ${problem.problem.message}`, problem.problem.hint);
  }
}
