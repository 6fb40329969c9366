import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { HookParameters } from 'astro';
import { processMemo } from '../lib/content/process-memo';
import { RECORD_ENDPOINT } from '../lib/record/dev-endpoint';
import { handleRecordRequest } from '../lib/record/record-request';

/**
 * Whether this is the dev server, as a constant in the site's code (server and browser alike):
 * `import.meta.env.SENDOFF_DEV_SERVER`. Vite's `import.meta.env.DEV` is not enough: a build run with
 * `NODE_ENV=test` (as the test suite's is) sets it too, and the page would then offer an endpoint the
 * static site does not have. With the constant false, the build drops the dev-only script entirely.
 */
export function recordEndpointDefine(command: string): Record<string, string> {
  return { 'import.meta.env.SENDOFF_DEV_SERVER': JSON.stringify(command === 'dev') };
}

/** A request body larger than this is not a tick: refused before it is read whole. */
const MAX_BODY = 64 * 1024;

/**
 * In `npm run dev` only: `POST /_sendoff/record` records (or un-records) one task in the client's file,
 * so ticking a task on the client page writes the shared record. The judgement is `handleRecordRequest`
 * (src/lib/record/record-request.ts); this only reads the request and writes the reply. Requests are
 * handled one at a time, so two quick ticks never both edit the file they both read. The file change
 * reaches the page the usual way: the watcher re-checks it and the content loaders re-read it.
 * `astro build` never calls this hook, so a static site has no such endpoint.
 */
export function serveRecordEndpoint({ server, logger }: Pick<HookParameters<'astro:server:setup'>, 'server' | 'logger'>): void {
  const root = typeof server.config.root === 'string' ? server.config.root : fileURLToPath(server.config.root);
  let queue: Promise<unknown> = Promise.resolve();
  server.middlewares.use(RECORD_ENDPOINT, (request: IncomingMessage, response: ServerResponse) => {
    const handle = async () => {
      const body = await readBody(request);
      const reply =
        body === null
          ? { status: 413, body: { ok: false as const, error: 'the request is too large to be a tick' } }
          : await handleRecordRequest(
              { method: request.method ?? 'GET', headers: request.headers, body },
              { root, today: process.env.SENDOFF_TODAY, allowedHosts: server.config.server.allowedHosts, memo: processMemo() },
            );
      if (reply.body.ok) logger.info(`Recorded in ${reply.body.file}: ${reply.body.item} ${reply.body.entry ? `done by ${reply.body.entry.by} on ${reply.body.entry.on}` : 'no longer done'}`);
      response.statusCode = reply.status;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.end(JSON.stringify(reply.body));
    };
    queue = queue.then(handle).catch((error: unknown) => {
      logger.error(`Recording a task failed; nothing was written.\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) {
        response.statusCode = 500;
        response.setHeader('Content-Type', 'application/json; charset=utf-8');
        response.end(JSON.stringify({ ok: false, error: 'the dev server could not record the task; its terminal shows why' }));
      }
    });
  });
}

/** The request body as text, or null when it is larger than `MAX_BODY`. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
