import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { atBody, sopBodies, type RuleContext } from './context';

/**
 * Every SOP body must parse as the build will read it (MDX with the same remark plugins), or the
 * build stops with a position inside the body (`…mdx:0:0`) and a stack trace. Parsing is enough: with
 * the `sop-code` rule, nothing in a body that parses is evaluated, so nothing else can fail at build.
 */
/** What to do, by the construct the parser was reading. */
const HINTS = {
  esm: 'an SOP imports and exports nothing (rule sop-code): remove the line',
  expression: 'in MDX `{` starts an expression: write `\\{` for a brace itself, and close a `{/* note */}` you opened',
  jsx: 'in MDX `<` starts a tag: close every tag you open (`<br />`, `<details>…</details>`, each on its own lines with blank lines around the content), or write `\\<` for the character',
  other: 'check the line against https://mdxjs.com/docs/what-is-mdx/#markdown',
} as const;

export function mdxRules(ctx: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const body of sopBodies(ctx)) {
    if (!('error' in body)) continue;
    const { file, error } = body;
    const bodyStart = ctx.sources.get(file)?.bodyLine ?? 1;
    const opened = error.openedAt && error.openedAt.line !== error.line ? ` (opened on line ${bodyStart + error.openedAt.line - 1})` : '';
    found.push(
      atBody(ctx, file, error.line, error.column, {
        ...reportAs('mdx'),
        message: `the MDX does not parse: ${error.message}${opened}`,
        hint: HINTS[error.construct],
      }),
    );
  }
  return found;
}
