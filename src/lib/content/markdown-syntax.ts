import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import { remarkAlert } from 'remark-github-blockquote-alert';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkMermaid } from '../maps/remark-mermaid';
import { rehypeTableScroll } from './table-scroll';

/**
 * The remark plugins of every SOP page, in order. `astro.config.mjs` gives them to Astro (MDX inherits
 * them) and `check` parses each body with them, so `check` reads a body exactly as the build will.
 */
export const REMARK_PLUGINS = [remarkGfm, remarkMermaid, remarkAlert] as const;

/** The rehype plugins of every SOP page: tables scroll in a box of their own (a phone's width, table-scroll.ts). */
export const REHYPE_PLUGINS = [rehypeTableScroll] as const;

/** Code blocks are highlighted by Shiki at build time, except diagrams, which the browser draws. */
export const SYNTAX_HIGHLIGHT = { type: 'shiki', excludeLangs: ['mermaid'] } as const;

/** How a body is read: `.mdx` as MDX (JSX, expressions, import/export), anything else as Markdown with raw HTML. */
export type BodySyntax = 'mdx' | 'markdown';

export function bodySyntaxOf(file: string): BodySyntax {
  return file.endsWith('.mdx') ? 'mdx' : 'markdown';
}

/** Why a body does not parse, with positions inside the body (1-based). */
export interface BodySyntaxError {
  line: number;
  column: number;
  /** The parser's words, without positions; `openedAt` is the tag or brace the problem started at, if named. */
  message: string;
  /** What was being read: an import/export, a `{…}` expression, a tag (`jsx`), or something else. */
  construct: 'esm' | 'expression' | 'jsx' | 'other';
  openedAt?: { line: number; column: number };
}

const processors = {
  mdx: unified().use(remarkParse).use(remarkMdx).use([...REMARK_PLUGINS]).freeze(),
  markdown: unified().use(remarkParse).use([...REMARK_PLUGINS]).freeze(),
};

/**
 * Parses a body with the build's syntax (MDX or Markdown, plus the plugins' syntax extensions such as
 * GFM). Only the parse: no plugin transform runs and nothing is compiled or evaluated, which is all it
 * takes to find every syntax error the build would stop on, at a fraction of the cost.
 */
export function parseBody(body: string, syntax: BodySyntax): { tree: Root } | { error: BodySyntaxError } {
  try {
    return { tree: processors[syntax].parse(body) };
  } catch (error) {
    if (!isVFileMessage(error)) throw error;
    return { error: syntaxError(error) };
  }
}

/** What the parser throws (a `VFileMessage`): its words and where it stopped, if it knows. */
interface ParseMessage extends Error {
  reason: string;
  source?: string | undefined;
  ruleId?: string | undefined;
  place?: { line: number; column: number } | { start: { line: number; column: number } } | undefined;
}

function isVFileMessage(error: unknown): error is ParseMessage {
  return error instanceof Error && 'reason' in error && 'ruleId' in error;
}

/** Which MDX construct each parser module reads. */
const CONSTRUCTS: Record<string, BodySyntaxError['construct']> = {
  'micromark-extension-mdxjs-esm': 'esm',
  'micromark-extension-mdx-expression': 'expression',
  'micromark-extension-mdx-jsx': 'jsx',
  'mdast-util-mdx-jsx': 'jsx',
};

/** A body position written into a message by the MDX parser: `(3:1-3:6)`. */
const POSITION_IN_MESSAGE = /\s*\((\d+):(\d+)-\d+:\d+\)/;

function syntaxError(error: ParseMessage): BodySyntaxError {
  const place = error.place && 'start' in error.place ? error.place.start : error.place;
  const named = POSITION_IN_MESSAGE.exec(error.reason);
  const openedAt = named ? { line: Number(named[1]), column: Number(named[2]) } : undefined;
  // Acorn's own words ("Unexpected token") say more than "Could not parse expression with acorn".
  const cause = error.ruleId === 'acorn' && error.cause instanceof Error ? error.cause.message.replace(/\s*\(\d+:\d+\)$/, '') : undefined;
  const message = (cause ? `${error.reason.replace(/ with acorn$/, '')}: ${cause}` : error.reason).replace(POSITION_IN_MESSAGE, '');
  // An unclosed tag is found only at the end of the file: its opening tag is where the author must look.
  const at = place ?? openedAt ?? { line: 1, column: 1 };
  return { line: at.line, column: at.column, message, construct: CONSTRUCTS[error.source ?? ''] ?? 'other', ...(openedAt ? { openedAt } : {}) };
}
