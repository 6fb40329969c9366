import type { IsoDate } from '../../../schemas';
import type { Diagnostic } from '../diagnostics';
import { sopItems, toGlobalId, type Library } from '../../content/library';
import type { Due } from '../../../schemas/due';
import type { SourceRecord } from '../../content/load';
import { positionOf } from '../../content/yaml-positions';
import type { Code, Root } from 'mdast';
import { bodySyntaxOf, parseBody, type BodySyntaxError } from '../../content/markdown-syntax';

/** What every rule reads: the validated library, the sources for positions, and the date of the run. */
export interface RuleContext {
  library: Library;
  sources: Map<string, SourceRecord>;
  /** The file of each entry by `<folder>/<id>`, as the content pipeline named it. */
  files: ReadonlyMap<string, string>;
  /** Entries that exist but failed their schema (`sops/x`): references to them are not errors again. */
  invalid: ReadonlySet<string>;
  today: IsoDate;
  /** The project folder, for rules that read files beyond the content (`.github/CODEOWNERS`). */
  root?: string;
}

export type Finding = Pick<Diagnostic, 'rule' | 'severity' | 'message'> & { hint?: string | undefined };

/** A diagnostic at a YAML path (a frontmatter or data file field); `key` points at a key instead of its value. */
export function atPath(ctx: RuleContext, file: string, path: readonly PropertyKey[], finding: Finding, key?: string): Diagnostic {
  const source = ctx.sources.get(file)?.source;
  const position = source ? positionOf(source, path, key) : { line: 1, column: 1 };
  return withHint({ file, ...position, ...finding });
}

/** A diagnostic at a line of a Markdown body, given the line inside the body (1-based). */
export function atBody(ctx: RuleContext, file: string, bodyLine: number, column: number, finding: Finding): Diagnostic {
  const first = ctx.sources.get(file)?.bodyLine ?? 1;
  return withHint({ file, line: first + bodyLine - 1, column, ...finding });
}

function withHint(diagnostic: Diagnostic & { hint?: string | undefined }): Diagnostic {
  if (diagnostic.hint === undefined) delete diagnostic.hint;
  return diagnostic;
}

/** The file an entry was loaded from (`sops/x.mdx` for folder `sops`, id `x`). */
export function fileOf(ctx: Pick<RuleContext, 'files'>, folder: string, id: string): string {
  return ctx.files.get(`${folder}/${id}`) ?? `${folder}/${id}`;
}

/** `checklist[2].after[0]` from a path. */
/** A checklist item where it is written: an SOP's `checklist[i]` or a playbook's `extra[e]`. */
export interface WrittenItem {
  /** Its global id (`sop#item`, `playbook#extra`). */
  id: string;
  due: Due | null;
  when: string | undefined;
  /** The global ids it waits for. */
  after: string[];
  file: string;
  /** The path of its entry in the file (`['checklist', 2]`): add the field (`due`, `after`). */
  at: PropertyKey[];
}

