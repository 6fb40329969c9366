import type { IsoDate } from '../../../schemas';
import type { Diagnostic } from '../diagnostics';
import type { Library } from '../../content/library';
import type { SourceRecord } from '../../content/load';
import { positionOf } from '../../content/yaml-positions';
import type { Root } from 'mdast';
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
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${String(segment)}`)).join('');
}

/** A body's syntax tree, or why it does not parse (positions inside the body). */
export type BodyParse = { tree: Root } | { error: BodySyntaxError };

const parses = new WeakMap<RuleContext, Map<string, BodyParse>>();

/**
 * Text that a body must contain for a body rule to have anything to check: a fence, a link or image
 * address, a tag or an MDX expression (and, below, an MDX import or export).
 */
const BODY_MARKERS = ['```', '~~~', '](', ']:', '<', '{'];
const ESM_LINE = /^(?:import|export)\b/m;

/**
 * A file's body parsed once per run with the build's syntax (MDX for `.mdx`, see `markdown-syntax.ts`)
 * and shared by the rules that read bodies. Bodies with none of the markers are not parsed at all (most
 * of them, in a big library): plain prose cannot fail to parse and holds nothing a rule looks for.
 */
export function bodyParse(ctx: RuleContext, file: string): BodyParse | null {
  const body = ctx.sources.get(file)?.body;
  if (body === undefined || !(BODY_MARKERS.some((marker) => body.includes(marker)) || ESM_LINE.test(body))) return null;
  let cache = parses.get(ctx);
  if (!cache) parses.set(ctx, (cache = new Map()));
  let parsed = cache.get(file);
  if (!parsed) {
    parsed = parseBody(body, bodySyntaxOf(file));
    cache.set(file, parsed);
  }
  return parsed;
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
