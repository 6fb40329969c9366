import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { describe, expect, it } from 'vitest';
import type { AstroIntegrationLogger } from 'astro';
import { copyMermaidBundle, serveMermaidBundle, startMermaidBundle } from '../../src/integrations/mermaid-bundle';

type Handler = (request: { url?: string }, response: FakeResponse, next: (error?: unknown) => void) => void;
interface FakeResponse {
  headers: Record<string, string>;
  body?: Buffer;
  setHeader(name: string, value: string): void;
  end(body: Buffer): void;
}

/** What the dev server answers for a URL: the file's bytes, or `next` (someone else's URL: Vite answers 404). */
async function devRequest(handler: Handler, url: string): Promise<{ body?: Buffer; type?: string } | 'next'> {
  return new Promise((resolve, reject) => {
    const response: FakeResponse = {
      headers: {},
      setHeader(name, value) {
        this.headers[name] = value;
      },
      end(body) {
        resolve({ body, type: this.headers['content-type'] });
      },
    };
    handler({ url }, response, (error) => (error ? reject(error) : resolve('next')));
  });
}

describe("mermaid's browser bundle (built by esbuild beside the site)", () => {
  it('builds one entry the loader imports, in a folder named after what it is made of, and reuses it', async () => {
    const bundle = startMermaidBundle();
    expect(bundle.path).toMatch(/^\/_diagrams\/mermaid-[0-9a-f]{10}\/$/);
    expect(JSON.parse(bundle.define['import.meta.env.SENDOFF_MERMAID']!)).toBe(`${bundle.path}mermaid.js`);
    const folder = await bundle.folder;
    const entry = await readFile(join(folder, 'mermaid.js'), 'utf8');
    expect(entry).toMatch(/export\s*\{[^}]*as default/); // the loader reads `default`
    expect(entry).toMatch(/import\(/); // diagram types load on demand, as chunks
    // Same key, same folder: a second build does not bundle again.
    expect(await startMermaidBundle().folder).toBe(folder);
  }, 60_000);

  it('serves the bundle in the dev server, and nothing outside it', async () => {
    const bundle = startMermaidBundle();
    let handler: Handler | undefined;
    serveMermaidBundle(bundle, { middlewares: { use: (fn: Handler) => (handler = fn) } } as unknown as ViteDevServer);
    const served = await devRequest(handler!, `${bundle.path}mermaid.js?v=1`);
    expect(served).not.toBe('next');
    expect(served !== 'next' && served.type).toBe('text/javascript; charset=utf-8');
    expect(served !== 'next' && served.body?.toString()).toBe(await readFile(join(await bundle.folder, 'mermaid.js'), 'utf8'));
    for (const url of [`${bundle.path}../../../package.json`, `${bundle.path}%2e%2e/%2e%2e/package.json`, `${bundle.path}chunks/../../inputs.json`, `${bundle.path}missing.js`, '/sops/pay/']) {
      expect(await devRequest(handler!, url), url).toBe('next');
    }
  }, 60_000);
});

describe('a broken installation', () => {
  it('fails the build saying it is an installation problem and what to run, with esbuild\'s own message after', async () => {
    const folder = Promise.reject(new Error('Could not resolve "mermaid"'));
    folder.catch(() => undefined);
    const logger = { info: () => {} } as unknown as AstroIntegrationLogger;
    await expect(copyMermaidBundle({ path: '/_diagrams/mermaid-x/', define: {}, folder }, new URL('file:///tmp/nowhere/'), logger)).rejects.toThrow(
      /installation problem, not your content: run `npm ci` again[\s\S]*Could not resolve "mermaid"/,
    );
  });
});
