import { afterAll } from 'vitest';

// Most unit tests validate a fixture project with `cache: false`, so every diagram is parsed. Loading
// mermaid into fresh workers for each check cost a second or more per test; the workers are kept for
// the whole file instead (the same parser, the same diagrams), and stopped when the file is done.
// Not in browser-like files (happy-dom): they check no project, and Vite would treat the worker as a web worker.
if (typeof window === 'undefined') {
  const { keepMermaidParser, stopMermaidParser } = await import('../../src/lib/check/rules/mermaid');
  keepMermaidParser();
  afterAll(() => stopMermaidParser());
}
