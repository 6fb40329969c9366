import type { PhrasingContent, Root, Table, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { RULE_CATALOGUE, type RuleEntry } from './catalogue';

/**
 * The README's table of rules, generated from the catalogue so the two cannot drift. It is written
 * from a syntax tree (as the issue export is), so a `|` or `*` in a doc cannot break the table; each
 * doc is parsed as Markdown first, so its code spans stay code.
 */

/** The comments that fence the generated table in README.md. */
export const RULE_TABLE_START = '<!-- rules:start: generated from src/lib/check/catalogue.ts by `npm run docs:rules` -->';
export const RULE_TABLE_END = '<!-- rules:end -->';

const parser = unified().use(remarkParse).use(remarkGfm);
const stringifier = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkStringify);

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });

/** A one-line Markdown string as inline nodes. */
function inline(markdown: string): PhrasingContent[] {
  const [first] = parser.parse(markdown).children;
  return first?.type === 'paragraph' ? first.children : [text(markdown)];
}

function row(cells: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) };
}

function entryRow(id: string, entry: RuleEntry): TableRow {
  const severity = entry.also ? `${entry.severity}, ${entry.also.severity}` : entry.severity;
  const doc = entry.also ? [...inline(entry.doc), text(` A ${entry.also.severity} when ${entry.also.when}.`)] : inline(entry.doc);
  return row([[code(id)], [text(severity)], [text(entry.title)], doc]);
}

/** The catalogue as a GFM table, one row per rule, in catalogue order. */
export function formatRuleTable(): string {
  const table: Table = {
    type: 'table',
    align: [],
    children: [
      row([[text('rule')], [text('severity')], [text('title')], [text('what it checks, and why')]]),
      ...Object.entries(RULE_CATALOGUE).map(([id, entry]) => entryRow(id, entry)),
    ],
  };
  const root: Root = { type: 'root', children: [table] };
  return stringifier.stringify(root).trimEnd();
}

/** The text between the README's markers, without the markers, or null when a marker is missing. */
export function readRuleTable(readme: string): string | null {
  const start = readme.indexOf(RULE_TABLE_START);
  const end = readme.indexOf(RULE_TABLE_END, start);
  if (start === -1 || end === -1) return null;
  return readme.slice(start + RULE_TABLE_START.length, end).trim();
}

/** The README with the table between its markers brought up to date. */
export function replaceRuleTable(readme: string): string {
  const start = readme.indexOf(RULE_TABLE_START);
  const end = readme.indexOf(RULE_TABLE_END, start);
  if (start === -1 || end === -1) throw new Error(`README.md has no ${RULE_TABLE_START} … ${RULE_TABLE_END} block: put the two comments where the table of rules goes`);
  return `${readme.slice(0, start + RULE_TABLE_START.length)}\n${formatRuleTable()}\n${readme.slice(end)}`;
}
