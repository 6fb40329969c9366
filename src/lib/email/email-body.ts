import type { Nodes } from 'mdast';
import { markdownTreeToHtml, parseMarkdown } from './body-html';
import { markdownTreeToPlainText } from './plain-text';
import { restoreUrls } from './exact-urls';
import { fillMarkdown, renderTemplate, renderTemplateSlots, SLOT_MARKER, type TemplateEngines } from './liquid';
import { escapeText } from '../run/write-html';

/**
 * An email body for one client, as HTML and plain text, parsing Markdown once per template rather than
 * once per client where that cannot change the result.
 *
 * The template is rendered with each value left as a slot (`renderTemplateSlots`). The skeleton, the
 * Markdown with slots, is the same for every client whose values take the same `if` branches; it is
 * parsed and written once, and each client's values are put into the written HTML and text. That gives
 * exactly what parsing the client's own Markdown gives when a value cannot change how the Markdown
 * reads, which `isPlainValue` and `shapeOf` make sure of, conservatively:
 * - the value is one line starting with a letter and ending with a letter or digit (so emphasis,
 *   list markers and line breaks around it read as they do around the slot), without `@ . : /` (no
 *   autolink can start or end in it), backticks or angle brackets;
 * - the slot sits in a plain text node of the skeleton, outside links, code and HTML; the skeleton has
 *   no `<` (raw HTML and autolinks) and no link definitions, and no slot follows `&`-entity letters,
 *   `\`, `@ . : /` or precedes `@ . : /`.
 * Anything else (an email address, a URL, an empty value, "Dr. Ng") is rendered as before: the client's
 * Markdown parsed on its own. The test compares both ways on every case above and the fixtures.
 */

export interface EmailBody {
  /** Sanitised HTML (client values escaped). */
  html: string;
  /** Readable plain text (see plain-text.ts). */
  text: string;
}

/** The whole pipeline: the client's Markdown parsed, URLs restored, written both ways (one tree). */
function fromMarkdown(markdown: string): EmailBody {
  const tree = restoreUrls(parseMarkdown(markdown));
  const text = markdownTreeToPlainText(tree);
  return { html: markdownTreeToHtml(tree), text };
}

/** One line, a letter first, a letter or digit last, nothing that could start a link or a code span. */
const PLAIN_VALUE = /^\p{L}(?:[^\p{Cc}\p{Zl}\p{Zp}@.:/`<>]*[\p{L}\p{N}])?$/u;

export function isPlainValue(value: string): boolean {
  return PLAIN_VALUE.test(value);
}

interface Shape {
  html: string;
  text: string;
}

/** Skeletons already parsed (null: not one whose slots can be filled in); cleared past a few thousand. */
const shapes = new Map<string, Shape | null>();
const SHAPES_KEPT = 2_000;

const UNSAFE_BEFORE = /[@.:/\\&]/;
const UNSAFE_AFTER = /[@.:/]/;

function shapeOf(skeleton: string, slots: number): Shape | null {
  let shape = shapes.get(skeleton);
  if (shape === undefined) {
    shape = parseShape(skeleton, slots);
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    shapes.set(skeleton, shape);
  }
  return shape;
}

function parseShape(skeleton: string, slots: number): Shape | null {
  if (skeleton.includes('<')) return null;
  for (const match of skeleton.matchAll(SLOT_MARKER)) {
    // Letters before a slot that go back to `&` could make an entity with the value (`&am` + `p;`).
    const before = /[A-Za-z0-9#]*$/.exec(skeleton.slice(Math.max(0, match.index - 40), match.index))![0];
    const edge = skeleton[match.index - before.length - 1] ?? '';
    if (UNSAFE_BEFORE.test(skeleton[match.index - 1] ?? '') || edge === '&' || UNSAFE_AFTER.test(skeleton[match.index + match[0].length] ?? '')) return null;
  }
  const tree = restoreUrls(parseMarkdown(skeleton));
  if (countTextSlots(tree, false) !== slots) return null;
  const text = markdownTreeToPlainText(tree);
  return { html: markdownTreeToHtml(tree), text };
}

const slotsIn = (value: string) => value.match(SLOT_MARKER)?.length ?? 0;

/** Slots in plain text nodes outside links; -Infinity when one is anywhere else or the tree has definitions. */
function countTextSlots(node: Nodes, inLink: boolean): number {
  if (node.type === 'definition' || node.type === 'footnoteDefinition') return -Infinity;
  if (node.type === 'text') return inLink ? (slotsIn(node.value) > 0 ? -Infinity : 0) : slotsIn(node.value);
  const fields = node as unknown as Record<string, unknown>;
  for (const key of ['url', 'title', 'alt', 'value', 'label', 'identifier']) {
    if (typeof fields[key] === 'string' && slotsIn(fields[key]) > 0) return -Infinity;
  }
  if (!('children' in node)) return 0;
  const linked = inLink || node.type === 'link' || node.type === 'linkReference';
  let count = 0;
  for (const child of node.children) count += countTextSlots(child, linked);
  return count;
}

function fill(written: string, values: string[], escape: (value: string) => string): string {
  return written.replace(SLOT_MARKER, (_marker, index: string) => escape(values[Number(index)]!));
}

const same = (value: string) => value;

/** Renders a template's body for one context (client values escaped, sanitised HTML, plain text). */
export function renderEmailBody(engines: TemplateEngines, source: string, context: object): EmailBody {
  const slotted = renderTemplateSlots(engines, source, context);
  // A value that carries a slot ({% capture %} output printed again) cannot be filled in: render as before.
  if (slotted.values.some((value) => slotsIn(value) > 0)) return fromMarkdown(renderTemplate(engines, source, context, 'markdown'));
  const markdown = fillMarkdown(slotted);
  if (!slotted.values.every(isPlainValue)) return fromMarkdown(markdown);
  const shape = shapeOf(slotted.skeleton, slotted.values.length);
  if (!shape) return fromMarkdown(markdown);
  return { html: fill(shape.html, slotted.values, escapeText), text: fill(shape.text, slotted.values, same) };
}

/** For tests: the body as the whole pipeline writes it from the client's own Markdown. */
export function renderEmailBodyUncached(engines: TemplateEngines, source: string, context: object): EmailBody {
  return fromMarkdown(renderTemplate(engines, source, context, 'markdown'));
}