/** Every checklist item of the library, SOPs' first, then playbooks' extras, for the rules that walk them all. */
export function writtenItems(ctx: RuleContext): WrittenItem[] {
  const items: WrittenItem[] = [];
  for (const sop of ctx.library.sops) {
    const file = fileOf(ctx, 'sops', sop.id);
    sopItems(sop).forEach((item, i) => items.push({ id: item.globalId, due: item.due ?? null, when: item.when, after: item.after, file, at: ['checklist', i] }));
  }
  for (const playbook of ctx.library.playbooks) {
    const file = fileOf(ctx, 'templates/playbooks', playbook.id);
    playbook.extra.forEach((item, e) =>
      items.push({ id: `${playbook.id}#${item.id}`, due: item.due ?? null, when: item.when, after: item.after.map((ref) => toGlobalId(ref, playbook.id)), file, at: ['extra', e] }),
    );
  }
  return items;
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${String(segment)}`)).join('');
}

/** A body's syntax tree, or why it does not parse (positions inside the body). */
export type BodyParse = { tree: Root } | { error: BodySyntaxError };

/**
 * Parsed bodies by syntax and text, shared by every check in this process: the dev server re-checks
 * on every save, and only the body that changed is parsed again. Trees are read, never changed, by
 * the rules. Bounded, so a long session does not keep every version of every body.
 */
const parses = new Map<string, BodyParse>();
const MAX_PARSES = 20_000;

/**
 * Text that a body must contain for a body rule to have anything to check: a fence, a link or image
 * address, a tag or an MDX expression (and, below, an MDX import or export).
 */
const BODY_MARKERS = ['```', '~~~', '](', ']:', '<', '{'];
const ESM_LINE = /^(?:import|export)\b/m;

/**
 * A body's syntax tree, parsed once per body text with the build's syntax (MDX for `.mdx`, see
 * `markdown-syntax.ts`) and shared by the rules that read bodies. Bodies with none of the markers are
 * not parsed at all (most of them, in a big library): plain prose cannot fail to parse and holds
 * nothing a rule looks for. Bodies whose only markup is fenced code get their fences from
 * `fencedCodeOnly` instead of the full parser.
 */
export function bodyParse(ctx: RuleContext, file: string): BodyParse | null {
  const body = ctx.sources.get(file)?.body;
  if (body === undefined || !(BODY_MARKERS.some((marker) => body.includes(marker)) || ESM_LINE.test(body))) return null;
  const syntax = bodySyntaxOf(file);
  const key = `${syntax}\0${body}`;
  let parsed = parses.get(key);
  if (!parsed) {
    const fences = fencedCodeOnly(body);
    parsed = fences ? { tree: fences } : parseBody(body, syntax);
    if (parses.size >= MAX_PARSES) parses.clear();
    parses.set(key, parsed);
  }
  return parsed;
}

/** What outside a fence could make a node a rule reads, or a parse error: tags, braces, links, references, escapes, autolinks. */
const MARKUP_OUTSIDE_FENCES = /[<>{}[\]&\\`~]|:\/\/|www\.|@/i;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;

/**
 * The syntax tree of a body whose only markup is fenced code blocks, without running the parser
 * (the MDX parser costs milliseconds a body, and a third of a big library's SOPs have a diagram):
 * each fence opened and closed at the start of a line becomes the `code` node the parser would give
 * (its `lang`, its text, its lines). Null (parse it fully) when anything else could matter: every line
 * outside the fences must be plain prose or list or heading text, free of anything the body rules
 * read or that could fail to parse as MDX (tags, braces, links, autolinks, escapes, entities, ESM).
 * test/unit/body-fences.test.ts compares it with the parser.
 */
export function fencedCodeOnly(body: string): Root | null {
  if (ESM_LINE.test(body) || body.includes('\r')) return null;
  const lines = body.split('\n');
  const children: Code[] = [];
  let open: { fence: string; lang: string | null; meta: string | null; line: number; text: string[] } | null = null;
  for (const [index, line] of lines.entries()) {
    if (open) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
        const end = { line: index + 1, column: line.length + 1 };
        children.push({ type: 'code', lang: open.lang, meta: open.meta, value: open.text.join('\n'), position: { start: { line: open.line, column: 1 }, end } } as Code);
        open = null;
      } else open.text.push(line);
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const info = fence[2]!.trim();
      // Only a plain info string: no backtick (not a fence), no escape or entity (decoded by the parser).
      if (!/^[\w.+#-]*(?:[ \t]+[^`\\&]*)?$/.test(info)) return null;
      const lang = info.split(/[ \t]/)[0]!;
      const meta = info.slice(lang.length).trim();
      open = { fence: fence[1]!, lang: lang || null, meta: meta || null, line: index + 1, text: [] };
      continue;
    }
    if (MARKUP_OUTSIDE_FENCES.test(line)) return null;
  }
  // A fence left open runs to the end of the body: the parser's reading of the last lines decides.
  return open ? null : { type: 'root', children };
}

/**
 * Every SOP's body that has something to check, parsed once: the loop the body rules share. A body
 * that does not parse comes with its `error` (the `mdx` rule reports it) instead of a `tree`.
 */
export function sopBodies(ctx: RuleContext): ({ file: string } & BodyParse)[] {
  return ctx.library.sops.flatMap((sop) => {
    const file = fileOf(ctx, 'sops', sop.id);
    const parsed = bodyParse(ctx, file);
    return parsed ? [{ file, ...parsed }] : [];
  });
}
