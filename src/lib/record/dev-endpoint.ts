import type { AnswerValue, DoneEntry } from '../../schemas/record';

/**
 * The dev server's record endpoint as the client page sees it: where it is and what goes in and out.
 * Browser-safe (no Node imports): the client page's script and the server's handler
 * (`record-request.ts`) share it. The endpoint exists only in `npm run dev`; a static build has none.
 */

/** Where the dev server takes a tick: POST JSON, same origin only. */
export const RECORD_ENDPOINT = '/_sendoff/record';

/** What the page sends: record (or, with `undo`, un-record) one task of one client. */
export interface RecordRequestBody {
  /** The client's id (its file name in `content/clients/`). */
  client: string;
  /** The task's global id, `<sop-id>#<item-id>`. */
  item: string;
  /** Who did it: a person id from `content/team.yaml` (not needed to un-record). */
  by?: string;
  /** The day it was done (default: today in the company's time zone). */
  on?: string;
  note?: string;
  answer?: AnswerValue;
  /** Remove the task's record instead of writing one. */
  undo?: boolean;
}

/** What the endpoint answers: the entry as stored (null after an undo), or why nothing was written. */
export type RecordReply =
  | { ok: true; client: string; item: string; file: string; entry: DoneEntry | null }
  | { ok: false; error: string; hint?: string };
