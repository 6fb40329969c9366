import { RenderContextSchema } from '../../schemas/render-context';

/**
 * The variables a template may read, derived from `RenderContextSchema` (the zod schema is the one
 * source: add a field there and templates may use it). Maps such as `links`, `vars` and `dates` take
 * their keys from the content: the company's links, the playbook's declared questions, its dated tasks.
 */

interface SchemaNode {
  def?: { type?: string; shape?: Record<string, SchemaNode>; element?: SchemaNode; valueType?: SchemaNode; innerType?: SchemaNode; in?: SchemaNode; options?: SchemaNode[] };
}

/** Keys of the open-ended maps in the context, known only from the content. */
export interface ContextKeys {
  links: readonly string[];
  vars: readonly string[];
  /** Global ids of the dated tasks (`collect-final-payment#send-final-invoice`, a repeat `…/1`). */
  dates: readonly string[];
}

/** The maps whose keys come from the content. */
const KEYED_MAPS = ['links', 'vars', 'dates'] as const;
const isKeyedMap = (name: string | undefined): name is keyof ContextKeys => (KEYED_MAPS as readonly (string | undefined)[]).includes(name);

/** Properties Liquid gives every list (`outstanding.invoices.size`) and string. */
const LIST_PROPERTIES = ['size', 'first', 'last'];
const STRING_PROPERTIES = ['size'];

function unwrap(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let depth = 0; current?.def && depth < 10; depth++) {
    const { type } = current.def;
    if (type === 'optional' || type === 'default' || type === 'nullable') current = current.def.innerType;
    else if (type === 'pipe') current = current.def.in;
    else break;
  }
  return current;
}

export type PathCheck = { ok: true } | { ok: false; valid: string; suggestions: string[] };

/** Checks a variable path (`['client', 'name']`) against the context; on failure says how far it was valid. */
export function checkContextPath(segments: readonly (string | number)[], keys: ContextKeys): PathCheck {
  let node = unwrap(RenderContextSchema as unknown as SchemaNode);
  const walked: string[] = [];
  for (const segment of segments) {
    const type = node?.def?.type;
    const name = String(segment);
    let next: SchemaNode | undefined | 'leaf';
    // Own fields only: `client.constructor` is no field, whatever every object inherits.
    if (type === 'object') next = Object.hasOwn(node!.def!.shape ?? {}, name) ? node!.def!.shape![name] : undefined;
    else if (type === 'record') {
      const allowed = walked.length === 1 && isKeyedMap(walked[0]) ? keys[walked[0]] : null;
      next = allowed === null || allowed.includes(name) ? node!.def!.valueType : undefined;
      if (next && (walked[0] === 'vars' || walked[0] === 'dates')) next = 'leaf';
    } else if (type === 'array') {
      if (typeof segment === 'number' || /^\d+$/.test(name) || name === 'first' || name === 'last') next = node!.def!.element;
      else next = name === 'size' ? 'leaf' : undefined;
    } else if (type === 'string' || type === 'enum' || type === 'union') {
      next = STRING_PROPERTIES.includes(name) ? 'leaf' : undefined;
    } else next = undefined;
    if (next === undefined) {
      return { ok: false, valid: walked.join('.'), suggestions: childNames(node, walked, keys).map((child) => [...walked, child].join('.')) };
    }
    walked.push(name);
    if (next === 'leaf') return segments.length === walked.length ? { ok: true } : { ok: false, valid: walked.join('.'), suggestions: [] };
    node = unwrap(next);
  }
  return { ok: true };
}

function childNames(node: SchemaNode | undefined, walked: string[], keys: ContextKeys): string[] {
  const type = node?.def?.type;
  if (type === 'object') return Object.keys(node!.def!.shape ?? {});
  if (type === 'record' && isKeyedMap(walked[0])) return [...keys[walked[0]]];
  if (type === 'array') return LIST_PROPERTIES;
  return [];
}

/** Every variable path a template may use, for "did you mean" across the whole context. */
export function allContextPaths(keys: ContextKeys): string[] {
  const paths: string[] = [];
  const walk = (node: SchemaNode | undefined, prefix: string[]) => {
    const current = unwrap(node);
    const type = current?.def?.type;
    if (type === 'object') {
      for (const [key, child] of Object.entries(current!.def!.shape ?? {})) walk(child, [...prefix, key]);
    } else if (type === 'record' && isKeyedMap(prefix[0])) {
      for (const key of keys[prefix[0]]) paths.push([...prefix, key].join('.'));
    } else {
      paths.push(prefix.join('.'));
      if (type === 'array') paths.push(`${prefix.join('.')}.size`);
    }
  };
  walk(RenderContextSchema as unknown as SchemaNode, []);
  return paths;
}

/**
 * The paths of the context that a client may leave empty (`contact.title`): optional in the schema,
 * so a template should print them under a guard or with a `default`.
 */
export function optionalContextPaths(): string[] {
  const paths: string[] = [];
  const walk = (node: SchemaNode | undefined, prefix: string[]) => {
    if (node?.def?.type === 'optional') paths.push(prefix.join('.'));
    const current = unwrap(node);
    if (current?.def?.type !== 'object') return;
    for (const [key, child] of Object.entries(current.def.shape ?? {})) walk(child, [...prefix, key]);
  };
  walk(RenderContextSchema as unknown as SchemaNode, []);
  return paths;
}
