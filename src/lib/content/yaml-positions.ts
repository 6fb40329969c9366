import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/**
 * A YAML document (a whole file or an MDX frontmatter block) that can answer "where is this field?":
 * zod reports a path (`checklist.2.due`), the `yaml` package keeps every node's source range.
 */
export interface YamlSource {
  file: string;
  /** Parsed value (plain JS; dates stay `YYYY-MM-DD` strings). */
  value: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Line in the file where the YAML text starts (1 for a YAML file, 2 for frontmatter). */
  firstLine: number;
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The most aliases (`*name`) a file may expand: more is a "billion laughs" bomb, not content. */
export const MAX_ALIAS_COUNT = 100;

/** Why a YAML text cannot be read, at a position in the file. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * The one YAML parser for every content file and frontmatter block: the `yaml` package's YAML 1.2
 * core schema, so `2027-02-30` stays the text the author wrote (no timestamp roll-over) and the schema
 * judges it; keys are unique; `<<` merge keys are refused (YAML 1.2 has none, and a reader of the file
 * should see every field); alias expansion is bounded. Returns the value and every problem, positioned.
 */
export function parseYamlSource(file: string, text: string, firstLine = 1): YamlSource & { problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
  const source = { file, value: undefined as unknown, document, lineCounter, firstLine };
  const problems: YamlProblem[] = document.errors.map((error) => ({ ...at(source, error.pos[0]), message: error.message.split('\n')[0]! }));
  // A `<<` key is written `<<`, or escaped inside double quotes: other texts need no walk of the tree.
  if (text.includes('<<') || text.includes('\\')) {
    visit(document, {
      Pair(_, pair) {
        if (isScalar(pair.key) && pair.key.value === '<<') {
          problems.push({ ...at(source, pair.key.range?.[0] ?? 0), message: 'a `<<` merge key: Sendoff reads YAML 1.2, which has no merge keys, so write the fields out in full' });
        }
      },
    });
  }
  if (problems.length === 0) {
    try {
      source.value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // Only alias expansion throws here (the document itself parsed).
      let firstAlias: number | undefined;
      visit(document, {
        Alias(_, alias) {
          firstAlias ??= alias.range?.[0];
        },
      });
      problems.push({ ...at(source, firstAlias ?? 0), message: `the aliases (\`*name\`) expand to too much data (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return { ...source, problems };
}

function at(source: Pick<YamlSource, 'lineCounter' | 'firstLine'>, offset: number): { line: number; column: number } {
  const position = source.lineCounter.linePos(offset);
  return { line: position.line + source.firstLine - 1, column: position.col };
}

/** Position of an offset range in file coordinates. */
export function rangePosition(source: YamlSource, start: number, end: number): Position {
  const a = source.lineCounter.linePos(start);
  const b = source.lineCounter.linePos(Math.max(start, end));
  return { line: a.line + source.firstLine - 1, column: a.col, endLine: b.line + source.firstLine - 1, endColumn: b.col };
}

/**
 * Finds the best position for a path: the value's node when it exists; for `key` (an unknown or
 * misspelt field) the key itself; otherwise the nearest existing parent, so a missing field points
 * at the object that lacks it.
 */
export function positionOf(source: YamlSource, path: readonly PropertyKey[], key?: string): Position {
  let node: unknown = source.document.contents;
  let keyNode: Node | null = null;
  for (const segment of path) {
    const child = childOf(node, segment);
    if (!child) break;
    keyNode = child.key;
    node = child.value;
  }
  if (key !== undefined) {
    const pair = childOf(node, key);
    if (pair?.key) return nodePosition(source, pair.key);
  }
  const target = (node as Node | null) ?? keyNode;
  if (target && 'range' in target && target.range) {
    // A missing field inside a mapping: point at the mapping's first key, not its whole span.
    if (isMap(target) && target.items[0] && isPair(target.items[0]) && path.length > 0 && key === undefined) {
      return nodePosition(source, keyNode ?? (target.items[0].key as Node));
    }
    return nodePosition(source, target);
  }
  return { line: source.firstLine, column: 1, endLine: source.firstLine, endColumn: 1 };
}

function nodePosition(source: YamlSource, node: Node): Position {
  const [start, valueEnd] = node.range ?? [0, 0];
  return rangePosition(source, start, valueEnd);
}

function childOf(node: unknown, segment: PropertyKey): { key: Node | null; value: unknown } | null {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    return pair ? { key: pair.key as Node, value: pair.value } : null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item ? { key: null, value: item } : null;
  }
  return null;
}
