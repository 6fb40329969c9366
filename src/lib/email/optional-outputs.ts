import { Output, TokenKind, type Template } from 'liquidjs';
import { optionalContextPaths } from './context-paths';

/** Where a template prints an optional field with nothing to fall back on. */
export interface UnguardedOutput {
  path: string;
  row: number;
  col: number;
}

interface Token {
  kind: TokenKind;
  getText(): string;
  /** A property access's parts (`dates`, `"a#b"`), each with its `content`, on a variable (no literal before them). */
  variable?: unknown;
  props?: { content?: unknown }[];
}
interface ValueLike {
  filters: { name: string }[];
  initial: { postfix: Token[] };
}
interface Node {
  token?: { getPosition?: () => [number, number] };
  value?: ValueLike;
  branches?: { value?: ValueLike; templates: Template[] }[];
  elseTemplates?: Template[];
  children?: () => Generator<unknown, Template[] | undefined>;
}

/**
 * The variables an expression reads (`contact.title` in `contact.title != blank`), dotted whatever
 * the brackets: `dates["a#b"]` and `dates['a#b']` are both `dates.a#b`, so a guard matches its output.
 */
function pathsOf(value: ValueLike | undefined): string[] {
  return (value?.initial.postfix ?? []).filter((token) => token.kind === TokenKind.PropertyAccess).map(pathOf);
}

function pathOf(token: Token): string {
  const parts = token.props ?? [];
  const plain = token.variable === undefined && parts.length > 0 && parts.every((part) => typeof part.content === 'string');
  return plain ? parts.map((part) => part.content).join('.') : token.getText();
}

function childrenOf(node: Node): Template[] {
  if (!node.children) return [];
  const walk = node.children();
  let step = walk.next();
  while (!step.done) step = walk.next(); // a tag yields only to load partials, which templates cannot
  return step.value ?? [];
}

/**
 * Outputs (`{{ contact.title }}`) of an optional context field that are neither inside an `if`,
 * `unless` or `case` branch naming the field nor given a `default` filter. A client without the field
 * would read a sentence with a gap ("Dear , …"). `optional` lists the optional paths, or says of a
 * dotted path whether it is optional (a task's date, `dates.a#b`, that some clients' runs lack).
 */
export function unguardedOptionalOutputs(
  templates: Template[],
  optional: readonly string[] | ((path: string) => boolean) = optionalContextPaths(),
): UnguardedOutput[] {
  const isOptional = typeof optional === 'function' ? optional : (path: string) => optional.includes(path);
  const found: UnguardedOutput[] = [];
  const visit = (list: Template[], guarded: ReadonlySet<string>) => {
    for (const template of list) {
      const node = template as unknown as Node;
      if (template instanceof Output && node.value) {
        const [path, ...rest] = pathsOf(node.value);
        const single = rest.length === 0 && node.value.initial.postfix.length === 1;
        if (path && single && isOptional(path) && !guarded.has(path) && !node.value.filters.some((filter) => filter.name === 'default')) {
          const [row, col] = node.token?.getPosition?.() ?? [1, 1];
          found.push({ path, row, col });
        }
      } else if (node.branches) {
        // if / unless / case: a branch is guarded by its own condition (and a case by its subject); `else` by none.
        for (const branch of node.branches) visit(branch.templates, new Set([...guarded, ...pathsOf(node.value), ...pathsOf(branch.value)]));
        visit(node.elseTemplates ?? [], guarded);
      } else {
        visit(childrenOf(node), guarded);
      }
    }
  };
  visit(templates, new Set());
  return found;
}
