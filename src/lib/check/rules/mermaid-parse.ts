import { returnWindow } from './dom-global.ts';

// Mermaid (and the DOM it needs) takes seconds to load: only the mermaid worker imports this module
// (see mermaid.ts), so `sendoff check` and the build load it off the main thread, and not at all when
// every diagram is remembered as valid. Imports are relative with `.ts` so Node can run the worker
// without a TypeScript loader. Mermaid is imported once the window is lent: a static import would run
// first in a bundle (`scripts/sendoff.mjs`), where dom-global's code is inlined after the imports.
const { default: mermaid } = await import('mermaid');
returnWindow();

/** Why a diagram does not parse: the line inside the diagram and a short message; null when it parses. */
export type DiagramProblem = { line: number; message: string } | null;

let initialized = false;
let primed = false;

/** Parses one diagram with mermaid's own parser. */
export async function parseDiagram(text: string): Promise<DiagramProblem> {
  if (!initialized) mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  initialized = true;
  try {
    // The first parse registers the diagram types; after that the lighter call is enough.
    if (primed) await mermaid.mermaidAPI.getDiagramFromText(text);
    else await mermaid.parse(text);
    primed = true;
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const loc = (error as { hash?: { loc?: { first_line?: number; last_line?: number } } }).hash?.loc;
    const line = Number(/Parse error on line (\d+)/.exec(message)?.[1] ?? loc?.last_line ?? 1);
    const detail = message.split('\n').filter((part) => part && !/^[-.^ ]*$/.test(part) && !/^Parse error on line/.test(part)).at(-1) ?? message;
    return { line, message: /No diagram type detected/.test(message) ? `unknown diagram type "${text.trim().split(/\s/)[0]}"` : shorten(detail.replace(/^\.+/, '').trim()) };
  }
}

/** Jison lists every token it could have accepted; the first few and what it found are enough. */
function shorten(message: string): string {
  const match = /^Expecting (.+), got '([^']+)'$/.exec(message);
  if (!match) return message;
  const expected = match[1]!.split(', ').map((token) => token.replace(/'/g, ''));
  return `unexpected ${match[2]} (expected ${expected.slice(0, 4).join(', ')}${expected.length > 4 ? ', …' : ''})`;
}
