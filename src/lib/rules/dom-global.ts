import { Window } from 'happy-dom';

// Mermaid needs a DOM even to parse (DOMPurify hooks in at import time). This module is imported just
// before mermaid, so a window exists when mermaid's module body runs. Browsers are never affected:
// only the validation engine (Node) imports it.
const global = globalThis as { window?: unknown };
global.window ??= new Window();
